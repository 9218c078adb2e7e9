import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { EnrichedFeedback } from '../../schemas/feedback.ts';
import { sliceCounts } from '../../streaming/analyse/alerts/counts.ts';
import { isPairKey, pairKey } from '../../streaming/analyse/alerts/shared.ts';
import { parseSlice } from '../../streaming/analyse/alerts/slices.ts';
import { createGenerator } from '../../streaming/sim/generator.ts';
import type { Incident } from '../../streaming/sim/scenarios.ts';
import { alertEvents, negativeCountRows, negativeWindowRows } from '../../streaming/store/alerts.ts';
import { connectHttpDb, type Db } from '../../streaming/store/db.ts';
import { insertFeedback } from '../../streaming/store/insert.ts';
import { migrate } from '../../streaming/store/migrate.ts';
import { toRow } from '../../streaming/store/rows.ts';
import { AlertLoop } from '../../streaming/watch/loop.ts';
import { ENGINES, uniqueName } from '../support/engines.ts';
import { redisClient } from '../support/pipeline.ts';
import { labelled } from '../support/sim-history.ts';

/**
 * One incident, two topics. Late deliveries in East China whose complaints also say the food came cold
 * ("送餐太慢了，饭都凉了": delivery.late and food.temperature, both negative): both topic slices spike on
 * the same messages. The store reads the messages in both topics at once (pair rows) on both engines, and
 * the watcher opens exactly one alert, with both topics' slices in it, where grouping by slice relation
 * alone opened two.
 */

const MIN = 60_000;
const HOUR = 60 * MIN;
const insert = (db: Db, rows: EnrichedFeedback[]) => insertFeedback(db, rows.map((r) => ({ key: r.id, row: toRow(r, `0-${r.id}`) })));
/** The incident's messages carry both topics, negative on each. */
const twoTopics = (r: EnrichedFeedback): EnrichedFeedback =>
  (r.meta.sim_incident ? { ...r, topics: ['delivery.late', 'food.temperature'], topic_sentiments: [-0.8, -0.7] } : r);

describe.each(ENGINES)('pair rows on $name', (engine) => {
  let db: Db;
  const t0 = Math.floor(Date.now() / MIN) * MIN - 10 * MIN;
  beforeAll(async () => {
    db = await engine.open();
    const doc = (i: number, topics: string[], aspects: number[], over: Partial<EnrichedFeedback> = {}): EnrichedFeedback => ({
      ...labelled({ id: `p-${i}`, channel: 'chat', text: `送餐太慢了，饭都凉了 ${i}`, customer: { id: `c-${i}`, region: 'east' }, meta: { sim_scenario: 'late_delivery', sim_mood: 'negative' } }, t0 + MIN + i * 1000),
      topics, topic_sentiments: aspects, ...over
    });
    await insert(db, [
      doc(0, ['delivery.late', 'food.temperature'], [-0.8, -0.7]),
      doc(1, ['delivery.late', 'food.temperature'], [-0.8, -0.7]),
      doc(2, ['food.temperature', 'delivery.late', 'delivery.courier'], [-0.6, -0.9, -0.5]),
      // one topic praised: not a complaint about both
      doc(3, ['delivery.late', 'food.temperature'], [-0.8, 0.6]),
      // a copy of a campaign, and noise: neither counts
      doc(4, ['delivery.late', 'food.temperature'], [-0.8, -0.7], { dup_of: 'p-0' }),
      doc(5, ['delivery.late', 'food.temperature'], [-0.8, -0.7], { noise: 'noise' }),
      doc(6, ['delivery.late'], [-0.8], { customer: { id: 'c-6', region: 'north', segment: '', tier: '' } })
    ]);
  });
  afterAll(() => db?.close());

  it('reads messages in two topics at once per minute, as topic_minute counts a topic', async () => {
    const rows = await negativeCountRows(db, t0, t0 + 5 * MIN);
    const c = sliceCounts(rows.get(t0 + MIN)!);
    expect(c.get(pairKey('delivery.late', 'food.temperature', { channel: 'chat', region: 'east' }))).toBe(3);
    expect(c.get(pairKey('delivery.courier', 'delivery.late', { channel: 'chat', region: 'east' }))).toBe(1);
    expect(c.get(pairKey('delivery.courier', 'food.temperature', { channel: 'chat', region: 'east' }))).toBe(1);
    expect([...c.keys()].filter(isPairKey)).toHaveLength(3);
    // the slices themselves are counted as before
    expect(c.get('topic:delivery.late|region:east')).toBe(4);
    expect(c.get('topic:food.temperature|region:east')).toBe(3);
  });

  it('reads the same pairs in a sliding window', async () => {
    const c = sliceCounts((await negativeWindowRows(db, t0 + MIN, t0 + MIN + 2500))!);
    // messages 0, 1 and 2 at +0, +1 s, +2 s: all three in both topics
    expect(c.get(pairKey('delivery.late', 'food.temperature', { channel: 'chat', region: 'east' }))).toBe(3);
    const d = sliceCounts((await negativeWindowRows(db, t0 + MIN, t0 + MIN + 1500))!);
    expect(d.get(pairKey('delivery.late', 'food.temperature', { channel: 'chat', region: 'east' }))).toBe(2);
  });
});

describe('alert watcher: one incident under two topics on real Redis and ClickHouse', () => {
  const stream = uniqueName('wsh');
  const redis = redisClient();
  let db: Db;
  // A fixed time of day, as in alerts-watch.test.ts: every run sees the same traffic.
  const end = Math.floor((Date.now() - 6 * HOUR) / (24 * HOUR)) * 24 * HOUR + 6 * HOUR;
  const clock = end + 1000;
  const incident: Incident = { id: 'late-cold-east', start: end - 12 * MIN, end: end + HOUR, scenario: 'late_delivery', slice: { region: 'east' }, multiplier: 12 };

  beforeAll(async () => {
    db = await connectHttpDb({ url: inject('clickhouseUrl'), database: uniqueName('voc_shared') });
    await migrate(db);
    const gen = createGenerator({ seed: 'shared-1', now: end - 30 * HOUR, incidents: [incident] });
    for (let t = end - 30 * HOUR; t < end; t += HOUR) {
      const docs = gen.messagesBetween(t, t + HOUR, 1).filter((d) => d.meta?.sim_mood === 'negative');
      await insert(db, docs.map((d) => twoTopics(labelled(d, Number(d.ts)))));
    }
  });
  afterAll(async () => {
    await redis.quit();
    await db?.close();
  });

  it('opens exactly one alert, with both topics\' slices in it', async () => {
    const loop = new AlertLoop({ db, redis, stream, caughtUp: async () => true, now: () => clock, settleMs: 0, warmDays: 1.5, catchUpMin: 30 });
    await loop.load();
    expect(await loop.tick()).toBe(30);
    const active = loop.state.engine.active;
    const topicsOf = (slices: string[]) => new Set(slices.map((s) => parseSlice(s).topic?.split('.')[0]).filter(Boolean));
    // both topics spiked: each has a slice that fired
    const all = active.flatMap((a) => a.members.map((m) => m.slice));
    expect(topicsOf(all)).toEqual(new Set(['delivery', 'food']));
    expect(active).toHaveLength(1);
    const [a] = active;
    expect(a.members.some((m) => parseSlice(m.slice).topic?.startsWith('food'))).toBe(true);
    expect(a.members.some((m) => parseSlice(m.slice).topic?.startsWith('delivery'))).toBe(true);
    const events = await alertEvents(db, [a.id]);
    expect(events.filter((e) => e.type === 'opened')).toHaveLength(1);
  });
});
