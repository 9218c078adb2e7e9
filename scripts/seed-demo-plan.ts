/**
 * The demo's closed loop, seeded once: the action plan the teams made for the past image-loading incident
 * (which the simulator writes into the backfilled history) and its launch at the time the fix shipped, so
 * /impact can measure what the fix changed. Goes through the plans service like the API does (validation,
 * the append-only log, the live push), with past times and actor "demo". Idempotent: if a plan by "demo"
 * about the topic exists, it prints that plan's id and changes nothing.
 *
 *   tsx scripts/seed-demo-plan.ts --fixed-minutes-ago 4680
 *
 * Prints the plan id. Uses the same environment variables as the web node (REDIS_URL, CLICKHOUSE_*).
 */
import { Redis } from 'ioredis';
import type { PlansUpdate } from '../schemas/plans.ts';
import { loadConfig } from '../streaming/config.ts';
import { connectHttpDb } from '../streaming/store/db.ts';
import { migrate } from '../streaming/store/migrate.ts';
import { addPlanEvent, createPlan, publishPlanUpdate, type Outcome } from '../src/lib/server/plans/service.ts';
import { listPlans } from '../src/lib/server/plans/store.ts';
import { createPlanSchema, planEventSchema, type PlanEventInput } from '../src/lib/server/plans/validate.ts';

const ACTOR = 'demo';
const TOPIC = 'app.slow';
const MINUTE = 60_000;
const DAY = 1_440 * MINUTE;

const argv = process.argv.slice(2);
const flag = argv.indexOf('--fixed-minutes-ago');
const fixedMinutesAgo = Number(argv[flag + 1]);
if (flag < 0 || !(fixedMinutesAgo > 0)) {
  process.stderr.write('usage: tsx scripts/seed-demo-plan.ts --fixed-minutes-ago <minutes>\n');
  process.exit(2);
}

const config = loadConfig();
const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3 });
const db = await connectHttpDb({ url: config.CLICKHOUSE_URL, username: config.CLICKHOUSE_USER, password: config.CLICKHOUSE_PASSWORD, database: config.CLICKHOUSE_DATABASE });

function accepted(out: Outcome<PlansUpdate>): PlansUpdate {
  if (!out.ok) throw new Error(`${out.error}: ${JSON.stringify(out.issues ?? [])}`);
  return out.value;
}

try {
  await migrate(db);
  const existing = (await listPlans(db, { topic: TOPIC })).find((p) => p.createdBy === ACTOR);
  if (existing) {
    console.log(existing.id);
  } else {
    const fixAt = Date.now() - fixedMinutesAgo * MINUTE;
    // The story, in the plan's own log: made from the insight four days before the fix, the cause found,
    // the fix built and shipped; telling the affected customers is still to do.
    const created = accepted(
      await createPlan(
        db,
        createPlanSchema.parse({
          title: '华东安卓端图片加载慢 · Images load slowly on Android in East China',
          team: 'App performance',
          assignees: ['Li Wei', 'Chen Jing'],
          topics: [TOPIC],
          slices: [`topic:${TOPIC}|region:east|platform:android`],
          source: { kind: 'insight', id: TOPIC }
        }),
        ACTOR,
        fixAt - 4 * DAY
      )
    );
    await publishPlanUpdate(redis, config.VOC_STREAM, created);
    const planId = created.plan.id;
    const add = async (input: PlanEventInput, at: number) => {
      const update = accepted(await addPlanEvent(db, planId, planEventSchema.parse(input), ACTOR, at));
      await publishPlanUpdate(redis, config.VOC_STREAM, update);
      return update;
    };
    const cause = await add({ type: 'step_add', title: '定位原因：华东 CDN 节点回源慢 · Find the cause: slow CDN origin fetches in East China', dueAt: fixAt - 2 * DAY }, fixAt - 4 * DAY + 30 * MINUTE);
    const fix = await add({ type: 'step_add', title: '安卓端改用就近节点并压缩图片 · Android app: nearest CDN node, compressed images', dueAt: fixAt }, fixAt - 4 * DAY + 35 * MINUTE);
    await add({ type: 'step_add', title: '告知投诉过的客户已修复 · Tell the customers who complained that it is fixed', dueAt: Date.now() + 2 * DAY }, fixAt - 4 * DAY + 40 * MINUTE);
    const stepId = (u: PlansUpdate) => (u.event.type === 'step_add' ? u.event.stepId : '');
    await add({ type: 'step_update', stepId: stepId(cause), status: 'done' }, fixAt - 2 * DAY);
    await add({ type: 'comment', text: '华东两个 CDN 节点回源超时；iOS 走另一条线路，不受影响。· Two East China CDN nodes time out on origin fetches; iOS uses another route and is not affected.' }, fixAt - 2 * DAY + 5 * MINUTE);
    await add({ type: 'step_update', stepId: stepId(fix), status: 'done' }, fixAt);
    await add({ type: 'launch', at: fixAt, scope: { kind: 'everywhere' } }, fixAt + MINUTE);
    console.log(planId);
  }
} finally {
  redis.disconnect();
  await db.close();
}
