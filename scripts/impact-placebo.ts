/**
 * Placebo launches inside stored history: fixes that never happened, on real topics at real times, run
 * through the product's own reads and computation (src/lib/server/impact). Any "significant" effect is a
 * false positive; at the 95% level about 5% is the honest rate.
 *
 *   npm run --silent impact:placebo -- [--trials 200] [--seed 1] [--post-days 3]
 *       [--simulate-days 35 --rate 0.2]   write that much simulated demo history (real enrichment, no
 *                                         incident) into a fresh database first
 *
 * Without --simulate-days it reads the database the environment names (CLICKHOUSE_URL,
 * CLICKHOUSE_DATABASE), e.g. the demo's. Prints one JSON line.
 */
import { validateFeedback } from '../schemas/feedback.ts';
import type { Launch, LaunchScope } from '../schemas/plans.ts';
import { computeImpact } from '../src/lib/server/impact/compute.ts';
import { topicHours } from '../src/lib/server/impact/queries.ts';
import { launchWindows } from '../src/lib/server/impact/service.ts';
import { loadConfig } from '../streaming/config.ts';
import { createEnricher } from '../streaming/enrich/index.ts';
import { createGenerator } from '../streaming/sim/generator.ts';
import { REGIONS } from '../streaming/sim/world.ts';
import { connectHttpDb, type Db } from '../streaming/store/db.ts';
import { insertFeedback } from '../streaming/store/insert.ts';
import { migrate } from '../streaming/store/migrate.ts';
import { toRow } from '../streaming/store/rows.ts';
import { Sql, sql } from '../streaming/store/sql.ts';
import { createRng } from '../streaming/sim/rng.ts';

const H = 3_600_000;
const DAY = 24 * H;
/** the fit needs history: placebos start this long after the data does */
const MIN_PRE_DAYS = 14;

function args() {
  const a = process.argv.slice(2);
  const get = (name: string, def: number) => {
    const i = a.indexOf(name);
    return i >= 0 ? Number(a[i + 1]) : def;
  };
  return {
    trials: get('--trials', 200),
    seed: get('--seed', 1),
    postDays: get('--post-days', 3),
    simulateDays: get('--simulate-days', 0),
    rate: get('--rate', 0.2)
  };
}

async function simulate(db: Db, days: number, rate: number, seed: number): Promise<void> {
  const to = Math.floor(Date.now() / H) * H;
  const from = to - days * DAY;
  const gen = createGenerator({ seed: `placebo-${seed}`, now: from, incidents: [] });
  const enrich = createEnricher();
  let n = 0;
  for (let t = from; t < to; t += 6 * H) {
    const rows = gen.advance(Math.min(to, t + 6 * H), rate).flatMap((doc) => {
      const v = validateFeedback(doc, t, () => `placebo-${n++}`);
      if (!v.ok) return [];
      const record = { ...enrich(v.value), received_at: v.value.ts };
      return [{ key: record.id, row: toRow(record, `0-${record.id}`) }];
    });
    await insertFeedback(db, rows);
  }
}

async function main() {
  const o = args();
  const config = loadConfig();
  const database = o.simulateDays > 0 ? `voc_placebo_${o.seed}_${Date.now()}` : config.CLICKHOUSE_DATABASE;
  const db = await connectHttpDb({ url: config.CLICKHOUSE_URL, username: config.CLICKHOUSE_USER, password: config.CLICKHOUSE_PASSWORD, database });
  try {
    if (o.simulateDays > 0) {
      await migrate(db);
      await simulate(db, o.simulateDays, o.rate, o.seed);
      process.stderr.write(`simulated ${o.simulateDays} days into ${database}\n`);
    }
    const [span] = await db.query<{ a: number | string; b: number | string }>(
      sql`SELECT toUnixTimestamp(min(minute)) AS a, toUnixTimestamp(max(minute)) AS b FROM feedback_minute`
    );
    const start = Math.ceil((Number(span.a) * 1000) / H) * H;
    const end = Math.floor((Number(span.b) * 1000) / H) * H;
    const first = start + MIN_PRE_DAYS * DAY;
    const last = end - o.postDays * DAY;
    if (last <= first) throw new Error(`need at least ${MIN_PRE_DAYS + o.postDays} days of data; found ${((end - start) / DAY).toFixed(1)}`);
    // Topics with enough complaints to measure at all (a placebo on silence proves nothing).
    const topics = (
      await db.query<{ topic: string; neg: number | string }>(
        sql`SELECT topic, sum(neg) AS neg FROM topic_minute GROUP BY topic HAVING neg >= ${((end - start) / DAY) * 24} ORDER BY neg DESC LIMIT 12`
      )
    ).map((r) => r.topic);

    const rng = createRng(o.seed);
    const out = { everywhere: { n: 0, fp: 0 }, pilot: { n: 0, fp: 0, didFp: 0, didN: 0 }, insufficient: 0 };
    const errors: number[] = [];
    for (let i = 0; i < o.trials; i++) {
      const at = first + Math.floor(rng.next() * ((last - first) / H)) * H;
      const topic = topics[Math.floor(rng.next() * topics.length)];
      const pilot = i % 2 === 1;
      const scope: LaunchScope = pilot ? { kind: 'pilot', regions: [REGIONS[Math.floor(rng.next() * REGIONS.length)]] } : { kind: 'everywhere' };
      const launch: Launch = { planId: `placebo-${i}`, planTitle: 'placebo', at, scope, topics: [topic], actor: 'placebo', recordedAt: at };
      // The product's reads and computation (not the customer list and examples, which do not bear on it).
      const now = at + o.postDays * DAY;
      const { w } = await launchWindows(db, launch, now);
      const rows = await topicHours(db, { topics: launch.topics, scope: launch.scope, from: w.preStart, to: w.postEnd });
      const d = computeImpact({ launch, window: w, rows, now });
      if ((i + 1) % 20 === 0) process.stderr.write(`${i + 1}/${o.trials} placebo launches\n`);
      if (!d.headline) {
        out.insufficient++;
        continue;
      }
      errors.push(Math.abs(d.headline.relativeEffect));
      const bucket = pilot ? out.pilot : out.everywhere;
      bucket.n++;
      if (d.headline.significant) bucket.fp++;
      const did = d.pilot?.diffInDiff;
      if (did) {
        out.pilot.didN++;
        if (did.lower95 > 0 || did.upper95 < 0) out.pilot.didFp++;
      }
    }
    errors.sort((a, b) => a - b);
    const n = out.everywhere.n + out.pilot.n;
    const round = (v: number) => Number(v.toFixed(4));
    process.stdout.write(
      JSON.stringify({
        trials: n,
        falsePositiveRate: round((out.everywhere.fp + out.pilot.fp) / n),
        everywhere: { trials: out.everywhere.n, falsePositiveRate: round(out.everywhere.fp / out.everywhere.n) },
        pilot: { trials: out.pilot.n, falsePositiveRate: round(out.pilot.fp / out.pilot.n), didFalsePositiveRate: round(out.pilot.didFp / Math.max(1, out.pilot.didN)) },
        medianAbsRelativeEffect: round(errors[Math.floor(errors.length / 2)] ?? NaN),
        insufficient: out.insufficient,
        days: round((end - start) / DAY),
        topics: topics.length,
        database
      }) + '\n'
    );
  } finally {
    if (o.simulateDays > 0) await db.command(sql`DROP DATABASE IF EXISTS ${new Sql(database)}`); // a name this script made up
    await db.close();
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
