import { describe, expect, it } from 'vitest';
import type { SliceReading } from '../../../schemas/alerts.ts';
import { baseMetric, resolutionMin } from '../../../schemas/alerts.ts';
import { createRng } from '../../sim/rng.ts';
import { advanceAlerts, emptyEngineState, type MinuteInput } from './engine.ts';
import { addCount, blockOf, closesBlock, COUNT_5M_OPTIONS, createBlockSum } from './fivemin.ts';
import { advanceMeasures } from './joint.ts';
import { addTotals, createMeasureWatcher, type SliceTotals } from './measures.ts';
import { assessSeverity } from './severity.ts';
import { createSliceWatcher, WATCHER_DEFAULTS } from './watcher.ts';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 5); // midnight: a block boundary

describe('5-minute block sums', () => {
  it('gives the sum of an aligned block when its last minute closes, nothing before', () => {
    const b = createBlockSum(addCount);
    const outs: (Map<string, number> | null)[] = [];
    for (let i = 0; i < 10; i++) outs.push(b.push(T0 + i * MIN, new Map([['all:', i + 1], ...(i === 2 ? [['region:east', 7] as [string, number]] : [])])));
    expect(outs.map((o) => o !== null)).toEqual([false, false, false, false, true, false, false, false, false, true]);
    expect(outs[4]).toEqual(new Map([['all:', 1 + 2 + 3 + 4 + 5], ['region:east', 7]]));
    expect(outs[9]).toEqual(new Map([['all:', 6 + 7 + 8 + 9 + 10]]));
    expect(closesBlock(T0 + 4 * MIN)).toBe(true);
    expect(closesBlock(T0 + 5 * MIN)).toBe(false);
    expect(blockOf(T0 + 7 * MIN)).toBe(T0 + 5 * MIN);
  });

  it('a block with a missing minute sums the minutes there; one whose closing minute is missing is dropped, not mixed into the next', () => {
    const b = createBlockSum(addCount);
    b.push(T0, new Map([['all:', 3]]));
    expect(b.push(T0 + 4 * MIN, new Map([['all:', 4]]))).toEqual(new Map([['all:', 7]]));
    b.push(T0 + 5 * MIN, new Map([['all:', 100]]));
    // minute 9 (closing 5–9) missing: the next block starts clean
    expect(b.push(T0 + 14 * MIN, new Map([['all:', 1]]))).toEqual(new Map([['all:', 1]]));
  });

  it('sums totals without touching its inputs, and a half-full block survives a JSON snapshot', () => {
    const t = (n: number, neg: number, s: number): Map<string, SliceTotals> => new Map([['all:', { n, neg, sentimentSum: s }]]);
    const first = t(10, 2, -1);
    const b = createBlockSum(addTotals<SliceTotals>);
    b.push(T0, first);
    b.push(T0 + MIN, t(20, 5, -3));
    expect(first.get('all:')).toEqual({ n: 10, neg: 2, sentimentSum: -1 });
    const copy = createBlockSum(addTotals<SliceTotals>, JSON.parse(JSON.stringify(b.snapshot())));
    for (const x of [b, copy]) {
      x.push(T0 + 2 * MIN, t(1, 1, -0.7));
      x.push(T0 + 3 * MIN, t(1, 0, 0));
    }
    const last = t(4, 0, 1);
    expect(copy.push(T0 + 4 * MIN, last)).toEqual(b.push(T0 + 4 * MIN, last));
    expect(b.snapshot().sum).toEqual([]);
  });

  it('names the resolution of a measure', () => {
    expect(baseMetric('neg_share_5m')).toBe('neg_share');
    expect(resolutionMin('neg_5m')).toBe(5);
    expect(resolutionMin('sentiment')).toBe(1);
  });
});

/** a slice at `perMin` complaints a minute, Poisson-ish noise */
const minuteCounts = (rng: ReturnType<typeof createRng>, perMin: number) => new Map([['region:east', Math.max(0, Math.round(perMin + (rng.next() - 0.5) * 2 * Math.sqrt(perMin)))]]);

describe('the 5-minute detector path', () => {
  it('a slow burn of +3 complaints a minute passes no 1-minute gate, but pages at 5 minutes', () => {
    const rng = createRng('fivemin-burn');
    const one = createSliceWatcher();
    const five = createSliceWatcher(COUNT_5M_OPTIONS);
    const block = createBlockSum(addCount);
    const days = 3;
    for (let i = 0; i < days * 1440; i++) {
      const m = T0 + i * MIN, c = minuteCounts(rng, 4);
      one.learn(m, c);
      const s = block.push(m, c);
      if (s) five.learn(m, s);
    }
    let oneFired = 0, fiveFired = 0;
    for (let i = days * 1440; i < days * 1440 + 30; i++) {
      const m = T0 + i * MIN, c = minuteCounts(rng, 4 + 3);
      oneFired += one.observe(m, c).firings.length;
      const s = block.push(m, c);
      if (s) fiveFired += five.observe(m, s).firings.length;
    }
    // +3 a minute is below the minute gate's minimum excess (5) by construction
    expect(WATCHER_DEFAULTS.minExcess).toBeGreaterThan(3);
    expect(oneFired).toBe(0);
    expect(fiveFired).toBeGreaterThan(0);
  });

  it('stays quiet on the same noise without a shift', () => {
    const rng = createRng('fivemin-calm');
    const five = createSliceWatcher(COUNT_5M_OPTIONS);
    const block = createBlockSum(addCount);
    let fired = 0;
    for (let i = 0; i < 4 * 1440; i++) {
      const m = T0 + i * MIN, s = block.push(m, minuteCounts(rng, 4));
      if (!s) continue;
      if (i < 2 * 1440) five.learn(m, s);
      else fired += five.observe(m, s).firings.length;
    }
    expect(fired).toBeLessThanOrEqual(1);
  });

  it('a 5-minute share watcher fires on a shift over five minutes of messages', () => {
    const rng = createRng('fivemin-share');
    const w = createMeasureWatcher('neg_share_5m');
    const at = (n: number, p: number) => {
      let neg = 0;
      for (let k = 0; k < n; k++) if (rng.next() < p) neg++;
      return new Map([['region:east', { n, neg, sentimentSum: -0.7 * neg }]]);
    };
    for (let i = 0; i < 2 * 288; i++) w.learn(T0 + (i * 5 + 4) * MIN, at(150, 0.15));
    // +8 points over 150 messages: below the 1-minute move gate (0.10), above the 5-minute one
    const out = w.observe(T0 + (2 * 288 * 5 + 4) * MIN, at(150, 0.3));
    expect(out.firings.map((f) => f.slice)).toEqual(['region:east']);
  });
});

const reading = (slice: string, observed: number, expected: number, n?: number): SliceReading =>
  ({ slice, observed, expected, lower: 0, upper: expected * 1.5 + 1, score: 0.9, surprise: 10, ...(n !== undefined ? { n } : {}) });
const input = (i: number, firings: SliceReading[]): MinuteInput => ({ minute: T0 + i * MIN, readings: new Map(firings.map((f) => [f.slice, f])), firings });

describe('one alert across resolutions', () => {
  const countIncident = [reading('topic:app.slow|region:east', 46, 2), reading('topic:app.slow', 55, 5)];

  it('a 5-minute firing related to an open 1-minute alert joins it as a corroboration of its 5-minute measure', () => {
    const out = advanceMeasures(emptyEngineState(), [
      { metric: 'neg', input: input(4, countIncident) },
      { metric: 'neg_5m', input: input(4, [reading('region:east', 80, 30)]) },
      { metric: 'neg_share_5m', input: input(4, [reading('region:east', 0.3, 0.18, 600)]) }
    ]);
    expect(out.events.filter((e) => e.type === 'opened')).toHaveLength(1);
    expect(out.state.active).toHaveLength(1);
    expect(out.state.active[0].corroborations?.map((c) => c.metric).sort()).toEqual(['neg_5m', 'neg_share_5m']);
  });

  it('a slow burn seen only at 5 minutes opens its own alert, named by its measure, and a later minute spike joins it', () => {
    const first = advanceMeasures(emptyEngineState(), [
      { metric: 'neg', input: input(4, []) },
      { metric: 'neg_5m', input: input(4, [reading('topic:app.slow|region:east', 40, 10), reading('topic:app.slow', 50, 15)]) }
    ]);
    expect(first.state.active.map((a) => a.metric)).toEqual(['neg_5m']);
    // the 5-minute measure is absent on the minutes between blocks: the alert stays as it is
    const between = advanceMeasures(first.state, [{ metric: 'neg', input: input(5, countIncident) }]);
    expect(between.events.filter((e) => e.type === 'opened')).toEqual([]);
    expect(between.state.active).toHaveLength(1);
    expect(new Set(between.state.active[0].corroborations?.map((c) => c.metric))).toEqual(new Set(['neg']));
  });

  it('with the 5-minute measures off it is exactly the 1-minute run', () => {
    const a = advanceAlerts(emptyEngineState(), input(0, countIncident));
    expect(advanceMeasures(emptyEngineState(), [{ metric: 'neg', input: input(0, countIncident) }])).toEqual(a);
  });
});

describe('severity names the measure\'s unit', () => {
  const base = { peakExcess: 40, ratio: 3, durationMin: 10 };
  it('complaints per minute, per 5 minutes, negative messages, sentiment', () => {
    expect(assessSeverity(base).reasons[0].en).toMatch(/more complaints a minute/);
    expect(assessSeverity({ ...base, metric: 'neg_5m' }).reasons[0].en).toMatch(/more complaints in 5 min/);
    const share = assessSeverity({ ...base, metric: 'neg_share' }).reasons[0];
    expect(share.en).toMatch(/more negative messages than normal/);
    expect(share.en).not.toMatch(/complaints|×/);
    expect(share.zh).toMatch(/负面消息/);
    const s5 = assessSeverity({ ...base, metric: 'sentiment_5m' }).reasons[0];
    expect(s5.en).toMatch(/sentiment .* in 5 min/);
    expect(s5.zh).toMatch(/5 分钟/);
  });
});
