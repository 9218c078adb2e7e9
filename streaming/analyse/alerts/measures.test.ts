import { describe, expect, it } from 'vitest';
import type { SliceReading } from '../../../schemas/alerts.ts';
import { createRng } from '../../sim/rng.ts';
import { advanceAlerts, emptyEngineState, type MinuteInput } from './engine.ts';
import { absorb, advanceMeasures, type JointState } from './joint.ts';
import { createMeasureWatcher, measureFires, MEASURE_GATES, sampleZ, sliceTotals, type SliceTotals } from './measures.ts';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 5);

describe('sliceTotals', () => {
  it('sums n, negatives and sentiment per slice like sliceCounts, negative sentiment sums included', () => {
    const t = sliceTotals([
      { channel: 'chat', region: 'east', n: 10, neg: 4, sentimentSum: -3 },
      { channel: 'app_review', region: 'east', n: 5, neg: 1, sentimentSum: 1 },
      { topic: 'app.slow', channel: 'chat', region: 'east', n: 3, neg: 3, sentimentSum: -2.4 }
    ]);
    expect(t.get('all:')).toEqual({ n: 15, neg: 5, sentimentSum: -2 });
    expect(t.get('region:east')).toEqual({ n: 15, neg: 5, sentimentSum: -2 });
    expect(t.get('topic:app')).toEqual({ n: 3, neg: 3, sentimentSum: -2.4 });
    expect(t.get('topic:app.slow|region:east')?.neg).toBe(3);
  });
});

describe('measure gates', () => {
  const g = MEASURE_GATES.neg_share;
  const r = (observed: number, expected: number, n: number, score = 0.9) => ({ observed, expected, n, score });
  it('a share over a handful of messages never fires, however surprising', () => {
    expect(measureFires('neg_share', r(1, 0.2, 3), g)).toBe(false);
    expect(measureFires('neg_share', r(0.9, 0.2, g.minN - 1), g)).toBe(false);
  });
  it('needs both the move in points and the excess negative messages', () => {
    // +6 points over 400 messages: 24 excess negatives, but a move too small to mean anything to people
    expect(measureFires('neg_share', r(0.26, 0.2, 400), g)).toBe(false);
    // +30 points over 20 messages: 6 excess negatives, below minExcess
    expect(measureFires('neg_share', r(0.5, 0.2, 20), g)).toBe(false);
    expect(measureFires('neg_share', r(0.5, 0.2, 60), g)).toBe(true);
    expect(measureFires('neg_share', r(0.5, 0.2, 60, 0.4), g)).toBe(false);
  });
  it('judges each minute by its own count: the same move over fewer messages is less sure', () => {
    expect(sampleZ('neg_share', 0.4, 0.2, 100)).toBeCloseTo(5);
    expect(sampleZ('neg_share', 0.4, 0.2, 25)).toBeCloseTo(2.5);
    // +11.5 points and 8 excess negatives pass the other gates, but over 70 messages z is 2.4
    expect(sampleZ('neg_share', 0.315, 0.2, 70)).toBeLessThan(g.minZ);
    expect(measureFires('neg_share', r(0.315, 0.2, 70), g)).toBe(false);
    expect(measureFires('neg_share', r(0.315, 0.2, 120), g)).toBe(true);
  });
});

/** Per-minute totals of one slice: `n` messages with negative share p (binomial noise). */
function totals(rng: ReturnType<typeof createRng>, n: number, p: number, sentimentOfNeg = -0.8): Map<string, SliceTotals> {
  let neg = 0;
  for (let i = 0; i < n; i++) if (rng.next() < p) neg++;
  return new Map([['region:east', { n, neg, sentimentSum: neg * sentimentOfNeg + (n - neg) * 0.2 }]]);
}

describe('measure watcher', () => {
  it('learns a share, stays quiet on noise and fires on a real shift in share', () => {
    const rng = createRng('measure-test');
    const w = createMeasureWatcher('neg_share');
    for (let i = 0; i < 2 * 1440; i++) w.learn(T0 + i * MIN, totals(rng, 80, 0.15));
    let falseFirings = 0;
    for (let i = 2 * 1440; i < 3 * 1440; i++) falseFirings += w.observe(T0 + i * MIN, totals(rng, 80, 0.15)).firings.length;
    expect(falseFirings).toBeLessThanOrEqual(2);
    const out = w.observe(T0 + 3 * 1440 * MIN, totals(rng, 80, 0.6));
    expect(out.firings.map((f) => f.slice)).toEqual(['region:east']);
    expect(out.firings[0].n).toBe(80);
    expect(out.firings[0].expected).toBeGreaterThan(0.1);
    expect(out.firings[0].expected).toBeLessThan(0.2);
  });

  it('treats a minute with too few messages as missing, not as a point', () => {
    const rng = createRng('measure-test-2');
    const w = createMeasureWatcher('neg_share');
    for (let i = 0; i < 1440; i++) w.learn(T0 + i * MIN, totals(rng, 80, 0.15));
    const out = w.observe(T0 + 1440 * MIN, totals(rng, 4, 1));
    expect(out.readings.size).toBe(0);
    expect(out.firings).toEqual([]);
  });

  it('watches sentiment as −mean, so a drop in sentiment is a rise', () => {
    const rng = createRng('measure-test-3');
    const w = createMeasureWatcher('sentiment');
    for (let i = 0; i < 1440; i++) w.learn(T0 + i * MIN, totals(rng, 80, 0.15));
    const out = w.observe(T0 + 1440 * MIN, totals(rng, 80, 0.7));
    expect(out.firings).toHaveLength(1);
    expect(out.firings[0].observed).toBeGreaterThan(out.firings[0].expected);
    expect(out.firings[0].observed).toBeGreaterThan(0.3); // −mean of a mostly negative minute
  });

  it('survives a snapshot round trip (JSON) with the same readings', () => {
    const rng = createRng('measure-test-4');
    const w = createMeasureWatcher('neg_share');
    for (let i = 0; i < 600; i++) w.learn(T0 + i * MIN, totals(rng, 50, 0.2));
    const copy = createMeasureWatcher('neg_share', {}, JSON.parse(JSON.stringify(w.snapshot())));
    const t = totals(rng, 50, 0.5);
    expect(copy.observe(T0 + 600 * MIN, t).readings.get('region:east')).toEqual(w.observe(T0 + 600 * MIN, t).readings.get('region:east'));
  });
});

const reading = (slice: string, observed: number, expected: number, n?: number): SliceReading =>
  ({ slice, observed, expected, lower: 0, upper: expected * 1.5 + 1, score: 0.9, surprise: 10, ...(n !== undefined ? { n } : {}) });
const minute = (i: number, firings: SliceReading[]): MinuteInput => ({ minute: T0 + i * MIN, readings: new Map(firings.map((f) => [f.slice, f])), firings });

describe('one alert per incident across measures', () => {
  const countIncident = [reading('topic:app.slow|region:east', 46, 2), reading('topic:app.slow', 55, 5)];
  const shareIncident = [reading('region:east', 0.45, 0.18, 300), reading('channel:app_review', 0.5, 0.2, 100)];

  it('with the count alone it is exactly advanceAlerts', () => {
    const a = advanceAlerts(emptyEngineState(), minute(0, countIncident));
    const b = advanceMeasures(emptyEngineState(), [{ metric: 'neg', input: minute(0, countIncident) }]);
    expect(b).toEqual(a);
  });

  it('a share firing related to an open count alert joins it as a corroboration: one page', () => {
    const out = advanceMeasures(emptyEngineState(), [
      { metric: 'neg', input: minute(0, countIncident) },
      { metric: 'neg_share', input: minute(0, shareIncident) }
    ]);
    // region:east joins the app.slow × east alert; app_review is unrelated to it and opens its own
    const opened = out.events.filter((e) => e.type === 'opened');
    expect(opened).toHaveLength(2);
    const countAlert = out.state.active.find((a) => a.metric === 'neg')!;
    expect(countAlert.corroborations?.map((c) => [c.metric, c.slice])).toEqual([['neg_share', 'region:east']]);
    const shareAlert = out.state.active.find((a) => a.metric === 'neg_share')!;
    expect(shareAlert.slice).toBe('channel:app_review');
    expect(shareAlert.stats.peakExcessMessages).toBeCloseTo(30);
    expect(new Set(out.state.active.map((a) => a.id)).size).toBe(2);
  });

  it('a count spike after a share alert opened joins the share alert instead of paging again', () => {
    let state: JointState = emptyEngineState();
    const first = advanceMeasures(state, [
      { metric: 'neg', input: minute(0, []) },
      { metric: 'neg_share', input: minute(0, [reading('region:east', 0.45, 0.18, 300), reading('region:east|channel:chat', 0.5, 0.2, 100)]) }
    ]);
    state = first.state;
    expect(state.active).toHaveLength(1);
    const second = advanceMeasures(state, [
      { metric: 'neg', input: minute(1, countIncident) },
      { metric: 'neg_share', input: minute(1, [reading('region:east', 0.5, 0.18, 300)]) }
    ]);
    expect(second.events.filter((e) => e.type === 'opened')).toEqual([]);
    expect(second.notifications.filter((n) => n.kind === 'opened')).toEqual([]);
    expect(second.state.active).toHaveLength(1);
    expect(second.state.active[0].corroborations?.map((c) => c.metric)).toContain('neg');
  });

  it('keeps an alert open while another measure still fires on it', () => {
    const a = advanceMeasures(emptyEngineState(), [{ metric: 'neg', input: minute(0, countIncident) }]).state.active[0];
    const out = absorb([a], [reading('region:east', 0.45, 0.18, 300)], 'neg_share', T0 + 30 * MIN);
    expect(out.rest).toEqual([]);
    expect(out.alerts[0].stats.lastAboveAt).toBe(T0 + 30 * MIN);
    expect(absorb([a], [reading('region:west', 0.45, 0.18, 300)], 'neg_share', T0).rest).toHaveLength(1);
  });
});
