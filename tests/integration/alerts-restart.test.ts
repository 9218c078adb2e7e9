import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { connectHttpDb, type Db } from '../../streaming/store/db.ts';
import { migrate } from '../../streaming/store/migrate.ts';
import { AlertLoop, alertKeys } from '../../streaming/watch/loop.ts';
import { uniqueName } from '../support/engines.ts';
import { redisClient } from '../support/pipeline.ts';
import { writeHistory } from '../support/sim-history.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** 06:00 UTC of a fixed recent day, as alerts-watch.test.ts: the same traffic on every run. */
const fixedEnd = () => Math.floor((Date.now() - 6 * HOUR) / (24 * HOUR)) * 24 * HOUR + 6 * HOUR;

/**
 * Issue #5 at the loop: a restart whose complaint-count watcher snapshot cannot be read (a format newer
 * than this code, or a corrupt entry) warms the detectors up on history, as when the snapshot is lost,
 * instead of failing to start (the measures' snapshots were already treated so).
 */
describe('a watch loop restarted on a watcher snapshot it cannot read', () => {
  const stream = uniqueName('wr');
  const redis = redisClient();
  const end = fixedEnd();
  const clock = end + 1000;
  let db: Db;
  const loop = () => new AlertLoop({ db, redis, stream, caughtUp: async () => true, now: () => clock, settleMs: 0, warmDays: 1, catchUpMin: 10 });
  /** How many series a loop restarted on whatever the watcher key now holds comes up with. */
  const restartedSeries = async () => {
    const l = loop();
    await l.load();
    expect(l.state.lastMinute).toBe(end - MINUTE);
    return l.state.series;
  };

  beforeAll(async () => {
    db = await connectHttpDb({ url: inject('clickhouseUrl'), database: uniqueName('voc_restart') });
    await migrate(db);
    await writeHistory(db, { seed: 'restart-1', ratePerSec: 1, incidents: [], negativeOnly: true, from: end - 26 * HOUR, to: end });
    const first = loop();
    await first.load();
    expect(await first.tick()).toBe(10);
    await first.flush();
  });
  afterAll(async () => {
    await redis.quit();
    await db?.close();
  });

  it('warms up on history as when the snapshot is lost', async () => {
    const key = alertKeys(stream).watcher;
    const saved = JSON.parse((await redis.get(key))!) as { minute: number; snapshot: { v?: number; series: unknown[] } };
    const resumed = await restartedSeries();
    expect(resumed).toBeGreaterThan(50);

    await redis.del(key);
    const lost = await restartedSeries();
    expect(lost).toBeGreaterThan(50);

    // A newer format: its series are not read as if they were this code's.
    await redis.set(key, JSON.stringify({ ...saved, snapshot: { v: 99, series: [] } }));
    expect(await restartedSeries()).toBe(lost);

    // A corrupt entry (a detector that is not one).
    await redis.set(key, JSON.stringify({ ...saved, snapshot: { ...saved.snapshot, series: [['topic:x', null, saved.minute]] } }));
    expect(await restartedSeries()).toBe(lost);
  });
});
