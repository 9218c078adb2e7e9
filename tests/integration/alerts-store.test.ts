import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../schemas/alerts.ts';
import { sliceCounts } from '../../streaming/analyse/alerts/counts.ts';
import { sliceTotals } from '../../streaming/analyse/alerts/measures.ts';
import {
  alertEvents, alertReadings, appendAlertEvents, currentAlerts, findAlert, measureRows, negativeCountRows, negativeWindowRows, newestMinute, oldestMinute, sliceMessages,
  sliceSeries, writeAlertSnapshots, writeReadings
} from '../../streaming/store/alerts.ts';
import type { Db } from '../../streaming/store/db.ts';
import { ENGINES } from '../support/engines.ts';
import { labelled } from '../support/sim-history.ts';
import { insertFeedback } from '../../streaming/store/insert.ts';
import { toRow } from '../../streaming/store/rows.ts';

const MIN = 60_000;
const t0 = Math.floor(Date.now() / MIN) * MIN - 10 * MIN;

const doc = (i: number, minute: number, over: { region?: string; channel?: string; scenario?: string; mood?: string; text?: string; scores?: { nps?: number; csat?: number } } = {}) => ({
  ...labelled({
    id: `s-${i}`, channel: (over.channel ?? 'chat') as 'chat', text: over.text ?? `送餐太慢了 ${i}`,
    customer: { id: `c-${i % 4}`, region: over.region ?? 'east', tier: i % 4 === 0 ? 'vip' : 'regular' },
    meta: { sim_scenario: over.scenario ?? 'late_delivery', sim_mood: over.mood ?? 'negative' }
  }, t0 + minute * MIN + i),
  nps: over.scores?.nps ?? null, csat: over.scores?.csat ?? null
});

const alert = (id: string, status: 'open' | 'resolved', startedAt: number): Alert => ({
  id, metric: 'neg', slice: 'topic:delivery.late|region:east', members: [], contributions: [], severity: 'high', severityReasons: [],
  stats: { observed: 9, expected: 1, upper: 3, excess: 8, ratio: 9, peakObserved: 9, peakExcess: 8, totalExcess: 8, startedAt, lastAboveAt: startedAt, updatedAt: startedAt, durationMin: 1 },
  state: { status, openedAt: startedAt, acknowledgedBy: null, acknowledgedAt: null, snoozedUntil: null, resolvedAt: null, resolvedBy: null, statusBeforeSnooze: null, severity: 'high', notes: [] }
});

/** Every alert query on the oldest and the newest engine. */
describe.each(ENGINES)('alert store on $name', (engine) => {
  let db: Db;
  beforeAll(async () => {
    db = await engine.open();
    const docs = [
      // Survey scores on some messages (counts and sentiment as without them): minute 1 in the east has
      // NPS 2 and 9 (one detractor of 2) and CSAT 1, 5, 2 (two low of 3); minute 2 an NPS 6 and a CSAT 4.
      ...Array.from({ length: 6 }, (_, i) => doc(i, 1, { scores: [{ nps: 2, csat: 1 }, { nps: 9, csat: 5 }, { csat: 2 }][i] })),
      doc(10, 1, { region: 'north', channel: 'call', scores: { nps: 10 } }),
      doc(11, 2, { scenario: 'images_slow' }),
      doc(12, 2, { scenario: 'praise_food', mood: 'positive', text: "好吃 O'Brien", scores: { nps: 6, csat: 4 } })
    ];
    await insertFeedback(db, docs.map((r) => ({ key: r.id, row: toRow(r, `0-${r.id}`) })));
  });
  afterAll(() => db?.close());

  it('reads negative counts per minute as the watcher counts slices', async () => {
    const rows = await negativeCountRows(db, t0, t0 + 5 * MIN);
    expect([...rows.keys()].sort()).toEqual([t0 + MIN, t0 + 2 * MIN]);
    const c = sliceCounts(rows.get(t0 + MIN)!);
    expect(c.get('all:')).toBe(7);
    expect(c.get('topic:delivery.late|region:east')).toBe(6);
    expect(c.get('topic:delivery')).toBe(7);
    expect(c.get('channel:call')).toBe(1);
    expect(await newestMinute(db, t0)).toBe(t0 + 2 * MIN);
    expect(await oldestMinute(db, t0)).toBe(t0 + MIN);
    expect(await newestMinute(db, t0 + 10 * MIN)).toBeNull();
  });

  it('reads a sliding window to the millisecond, counted as the minute rollups count', async () => {
    // A window that is a whole minute gives exactly the minute's counts.
    const minuteRows = await negativeCountRows(db, t0 + MIN, t0 + 2 * MIN);
    const whole = await negativeWindowRows(db, t0 + MIN, t0 + 2 * MIN);
    expect(sliceCounts(whole!)).toEqual(sliceCounts(minuteRows.get(t0 + MIN)!));
    // Messages 3, 4, 5 of minute 1 (at +3, +4, +5 ms) and nothing else.
    const part = sliceCounts((await negativeWindowRows(db, t0 + MIN + 3, t0 + MIN + 6))!);
    expect(part.get('all:')).toBe(3);
    expect(part.get('topic:delivery.late|region:east')).toBe(3);
    // From the middle of minute 1 to the middle of minute 2: only minute 2's negative (the positive is no complaint).
    const straddle = sliceCounts((await negativeWindowRows(db, t0 + MIN + 30_000, t0 + 2 * MIN + 30_000))!);
    expect(straddle.get('all:')).toBe(1);
    expect(straddle.get('topic:delivery.late')).toBeUndefined();
    // Straddling two minutes: 7 of minute 1 and the one negative of minute 2.
    const both = sliceCounts((await negativeWindowRows(db, t0 + MIN, t0 + 2 * MIN + 30_000))!);
    expect(both.get('all:')).toBe(8);
    expect(both.get('topic:delivery')).toBe(7);
    // A window without any message is a gap, not calm.
    expect(await negativeWindowRows(db, t0 + 3 * MIN, t0 + 4 * MIN)).toBeNull();
  });

  it('reads one slice: its minute series and its negative messages', async () => {
    expect(await sliceSeries(db, 'topic:delivery|region:east', t0, t0 + 5 * MIN)).toEqual([{ minute: t0 + MIN, observed: 6 }]);
    expect(await sliceSeries(db, 'channel:call', t0, t0 + 5 * MIN)).toEqual([{ minute: t0 + MIN, observed: 1 }]);
    const m = await sliceMessages(db, 'topic:delivery.late|region:east', t0, t0 + 5 * MIN, 4);
    expect(m.total).toBe(6);
    expect(m.messages).toHaveLength(4);
    expect(m.messages[0]).toMatchObject({ channel: 'chat', region: 'east', topics: ['delivery.late'] });
    expect((await sliceMessages(db, "topic:x' OR 1=1 --", t0, t0 + 5 * MIN)).total).toBe(0);
    expect((await sliceMessages(db, 'all:', t0, t0 + 5 * MIN)).total).toBe(8);
  });

  it('reads messages, negatives and sentiment per minute for the share and sentiment measures', async () => {
    const rows = await measureRows(db, t0, t0 + 5 * MIN);
    expect([...rows.keys()].sort()).toEqual([t0 + MIN, t0 + 2 * MIN]);
    const first = sliceTotals(rows.get(t0 + MIN)!);
    expect(first.get('all:')).toMatchObject({ n: 7, neg: 7 });
    expect(first.get('all:')!.sentimentSum).toBeCloseTo(-5.6);
    expect(first.get('channel:chat|region:east')).toMatchObject({ n: 6, neg: 6 });
    const second = sliceTotals(rows.get(t0 + 2 * MIN)!);
    expect(second.get('region:east')).toMatchObject({ n: 2, neg: 1 });
    expect(second.get('region:east')!.sentimentSum).toBeCloseTo(0);
    // The drill-down series of a share or sentiment alert (sentiment oriented: −mean).
    const share = await sliceSeries(db, 'region:east', t0, t0 + 5 * MIN, 'neg_share');
    expect(share.map((p) => [p.minute, p.observed])).toEqual([[t0 + MIN, 1], [t0 + 2 * MIN, 0.5]]);
    const sentiment = await sliceSeries(db, 'region:east', t0, t0 + 5 * MIN, 'sentiment');
    expect(sentiment.map((p) => p.minute)).toEqual([t0 + MIN, t0 + 2 * MIN]);
    expect(sentiment[0].observed).toBeCloseTo(0.8);
    expect(sentiment[1].observed).toBeCloseTo(0);
  });

  it('reads survey scores per minute for the NPS and CSAT measures, and their drill-down series', async () => {
    const rows = await measureRows(db, t0, t0 + 5 * MIN);
    const first = sliceTotals(rows.get(t0 + MIN)!);
    expect(first.get('region:east')).toMatchObject({ npsN: 2, detractors: 1, csatN: 3, csatLow: 2 });
    expect(first.get('all:')).toMatchObject({ npsN: 3, detractors: 1, csatN: 3, csatLow: 2 });
    // Topic slices carry no scores: a survey rates the whole experience.
    expect(first.get('topic:delivery.late')?.npsN ?? 0).toBe(0);
    expect(sliceTotals(rows.get(t0 + 2 * MIN)!).get('region:east')).toMatchObject({ npsN: 1, detractors: 1, csatN: 1, csatLow: 0 });
    const det = await sliceSeries(db, 'region:east', t0, t0 + 5 * MIN, 'detractor_share');
    expect(det.map((p) => [p.minute, p.observed])).toEqual([[t0 + MIN, 0.5], [t0 + 2 * MIN, 1]]);
    const low = await sliceSeries(db, 'channel:chat|region:east', t0, t0 + 5 * MIN, 'csat_low');
    expect(low.map((p) => p.minute)).toEqual([t0 + MIN, t0 + 2 * MIN]);
    expect(low[0].observed).toBeCloseTo(2 / 3);
    expect(low[1].observed).toBe(0);
    // A minute without a score is no point (north had no CSAT), and topic slices have no score series.
    expect(await sliceSeries(db, 'region:north', t0, t0 + 5 * MIN, 'csat_low')).toEqual([]);
    expect(await sliceSeries(db, 'topic:delivery.late', t0, t0 + 5 * MIN, 'detractor_share')).toEqual([]);
  });

  it('sums the drill-down series of a 5-minute measure into blocks keyed by their last minute', async () => {
    // t0 is minute-aligned only, so minutes 1 and 2 may share a block or straddle two: derive the blocks.
    const blockEnd = (m: number) => Math.floor(m / (5 * MIN)) * 5 * MIN + 4 * MIN;
    const expectedCounts = new Map<number, number>();
    for (const p of await sliceSeries(db, 'all:', t0, t0 + 5 * MIN)) expectedCounts.set(blockEnd(p.minute), (expectedCounts.get(blockEnd(p.minute)) ?? 0) + p.observed);
    const counts = await sliceSeries(db, 'all:', t0, t0 + 5 * MIN, 'neg_5m');
    expect(counts.length).toBeGreaterThan(0);
    expect(counts.map((p) => [p.minute, p.observed])).toEqual([...expectedCounts].sort((x, y) => x[0] - y[0]));
    const totals = new Map<number, { n: number; neg: number }>();
    for (const [minute, rows] of await measureRows(db, t0, t0 + 5 * MIN)) {
      const east = sliceTotals(rows).get('region:east');
      if (!east) continue;
      const acc = totals.get(blockEnd(minute)) ?? { n: 0, neg: 0 };
      totals.set(blockEnd(minute), { n: acc.n + east.n, neg: acc.neg + east.neg });
    }
    const share = await sliceSeries(db, 'region:east', t0, t0 + 5 * MIN, 'neg_share_5m');
    expect(share.map((p) => p.minute)).toEqual([...totals.keys()].sort((x, y) => x - y));
    for (const p of share) expect(p.observed).toBeCloseTo(totals.get(p.minute)!.neg / totals.get(p.minute)!.n);
  });

  it('keeps the event log, the newest snapshot of each alert, and readings', async () => {
    const a = alert('a-1', 'open', t0), b = alert('a-2', 'open', t0);
    await appendAlertEvents(db, [
      { alertId: 'a-1', at: t0 + 1, type: 'opened', actor: 'system', severity: 'high' },
      { alertId: 'a-1', at: t0 + 5, type: 'snoozed', actor: "O'Neil", until: t0 + 99, note: 'looking' }
    ]);
    await appendAlertEvents(db, [{ alertId: 'a-1', at: t0 + 5, type: 'snoozed', actor: "O'Neil", until: t0 + 99, note: 'looking' }]);
    expect(await alertEvents(db, ['a-1'])).toEqual([
      { alertId: 'a-1', at: t0 + 1, type: 'opened', actor: 'system', severity: 'high' },
      { alertId: 'a-1', at: t0 + 5, type: 'snoozed', actor: "O'Neil", until: t0 + 99, note: 'looking' }
    ]);
    await writeAlertSnapshots(db, [a, b], 1);
    await writeAlertSnapshots(db, [{ ...b, state: { ...b.state, status: 'resolved' } }], 2);
    const now = Date.now();
    expect((await currentAlerts(db, t0 - MIN, now + MIN)).map((x) => x.id)).toEqual(['a-1']);
    expect((await currentAlerts(db, t0 - MIN, now - 60 * MIN)).map((x) => x.id).sort()).toEqual(['a-1', 'a-2']);
    expect((await findAlert(db, 'a-2'))?.state.status).toBe('resolved');
    expect(await findAlert(db, 'nope')).toBeNull();
    await writeReadings(db, [{ alertId: 'a-1', minute: t0, reading: { slice: a.slice, observed: 9, expected: 1, lower: 0, upper: 3, score: 1, surprise: 9 } }]);
    expect(await alertReadings(db, 'a-1', a.slice)).toEqual([{ slice: a.slice, minute: t0, observed: 9, expected: 1, lower: 0, upper: 3 }]);
  });
});
