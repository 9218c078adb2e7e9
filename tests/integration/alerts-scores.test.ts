import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { related } from '../../streaming/analyse/alerts/slices.ts';
import { createRng } from '../../streaming/sim/rng.ts';
import { alertReadings, currentAlerts } from '../../streaming/store/alerts.ts';
import { connectHttpDb, type Db } from '../../streaming/store/db.ts';
import { insertFeedback } from '../../streaming/store/insert.ts';
import { migrate } from '../../streaming/store/migrate.ts';
import { toRow } from '../../streaming/store/rows.ts';
import { AlertLoop, alertKeys } from '../../streaming/watch/loop.ts';
import { uniqueName } from '../support/engines.ts';
import { redisClient } from '../support/pipeline.ts';
import { labelled } from '../support/sim-history.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The NPS measure on real Redis and ClickHouse 18.16: six hours of survey answers from East China, one in
 * five a detractor, then ten minutes in which most are. The answers are neutral in sentiment, so no
 * complaint count or negative share moves: the detractor share alone must open the alert, stored with
 * its measure and its drill-down readings. Then the watcher's saved detectors, rewritten in the format
 * written before the measure table (and then lost altogether), must still restore (or warm up again).
 */
describe('alert watcher on survey scores', () => {
  const stream = uniqueName('ws');
  const redis = redisClient();
  let db: Db;
  const end = Math.floor(Date.now() / HOUR) * HOUR - 2 * HOUR;
  const clock = end + 1000;
  const spikeFrom = end - 10 * MINUTE;
  const loop = (measures: ('detractor_share' | 'neg_share_5m' | 'neg_5m')[] = ['detractor_share']) =>
    new AlertLoop({ db, redis, stream, caughtUp: async () => true, now: () => clock, settleMs: 0, warmDays: 0.25, catchUpMin: 20, measures });

  beforeAll(async () => {
    db = await connectHttpDb({ url: inject('clickhouseUrl'), database: uniqueName('voc_scores_watch') });
    await migrate(db);
    const rng = createRng('scores-watch');
    const rows = [];
    for (let t = end - 6 * HOUR; t < end; t += MINUTE) {
      const p = t >= spikeFrom ? 0.75 : 0.2;
      for (let i = 0; i < 40; i++) {
        const id = `v-${t}-${i}`;
        const nps = rng.next() < p ? rng.int(7) : 7 + rng.int(4);
        const doc = labelled({ id, channel: 'survey', text: `问卷 ${id}`, customer: { id: `c-${i}`, region: 'east', tier: 'regular' }, meta: { sim_scenario: 'chitchat', sim_mood: 'neutral' } }, t + i * 1000);
        rows.push({ key: id, row: toRow({ ...doc, nps, csat: 3 }, `0-${id}`) });
      }
    }
    for (let k = 0; k < rows.length; k += 5000) await insertFeedback(db, rows.slice(k, k + 5000));
  });
  afterAll(async () => {
    await redis.quit();
    await db?.close();
  });

  it('opens an alert on the detractor share alone, with its measure and chart readings', async () => {
    const first = loop();
    await first.load();
    expect(await first.tick()).toBe(20);
    const alerts = first.state.engine.active.filter((a) => a.metric === 'detractor_share');
    expect(alerts.length).toBeGreaterThanOrEqual(1);
    expect(alerts.every((a) => related(a.slice, 'channel:survey|region:east'))).toBe(true);
    const a = alerts[0];
    expect(a.stats.startedAt).toBeGreaterThanOrEqual(spikeFrom);
    expect(a.stats.observed).toBeGreaterThan(0.5);
    expect(a.stats.observed - a.stats.expected).toBeGreaterThan(0.1);
    // Neutral answers: no complaint alert, nothing for the count to open.
    expect(first.state.engine.active.filter((x) => x.metric === 'neg')).toEqual([]);
    expect((await currentAlerts(db, end - 2 * HOUR, end)).find((x) => x.id === a.id)?.metric).toBe('detractor_share');
    const chart = await alertReadings(db, a.id, a.slice);
    expect(chart.length).toBeGreaterThan(5);
    expect(chart.at(-1)!.observed).toBeGreaterThan(0.5);
    await first.flush();
  });

  it('restores detectors saved before the measure table, and warms up again when they are lost', async () => {
    const measures = ['detractor_share', 'neg_share_5m', 'neg_5m'] as const;
    const keys = alertKeys(`${stream}-old`);
    const s2 = `${stream}-old`;
    // History read by the measures' replay (score_minute is read with every total): none on a restore.
    let replayed = 0;
    const counting: Db = { ...db, query: ((q) => { if (q.text.includes('score_minute')) replayed++; return db.query(q); }) as Db['query'] };
    const make = () => new AlertLoop({ db: counting, redis, stream: s2, caughtUp: async () => true, now: () => clock, settleMs: 0, warmDays: 0.25, catchUpMin: 20, measures: [...measures] });
    const a = make();
    await a.load();
    await a.tick();
    await a.flush();
    const series = a.state.rateSeries;
    expect(series).toBeGreaterThan(0);
    const saved = JSON.parse((await redis.get(keys.watcher))!);
    expect(Object.keys(saved.measures).sort()).toEqual([...measures].sort());
    // The format written before the table: one field per kind of measure, blocks shared.
    const legacy = {
      minute: saved.minute, snapshot: saved.snapshot,
      rates: { detractor_share: saved.measures.detractor_share.watcher, neg_share_5m: saved.measures.neg_share_5m.watcher },
      count5: saved.measures.neg_5m.watcher,
      blocks: { counts: saved.measures.neg_5m.block, totals: saved.measures.neg_share_5m.block }
    };
    await redis.set(keys.watcher, JSON.stringify(legacy));
    const b = make();
    replayed = 0;
    await b.load();
    expect(replayed).toBe(0);
    expect(b.state.rateSeries).toBe(series);
    expect(await b.tick()).toBe(0);
    await b.flush();
    expect(JSON.parse((await redis.get(keys.watcher))!).measures.neg_5m.block).toEqual(saved.measures.neg_5m.block);
    // Detectors of no measure at all (an unreadable or foreign snapshot): each is warmed up on history.
    await redis.set(keys.watcher, JSON.stringify({ minute: saved.minute, snapshot: saved.snapshot }));
    const c = make();
    replayed = 0;
    await c.load();
    expect(replayed).toBeGreaterThan(0);
    expect(c.state.rateSeries).toBe(series);
    expect(c.state.engine.active.map((x) => x.id).sort()).toEqual(a.state.engine.active.map((x) => x.id).sort());
  });
});
