import { afterAll, beforeAll, inject } from 'vitest';
import type { Alert } from '../../schemas/alerts.ts';
import { createNotifier } from '../../streaming/push/webhooks/index.ts';
import { startReceiver, type Receiver } from '../../streaming/push/webhooks/test-receiver.ts';
import { connectHttpDb, type Db } from '../../streaming/store/db.ts';
import { migrate } from '../../streaming/store/migrate.ts';
import type { Incident } from '../../streaming/sim/scenarios.ts';
import { AlertLoop, alertKeys, type AlertChange, type AlertLoopOptions } from '../../streaming/watch/loop.ts';
import { uniqueName } from './engines.ts';
import { redisClient } from './pipeline.ts';
import { writeHistory } from './sim-history.ts';

const HOUR = 3_600_000;

export interface AlertStory {
  readonly db: Db;
  readonly receiver: Receiver;
  readonly redis: ReturnType<typeof redisClient>;
  readonly stream: string;
  /** every change the watcher pushed to the web nodes, in order */
  readonly changes: AlertChange[];
  /** a watcher at the story's end, catching up on its last 110 minutes, paging the JSON receiver */
  loop(extra?: Partial<AlertLoopOptions>): AlertLoop;
  /** the alerts the receiver was paged about as opened (fresh, re-opened or a new surge), in order */
  opened(): { type: string; alert?: Alert; title: { en: string; zh: string } }[];
}

/**
 * A watcher's story on real Redis and ClickHouse 18.16: 30 hours of simulated complaints ending at `end`
 * with the given incidents, a webhook receiver, and the watcher's pushes collected. Call inside a
 * `describe`: it registers the set-up and tear-down.
 */
export function alertStory(o: { name: string; seed: string; end: number; incidents: Incident[] }): AlertStory {
  const stream = uniqueName(o.name);
  const redis = redisClient();
  const sub = redis.duplicate();
  const changes: AlertChange[] = [];
  let db!: Db;
  let receiver!: Receiver;
  beforeAll(async () => {
    db = await connectHttpDb({ url: inject('clickhouseUrl'), database: uniqueName(`voc_${o.name}`) });
    await migrate(db);
    receiver = await startReceiver();
    await writeHistory(db, { seed: o.seed, ratePerSec: 1, incidents: o.incidents, negativeOnly: true, from: o.end - 30 * HOUR, to: o.end });
    sub.on('message', (_c, m) => changes.push(JSON.parse(m) as AlertChange));
    await sub.subscribe(alertKeys(stream).changes);
  });
  afterAll(async () => {
    await receiver?.close();
    await sub.quit();
    await redis.quit();
    await db?.close();
  });
  return {
    get db() { return db; },
    get receiver() { return receiver; },
    redis, stream, changes,
    loop: (extra = {}) => new AlertLoop({
      db, redis, stream, caughtUp: async () => true, now: () => o.end + 1000, settleMs: 0, warmDays: 1.5, catchUpMin: 110,
      notifier: createNotifier({ rules: [{ match: {}, channel: { kind: 'json', url: receiver.url } }], delivery: { attempts: 2, baseDelayMs: 50 } }),
      ...extra
    }),
    opened: () => receiver.requests.map((r) => JSON.parse(r.body)).filter((b) => b.type === 'voc.alert.opened.v1')
  };
}
