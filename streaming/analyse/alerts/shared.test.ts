import { describe, expect, it } from 'vitest';
import type { SliceReading } from '../../../schemas/alerts.ts';
import { sliceCounts } from './counts.ts';
import { advanceAlerts, emptyEngineState, peekAlerts, witnesses, type MinuteInput } from './engine.ts';
import { groupFirings } from './group.ts';
import { isPairKey, pairCells, pairKey, parsePairKey, sharedCount, sharedShare, sharesEvidence } from './shared.ts';
import { createSliceWatcher } from './watcher.ts';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 5, 12);
const reading = (slice: string, observed: number, expected: number, score = 0.9): SliceReading =>
  ({ slice, observed, expected, lower: 0, upper: expected + 3 * Math.sqrt(expected + 1), score, surprise: 10 });
const pairs = (entries: [string, string, Record<string, string>, number][]) => pairCells(new Map(entries.map(([a, b, p, n]) => [pairKey(a, b, p), n])));

describe('pair cells', () => {
  it('keys a pair once whatever the order, and parses back', () => {
    const k = pairKey('food.temperature', 'delivery.late', { region: 'east', channel: 'chat' });
    expect(k).toBe(pairKey('delivery.late', 'food.temperature', { channel: 'chat', region: 'east' }));
    expect(isPairKey(k)).toBe(true);
    expect(parsePairKey(k)).toEqual({ a: 'delivery.late', b: 'food.temperature', parts: { channel: 'chat', region: 'east' } });
  });

  it('comes from count rows with a cotopic, and feeds no slice', () => {
    const c = sliceCounts([
      { topic: 'delivery.late', channel: 'chat', region: 'east', count: 10 },
      { topic: 'food.temperature', channel: 'chat', region: 'east', count: 8 },
      { topic: 'delivery.late', cotopic: 'food.temperature', channel: 'chat', region: 'east', count: 7 }
    ]);
    expect(c.get('topic:delivery.late|region:east')).toBe(10);
    expect(c.get('topic:food.temperature|region:east')).toBe(8);
    expect(c.get(pairKey('delivery.late', 'food.temperature', { channel: 'chat', region: 'east' }))).toBe(7);
    expect([...c.keys()].filter(isPairKey)).toHaveLength(1);
  });

  it('counts the intersection of two topic slices from the cells that match both', () => {
    const p = pairs([
      ['delivery.late', 'food.temperature', { channel: 'chat', region: 'east' }, 7],
      ['delivery.late', 'food.temperature', { channel: 'call', region: 'east' }, 3],
      ['delivery.late', 'food.temperature', { channel: 'chat', region: 'north' }, 5],
      ['delivery.late', 'delivery.courier', { channel: 'chat', region: 'east' }, 4]
    ]);
    expect(sharedCount('topic:delivery.late|region:east', 'topic:food.temperature|region:east', p)).toBe(10);
    expect(sharedCount('topic:delivery.late', 'topic:food.temperature|region:east', p)).toBe(10);
    expect(sharedCount('topic:delivery.late', 'topic:food', p)).toBe(15);
    expect(sharedCount('topic:delivery.late|channel:chat', 'topic:food.temperature|region:east', p)).toBe(7);
    // contradicting dimensions, nested topics, no topic: not this rule's business
    expect(sharedCount('topic:delivery.late|region:north', 'topic:food.temperature|region:east', p)).toBeNull();
    expect(sharedCount('topic:delivery', 'topic:delivery.late', p)).toBeNull();
    expect(sharedCount('region:east', 'topic:food.temperature', p)).toBeNull();
    // a dimension the cells do not carry: they cannot say, so nothing is counted
    expect(sharedCount('topic:delivery.late|platform:ios', 'topic:food.temperature', p)).toBe(0);
  });
});

describe('the shared-evidence decision', () => {
  const p = pairs([['delivery.late', 'food.temperature', { region: 'east', channel: 'chat' }, 30]]);

  it('joins when most of an elevated slice lies in the other', () => {
    // 36 cold-food complaints in the east, 30 of them also late: one incident under two topics
    const f = reading('topic:food.temperature|region:east', 36, 6);
    expect(sharedShare(f, { slice: 'topic:delivery.late|region:east', observed: 80 }, p)).toBeCloseTo(30 / 36);
    expect(sharesEvidence(f, { slice: 'topic:delivery.late|region:east', observed: 80 }, p)).toBe(true);
  });

  it('does not join on what two topics share at baseline', () => {
    // A separate cold-food spike of 60 while late delivery runs high: 30 % of its complaints also late
    const q = pairs([['delivery.late', 'food.temperature', { region: 'east', channel: 'chat' }, 18]]);
    const f = reading('topic:food.temperature|region:east', 60, 10);
    expect(sharesEvidence(f, { slice: 'topic:delivery.late|region:east', observed: 200 }, q)).toBe(false);
    // the member is large and elevated: 18 of its 200 is no majority either
    expect(sharesEvidence(f, { slice: 'topic:delivery.late|region:east', observed: 200, elevated: true }, q)).toBe(false);
  });

  it('reads a member as elevated only when asked: a calm member with few messages proves nothing', () => {
    const q = pairs([['delivery.late', 'food.temperature', { region: 'east', channel: 'chat' }, 3]]);
    const f = reading('topic:food.temperature|region:east', 40, 5);
    expect(sharesEvidence(f, { slice: 'topic:delivery.late|region:east', observed: 4 }, q)).toBe(false);
    expect(sharesEvidence(f, { slice: 'topic:delivery.late|region:east', observed: 4, elevated: true }, q)).toBe(true);
  });

  it('needs pairs', () => {
    const f = reading('topic:food.temperature|region:east', 36, 6);
    expect(sharesEvidence(f, { slice: 'topic:delivery.late|region:east', observed: 80 }, undefined)).toBe(false);
  });
});

describe('grouping by shared evidence in the engine', () => {
  const late = reading('topic:delivery.late|region:east', 60, 8);
  const cold = reading('topic:food.temperature|region:east', 40, 4);
  const shared = pairs([['delivery.late', 'food.temperature', { region: 'east', channel: 'chat' }, 34]]);
  const input = (i: number, firings: SliceReading[], p = shared): MinuteInput =>
    ({ minute: T0 + i * MIN, readings: new Map(firings.map((r) => [r.slice, r])), firings, pairs: p });

  it('groups two topics of the same messages in one look, and keeps them apart without pairs', () => {
    expect(groupFirings([late, cold], shared)).toHaveLength(1);
    expect(groupFirings([late, cold])).toHaveLength(2);
  });

  it('opens one alert with both slices when they fire together', () => {
    const out = advanceAlerts(emptyEngineState(), input(0, [late, cold]));
    expect(out.state.active).toHaveLength(1);
    expect(out.state.active[0].members.map((m) => m.slice).sort()).toEqual([late.slice, cold.slice]);
    expect(out.notifications.filter((n) => n.kind === 'opened')).toHaveLength(1);
  });

  it('joins an open alert when the second topic fires later, instead of opening a new one', () => {
    let s = advanceAlerts(emptyEngineState(), input(0, [late, reading('topic:delivery.late', 70, 20)], pairs([]))).state;
    expect(s.active).toHaveLength(1);
    const out = advanceAlerts(s, input(1, [late, cold]));
    s = out.state;
    expect(s.active).toHaveLength(1);
    expect(s.active[0].members.map((m) => m.slice)).toContain(cold.slice);
    expect(out.events.filter((e) => e.type === 'opened')).toHaveLength(0);
    // and a sliding window does the same
    const w = peekAlerts(s, { ...input(2, [reading('topic:food.temperature', 50, 8)]), at: T0 + 2 * MIN + 15_000 });
    expect(w.changed).toHaveLength(0);
  });

  it('opens a second alert for a second topic that shares little (two incidents)', () => {
    const little = pairs([['delivery.late', 'food.temperature', { region: 'east', channel: 'chat' }, 6]]);
    // (grouping by place, cofire.ts, would fold these two co-firing topics in one region: off here)
    const out = advanceAlerts(emptyEngineState(), input(0, [late, cold], little), { cofire: null });
    expect(out.state.active).toHaveLength(2);
  });

  it('is off with shared: null', () => {
    const out = advanceAlerts(emptyEngineState(), input(0, [late, cold]), { shared: null, cofire: null });
    expect(out.state.active).toHaveLength(2);
  });

  it('does not count the same messages under a second topic as a second witness', () => {
    expect(witnesses([late, cold])).toBe(2);
    expect(witnesses([late, cold], shared)).toBe(1);
  });
});

describe('the watcher passes pair cells on without watching them', () => {
  it('keeps no series for a pair, and hands the cells to the engine', () => {
    const w = createSliceWatcher();
    const k = pairKey('delivery.late', 'food.temperature', { region: 'east' });
    for (let i = 0; i < 5; i++) w.learn(T0 + i * MIN, new Map([['topic:delivery.late', 5], [k, 2]]));
    expect(w.size).toBe(1);
    const r = w.observe(T0 + 5 * MIN, new Map([['topic:delivery.late', 5], [k, 2]]));
    expect(r.pairs?.cells).toEqual([{ a: 'delivery.late', b: 'food.temperature', parts: { region: 'east' }, count: 2 }]);
    expect([...r.readings.keys()].filter(isPairKey)).toEqual([]);
    expect(w.size).toBe(1);
    expect(w.observe(T0 + 6 * MIN, new Map([['topic:delivery.late', 5]])).pairs).toBeUndefined();
  });
});
