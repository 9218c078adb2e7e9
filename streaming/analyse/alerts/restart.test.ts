import { describe, expect, it } from 'vitest';
import { createRng } from '../../sim/rng.ts';
import { DAY_MS } from '../detect/index.ts';
import { createMeasureWatcher, type SliceTotals } from './measures.ts';
import { createRunner, type MeasureSnapshot } from './table.ts';
import { createSliceWatcher, type MinuteResult, type WatcherOptions, type WatcherSnapshot } from './watcher.ts';

/**
 * Issue #5: a crash or restart loses nothing and double-counts nothing. The watch loop (streaming/watch/
 * loop.ts) keeps a watcher's snapshot as JSON in Redis and restores it on start; a watcher restored that
 * way mid-incident must go on exactly as one that never stopped: same firings, expectations and scores,
 * and the same state at the end.
 */

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 5);
const START = T0 + 2 * DAY_MS + 13 * 3600_000;

/**
 * Two days of a daily rhythm, then a ×6 incident on one busy slice (~100 a minute at its hour) for
 * `incidentMin` minutes, with a fading tail: large enough to keep firing for over two hours.
 */
function traffic(incidentMin: number) {
  const rng = createRng(`restart-${incidentMin}`);
  const base = (t: number) => 100 + 67 * Math.sin((2 * Math.PI * (t % DAY_MS)) / DAY_MS);
  const factor = (t: number) => {
    const since = (t - START) / MIN;
    if (since < 0) return 1;
    if (since < incidentMin) return 6;
    return 1 + 5 * Math.exp(-(since - incidentMin) / 10);
  };
  const minutes: [number, Map<string, number>][] = [];
  for (let t = T0; t < START + (incidentMin + 120) * MIN; t += MIN) {
    const busy = rng.poisson(base(t) * factor(t));
    const quiet = rng.poisson(base(t) / 4);
    minutes.push([t, new Map([['topic:busy', busy], ['topic:quiet', quiet], ['all:', busy + quiet]])]);
  }
  return minutes;
}

const json = <T>(x: T): T => JSON.parse(JSON.stringify(x));
/** What a minute gave, comparable across watchers (Maps as entries). */
const outputOf = (m: MinuteResult) => ({ minute: m.minute, readings: [...m.readings], firings: m.firings });

/**
 * Learns the first day, observes the rest; at each minute in `restartAt` the watcher is snapshotted, the
 * snapshot goes through JSON (as loop.ts keeps it) and a new watcher is built from it.
 */
function run(minutes: [number, Map<string, number>][], options: WatcherOptions, restartAt: number[] = []) {
  let w = createSliceWatcher(options);
  const outputs: ReturnType<typeof outputOf>[] = [];
  for (const [t, counts] of minutes) {
    if (restartAt.includes(t)) w = createSliceWatcher(options, json(w.snapshot()));
    if (t < T0 + DAY_MS) w.learn(t, counts);
    else outputs.push(outputOf(w.observe(t, counts)));
  }
  return { outputs, snapshot: w.snapshot() };
}

/** The firings of one slice, by minute. */
const firedMinutes = (outputs: ReturnType<typeof outputOf>[], slice: string) => outputs.filter((o) => o.firings.some((f) => f.slice === slice)).map((o) => o.minute);

describe('a watcher restored from its snapshot mid-incident', () => {
  const cases: [string, WatcherOptions, number][] = [
    // firedShiftMin 120 (the default): an incident longer than that must reach the cap at the same minute.
    // (Before format 2 this case passed too: the incident widens the noise scale so fast that the shift run
    // the episode guards is broken within minutes either way. The second case failed: 92 fired minutes
    // after a restart at +20 min instead of 72.)
    ['the defaults, an incident longer than firedShiftMin', {}, 180],
    ['capLearningMin, firedShiftHoldMin and firedShiftNoise', { capLearningMin: 30, firedShiftMin: 60, firedShiftHoldMin: 10, firedShiftNoise: true, firedLearning: 'level' }, 90]
  ];
  for (const [name, options, incidentMin] of cases) {
    it(`goes on exactly as one that never stopped (${name})`, () => {
      const minutes = traffic(incidentMin);
      const straight = run(minutes, options);
      // The incident must fire for the comparison to mean anything.
      expect(firedMinutes(straight.outputs, 'topic:busy').length).toBeGreaterThan(incidentMin / 2);
      // Restarts before, twice inside the incident (within its first episode's cap and after it), in its tail,
      // and once the tail is long gone.
      const restarts = [START - 30 * MIN, START + 20 * MIN, START + (incidentMin - 10) * MIN, START + (incidentMin + 5) * MIN, START + (incidentMin + 60) * MIN];
      for (const at of restarts) {
        const restarted = run(minutes, options, [at]);
        expect(firedMinutes(restarted.outputs, 'topic:busy'), `restart at +${(at - START) / MIN} min`).toEqual(firedMinutes(straight.outputs, 'topic:busy'));
        expect(restarted.outputs, `restart at +${(at - START) / MIN} min`).toEqual(straight.outputs);
        expect(JSON.stringify(restarted.snapshot)).toBe(JSON.stringify(straight.snapshot));
      }
    });
  }

  it('keeps an episode in its snapshot only while it can still matter', () => {
    const minutes = traffic(60);
    const w = createSliceWatcher();
    const episodes = (s: WatcherSnapshot) => s.series.filter((x) => x.length === 4).map((x) => x[0]);
    const seen: Record<string, string[]> = {};
    for (const [t, counts] of minutes) {
      if (t < T0 + DAY_MS) w.learn(t, counts);
      else w.observe(t, counts);
      if (t === START - MIN) seen.before = episodes(w.snapshot());
      if (t === START + 30 * MIN) seen.during = episodes(w.snapshot());
    }
    seen.after = episodes(w.snapshot());
    expect(seen).toEqual({ before: [], during: ['topic:busy', 'all:'], after: [] });
  });
});

describe('older and newer watcher snapshots', () => {
  it('restores a format-1 snapshot (no episodes), which resumes as one that never stopped when no series is firing', () => {
    const minutes = traffic(60);
    const quietAt = START - 30 * MIN;
    const straight = run(minutes, {});
    let w = createSliceWatcher();
    const outputs: ReturnType<typeof outputOf>[] = [];
    for (const [t, counts] of minutes) {
      if (t === quietAt) {
        // What main wrote before format 2: no `v`, three fields per series.
        const v1 = { series: json(w.snapshot()).series.map(([k, d, last]) => [k, d, last]) } as WatcherSnapshot;
        w = createSliceWatcher({}, v1);
      }
      if (t < T0 + DAY_MS) w.learn(t, counts);
      else outputs.push(outputOf(w.observe(t, counts)));
    }
    expect(outputs).toEqual(straight.outputs);
  });

  it('restores a format-1 snapshot taken mid-incident (the episode starts afresh, as before)', () => {
    const minutes = traffic(60);
    const w = createSliceWatcher();
    for (const [t, counts] of minutes) if (t < START + 20 * MIN) (t < T0 + DAY_MS ? w.learn(t, counts) : w.observe(t, counts));
    const v1 = { series: json(w.snapshot()).series.map(([k, d, last]) => [k, d, last]) } as WatcherSnapshot;
    const restored = createSliceWatcher({}, v1);
    expect(restored.size).toBe(w.size);
    expect(restored.observe(START + 20 * MIN, minutes.find(([t]) => t === START + 20 * MIN)![1]).firings.map((f) => f.slice)).toContain('topic:busy');
  });

  it('refuses a format newer than it knows (the loop then warms up on history)', () => {
    expect(() => createSliceWatcher({}, { v: 99, series: [] })).toThrow(/format 99/);
  });
});

describe('the other measures restored mid-incident', () => {
  it('complaints per 5 minutes (a half-full block, a SliceWatcher on block sums) go on as if never stopped', () => {
    const minutes = traffic(180);
    const go = (restartAt: number[]) => {
      let r = createRunner('neg_5m');
      const outs: unknown[] = [];
      for (const [t, counts] of minutes) {
        if (restartAt.includes(t)) r = createRunner('neg_5m', json(r.snapshot()) as MeasureSnapshot);
        if (t < T0 + DAY_MS) r.learn(t, { counts });
        else {
          const o = r.observe(t, { counts });
          if (o) outs.push(outputOf(o));
        }
      }
      return { outs, snapshot: JSON.stringify(r.snapshot()) };
    };
    const straight = go([]);
    expect(straight.outs.some((o) => (o as { firings: unknown[] }).firings.length)).toBe(true);
    // Mid-block (minute 2 of 5), long into the incident.
    const restarted = go([START + 142 * MIN]);
    expect(restarted.outs).toEqual(straight.outs);
    expect(restarted.snapshot).toBe(straight.snapshot);
  });

  it('rate measures (negative share) go on as if never stopped: their detector and last minute are all they keep', () => {
    const rng = createRng('restart-share');
    const totalsAt = (t: number): Map<string, SliceTotals> => {
      const n = 60 + rng.poisson(20);
      const p = t >= START && t < START + 150 * MIN ? 0.5 : 0.15;
      let neg = 0;
      for (let i = 0; i < n; i++) if (rng.next() < p) neg++;
      return new Map([['all:', { n, neg, sentimentSum: -neg * 0.6 }]]);
    };
    const inputs: [number, Map<string, SliceTotals>][] = [];
    for (let t = T0; t < START + 200 * MIN; t += MIN) inputs.push([t, totalsAt(t)]);
    const go = (restartAt: number[]) => {
      let w = createMeasureWatcher('neg_share');
      const outs: ReturnType<typeof outputOf>[] = [];
      for (const [t, totals] of inputs) {
        if (restartAt.includes(t)) w = createMeasureWatcher('neg_share', {}, json(w.snapshot()));
        if (t < T0 + DAY_MS) w.learn(t, totals);
        else outs.push(outputOf(w.observe(t, totals)));
      }
      return outs;
    };
    const straight = go([]);
    expect(straight.some((o) => o.firings.length)).toBe(true);
    expect(go([START + 40 * MIN])).toEqual(straight);
  });
});
