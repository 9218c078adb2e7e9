import { describe, expect, it } from 'vitest';
import type { SliceReading } from '../../../schemas/alerts.ts';
import { createRng } from '../../sim/rng.ts';
import { emptyEngineState, type MinuteInput } from './engine.ts';
import { advanceMeasures } from './joint.ts';
import { addTotals, createMeasureWatcher, measureFires, measureN, measureValue, MEASURE_GATES, sliceTotals, type SliceTotals } from './measures.ts';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 5);

describe('survey-score totals', () => {
  it('counts scores on the rows without a topic only, and keeps them apart from the message count', () => {
    const t = sliceTotals([
      { channel: 'survey', region: 'east', n: 10, neg: 4, sentimentSum: -3, npsN: 10, detractors: 3, csatN: 10, csatLow: 2 },
      { channel: 'chat', region: 'east', n: 30, neg: 6, sentimentSum: -2, csatN: 12, csatLow: 6 },
      { channel: 'app_review', region: 'east', n: 20, neg: 2, sentimentSum: 1 },
      { topic: 'app.slow', channel: 'survey', region: 'east', n: 3, neg: 3, sentimentSum: -2.4 }
    ]);
    expect(t.get('region:east')).toEqual({ n: 60, neg: 12, sentimentSum: -4, npsN: 10, detractors: 3, csatN: 22, csatLow: 8 });
    expect(t.get('topic:app.slow')?.npsN).toBeUndefined();
    // Shares over the scored messages only: 3 of 10 NPS answers, 8 of 22 CSAT ratings (not of 60 messages).
    expect(measureValue('detractor_share', t.get('region:east')!)).toBeCloseTo(0.3);
    expect(measureN('detractor_share', t.get('region:east')!)).toBe(10);
    expect(measureValue('csat_low', t.get('region:east')!)).toBeCloseTo(8 / 22);
    expect(measureN('csat_low', t.get('region:east')!)).toBe(22);
    expect(measureN('csat_low', t.get('channel:app_review')!)).toBe(0);
  });

  it('sums score totals in 5-minute blocks like the other totals', () => {
    const a: SliceTotals = { n: 5, neg: 1, sentimentSum: 0, npsN: 2, detractors: 1 };
    const b: SliceTotals = { n: 5, neg: 2, sentimentSum: -1, csatN: 3, csatLow: 0 };
    expect(addTotals(a, b)).toEqual({ n: 10, neg: 3, sentimentSum: -1, npsN: 2, detractors: 1, csatN: 3, csatLow: 0 });
    expect(a).toEqual({ n: 5, neg: 1, sentimentSum: 0, npsN: 2, detractors: 1 });
  });
});

describe('score gates', () => {
  const r = (observed: number, expected: number, n: number) => ({ observed, expected, n, score: 0.9 });
  for (const metric of ['detractor_share', 'csat_low'] as const) {
    const g = MEASURE_GATES[metric];
    it(`${metric}: too few scored answers never fire; enough excess answers do`, () => {
      expect(measureFires(metric, r(1, 0.2, g.minN - 1), g)).toBe(false);
      // +10 points over 400 answers is 40 answers' worth but z (4.9) passes: fires
      expect(measureFires(metric, r(0.2 + g.minDelta, 0.2, 400), g)).toBe(true);
      // the same move over minN answers: too few extra detractors / low ratings, and z too low
      expect(measureFires(metric, r(0.2 + g.minDelta, 0.2, g.minN), g)).toBe(false);
      expect(measureFires(metric, r(0.9, 0.2, 60), g)).toBe(true);
    });
  }
});

/** One slice's minute: `scored` NPS answers, each a detractor with probability p, among 5× as many messages. */
function npsMinute(rng: ReturnType<typeof createRng>, scored: number, p: number): Map<string, SliceTotals> {
  let det = 0;
  for (let i = 0; i < scored; i++) if (rng.next() < p) det++;
  return new Map([['region:east', { n: 5 * scored, neg: scored, sentimentSum: 0, npsN: scored, detractors: det }]]);
}

describe('detractor-share watcher', () => {
  it('learns the usual share, stays quiet on noise, fires on a detractor spike with n = the scored answers', () => {
    const rng = createRng('detractors');
    const w = createMeasureWatcher('detractor_share');
    for (let i = 0; i < 2 * 1440; i++) w.learn(T0 + i * MIN, npsMinute(rng, 60, 0.2));
    let falseFirings = 0;
    for (let i = 2 * 1440; i < 3 * 1440; i++) falseFirings += w.observe(T0 + i * MIN, npsMinute(rng, 60, 0.2)).firings.length;
    expect(falseFirings).toBeLessThanOrEqual(2);
    const out = w.observe(T0 + 3 * 1440 * MIN, npsMinute(rng, 60, 0.7));
    expect(out.firings.map((f) => f.slice)).toEqual(['region:east']);
    expect(out.firings[0].n).toBe(60);
    expect(out.firings[0].expected).toBeGreaterThan(0.15);
    expect(out.firings[0].expected).toBeLessThan(0.25);
  });

  it('a minute with too few scored answers is missing, however many messages it has', () => {
    const rng = createRng('detractors-2');
    const w = createMeasureWatcher('detractor_share');
    for (let i = 0; i < 1440; i++) w.learn(T0 + i * MIN, npsMinute(rng, 60, 0.2));
    const few = new Map([['region:east', { n: 500, neg: 400, sentimentSum: -300, npsN: MEASURE_GATES.detractor_share.minN - 1, detractors: MEASURE_GATES.detractor_share.minN - 1 }]]);
    expect(w.observe(T0 + 1440 * MIN, few).readings.size).toBe(0);
    // No score at all (a slice whose channel carries none) never even becomes a series.
    const none = createMeasureWatcher('csat_low');
    none.learn(T0, new Map([['channel:app_review', { n: 500, neg: 10, sentimentSum: 0 }]]));
    expect(none.size).toBe(0);
  });
});

describe('a detractor spike in an incident already paging', () => {
  const reading = (slice: string, observed: number, expected: number, n?: number): SliceReading =>
    ({ slice, observed, expected, lower: 0, upper: expected * 1.5 + 1, score: 0.9, surprise: 10, ...(n !== undefined ? { n } : {}) });
  const minute = (i: number, firings: SliceReading[]): MinuteInput => ({ minute: T0 + i * MIN, readings: new Map(firings.map((f) => [f.slice, f])), firings });

  it('joins the open complaint alert as a corroboration instead of paging again', () => {
    const out = advanceMeasures(emptyEngineState(), [
      { metric: 'neg', input: minute(0, [reading('topic:delivery.late|region:east', 40, 3)]) },
      { metric: 'detractor_share', input: minute(0, [reading('region:east', 0.55, 0.2, 80)]) }
    ]);
    expect(out.events.filter((e) => e.type === 'opened')).toHaveLength(1);
    expect(out.state.active).toHaveLength(1);
    expect(out.state.active[0].corroborations?.map((c) => [c.metric, c.slice, c.n])).toEqual([['detractor_share', 'region:east', 80]]);
  });

  it('opens its own alert when nothing related is open', () => {
    const out = advanceMeasures(emptyEngineState(), [
      { metric: 'neg', input: minute(0, []) },
      { metric: 'csat_low', input: minute(0, [reading('channel:chat', 0.6, 0.15, 120)]) }
    ]);
    expect(out.state.active.map((a) => [a.metric, a.slice])).toEqual([['csat_low', 'channel:chat']]);
    expect(out.state.active[0].stats.peakExcessMessages).toBeCloseTo(54);
  });
});
