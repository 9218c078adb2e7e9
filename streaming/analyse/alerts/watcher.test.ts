import { describe, expect, it } from 'vitest';
import { createRng } from '../../sim/rng.ts';
import { createSliceWatcher, WATCHER_DETECTOR, type WatcherOptions } from './watcher.ts';
import { createDetector, DAY_MS } from '../detect/index.ts';
import { advanceAlerts, emptyEngineState } from './engine.ts';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 5);

/** Warms a watcher on Poisson counts with the given means per slice. */
function warmed(means: Record<string, number>, minutes = 400, opts = {}) {
  const rng = createRng('watcher-test');
  const w = createSliceWatcher(opts);
  const draw = () => new Map(Object.entries(means).map(([k, m]) => [k, rng.poisson(m)]));
  for (let i = 0; i < minutes; i++) w.learn(T0 + i * MIN, draw());
  return { w, draw, next: T0 + minutes * MIN };
}

describe('slice watcher', () => {
  it('stays quiet on 0 → 3 and fires on 3 → 40', () => {
    const { w, next } = warmed({ 'topic:rare': 0.2, 'topic:busy': 3 });
    const m = w.observe(next, new Map([['topic:rare', 3], ['topic:busy', 40]]));
    expect(m.firings.map((f) => f.slice)).toEqual(['topic:busy']);
    const rare = m.readings.get('topic:rare')!;
    // The detector alone may find 3 on a 0.2 baseline surprising; the size gate is what keeps it quiet.
    expect(rare.observed - rare.expected).toBeLessThan(5);
  });

  it('keeps 0 → 5 quiet by its size gate even when a sensitive detector finds it surprising', () => {
    const sensitive = { detector: { ...WATCHER_DETECTOR, fireSurprise: 3 } };
    const gated = warmed({ 'topic:rare': 0.2 }, 400, sensitive);
    const ungated = warmed({ 'topic:rare': 0.2 }, 400, { ...sensitive, minExcess: 0, minRatio: 0, minExcessShare: 0 });
    expect(gated.w.observe(gated.next, new Map([['topic:rare', 5]])).firings).toHaveLength(0);
    expect(ungated.w.observe(ungated.next, new Map([['topic:rare', 5]])).firings).toHaveLength(1);
  });

  it('asks a topic × channel × region cell for a larger excess than a slice: a sparse cell is a customer or two, not an incident', () => {
    const cell = 'topic:delivery.late|channel:email|region:central';
    const pair = 'topic:delivery.late|region:central';
    const { w, next } = warmed({ [cell]: 0.3, [pair]: 0.3 });
    // 7 where 0.3 are usual: surprising to the detector in both, but only the slice passes its gate (5)
    const few = w.observe(next, new Map([[cell, 7], [pair, 7]]));
    expect(few.firings.map((f) => f.slice)).toEqual([pair]);
    expect(w.isSpike({ slice: cell, observed: 7, expected: 0.3 })).toBe(false);
    expect(w.isSpike({ slice: pair, observed: 7, expected: 0.3 })).toBe(true);
    // a hotline queue confined to its cell, 14 more a minute, pages on the cell
    const queue = w.observe(next + MIN, new Map([[cell, 14], [pair, 14]]));
    expect(queue.firings.map((f) => f.slice).sort()).toEqual([cell, pair].sort());
  });

  it('opens no alert on ordinary Poisson noise over a day of minutes', () => {
    const { w, draw, next } = warmed({ 'topic:a': 2, 'topic:b': 10, 'region:east': 30, 'topic:a|region:east': 1 });
    let state = emptyEngineState();
    let fired = 0, opened = 0;
    for (let i = 0; i < 1440; i++) {
      const m = w.observe(next + i * MIN, draw());
      fired += m.firings.length;
      const out = advanceAlerts(state, m);
      state = out.state;
      opened += out.events.filter((e) => e.type === 'opened').length;
    }
    // A lone firing may pass the watcher now and then; it must not become an alert.
    expect(fired).toBeLessThan(5);
    expect(opened).toBe(0);
  });

  it('reports expected and band with every reading', () => {
    const { w, next } = warmed({ 'all:': 20 });
    const r = w.observe(next, new Map([['all:', 80]])).readings.get('all:')!;
    expect(r.expected).toBeGreaterThan(15);
    expect(r.expected).toBeLessThan(25);
    expect(r.upper).toBeGreaterThan(r.expected);
    expect(r.upper).toBeLessThan(80);
  });

  it('keeps at most maxSeries, dropping the one idle longest', () => {
    const w = createSliceWatcher({ maxSeries: 3 });
    w.learn(T0, new Map([['a:1', 1], ['a:2', 1], ['a:3', 1]]));
    w.learn(T0 + MIN, new Map([['a:2', 1], ['a:3', 1], ['a:4', 1]]));
    expect(w.size).toBe(3);
    expect(w.snapshot().series.map(([k]) => k).sort()).toEqual(['a:2', 'a:3', 'a:4']);
  });

  it('survives a snapshot round trip through JSON', () => {
    const { w, next } = warmed({ 'topic:busy': 3 });
    const copy = createSliceWatcher({}, JSON.parse(JSON.stringify(w.snapshot())));
    const a = w.observe(next, new Map([['topic:busy', 40]]));
    const b = copy.observe(next, new Map([['topic:busy', 40]]));
    expect(b.firings).toEqual(a.firings);
  });

  describe('on a strong daily rhythm at minute resolution (complaint volume)', () => {
    // Busy by day, near silent at night: 20 → 380 messages a minute, and a shop-hours square wave.
    const smooth = (t: number) => 200 + 180 * Math.sin((2 * Math.PI * (t % DAY_MS)) / DAY_MS);
    const square = (t: number) => ((t % DAY_MS) / 3600_000 >= 8 && (t % DAY_MS) / 3600_000 < 20 ? 300 : 20);

    for (const [name, mean] of [['smooth', smooth], ['square', square]] as const) {
      it(`learns the ${name} rhythm instead of chasing it: the detector stays quiet on days 4–8`, () => {
        const rng = createRng(`rhythm-${name}`);
        const d = createDetector(WATCHER_DETECTOR);
        let fired = 0;
        for (let i = 0; i < 8 * 1440; i++) {
          const t = T0 + i * MIN;
          const r = d.update(t, rng.poisson(mean(t)));
          if (i >= 3 * 1440 && r.score >= 0.5) fired++;
        }
        // A level that follows every minute (the old default) fired ~300 times here.
        expect(fired).toBeLessThanOrEqual(10);
      });
    }

    it('still alerts on a realistic incident within two minutes of its start, by day and by night', () => {
      for (const hour of [3, 13]) {
        const rng = createRng(`rhythm-incident-${hour}`);
        const w = createSliceWatcher();
        const base = (t: number) => 8 + 6 * Math.sin((2 * Math.PI * (t % DAY_MS)) / DAY_MS);
        const start = T0 + 4 * DAY_MS + hour * 3600_000;
        // The incident multiplies the slice by 5 (the simulator's presets: 6–15), ramping up over three minutes.
        const at = (t: number) => base(t) * (1 + 4 * Math.min(1, Math.max(0, (t + MIN - start) / (3 * MIN))));
        let firstFiring = -1;
        for (let t = T0; t < start + 10 * MIN; t += MIN) {
          const counts = new Map([['topic:a', rng.poisson(t >= start ? at(t) : base(t))]]);
          if (t < start - 60 * MIN) { w.learn(t, counts); continue; }
          const m = w.observe(t, counts);
          if (m.firings.length && firstFiring < 0) firstFiring = t;
          if (t < start) expect(m.firings).toHaveLength(0);
        }
        expect(firstFiring).toBeGreaterThanOrEqual(start);
        expect(firstFiring + MIN - start).toBeLessThanOrEqual(2 * MIN); // the minute closes at t + 1 min
      }
    });
  });

  describe('sliding windows (peek)', () => {
    it('scores a window without teaching the detectors anything', () => {
      const { w, next } = warmed({ 'topic:busy': 3, 'region:east': 20 });
      const before = JSON.stringify(w.snapshot());
      const p = w.peek(next, new Map([['topic:busy', 40], ['region:east', 21], ['topic:new', 9]]));
      expect(p.firings.map((f) => f.slice)).toEqual(['topic:busy']);
      // Slices not watched yet are not created by a window; slices with no message are not read.
      expect([...p.readings.keys()].sort()).toEqual(['region:east', 'topic:busy']);
      expect(JSON.stringify(w.snapshot())).toBe(before);
      // The closed minute is then scored exactly as if no window had been looked at.
      const { w: twin } = warmed({ 'topic:busy': 3, 'region:east': 20 });
      const counts = new Map([['topic:busy', 4], ['region:east', 22]]);
      expect(w.observe(next, counts)).toEqual(twin.observe(next, counts));
    });

    it('pages a ramping incident that starts mid-minute sooner than closed minutes do, within two minutes', () => {
      const BIN = 15_000;
      let sooner = 0;
      for (const [hour, offset] of [[3, 20], [13, 40], [6, 50]]) {
        const rng = createRng(`slide-${hour}`);
        const w = createSliceWatcher();
        const base = (t: number) => (8 + 6 * Math.sin((2 * Math.PI * (t % DAY_MS)) / DAY_MS)) / 4;
        const start = T0 + 4 * DAY_MS + hour * 3600_000 + offset * 1000;
        // ×5 at full strength after a 3-minute ramp (the simulator's presets are 6–15×).
        const rate = (t: number) => base(t) * (1 + 4 * Math.min(1, Math.max(0, (t + BIN / 2 - start) / (3 * MIN))));
        const bins: number[] = [];
        let byWindow = -1, byMinute = -1;
        for (let t = T0; t < start + 10 * MIN; t += MIN) {
          for (let k = 0; k < 4; k++) bins.push(rng.poisson(rate(t + k * BIN)));
          const minute = bins.slice(-4).reduce((a, b) => a + b, 0);
          if (t < start - 60 * MIN) { w.learn(t, new Map([['topic:a', minute]])); continue; }
          for (let k = 1; k < 4; k++) {
            const p = w.peek(t, new Map([['topic:a', bins.slice(-8 + k, -4 + k).reduce((a, b) => a + b, 0)]]));
            if (t < start - MIN) expect(p.firings).toHaveLength(0);
            if (p.firings.length && byWindow < 0) byWindow = t + k * BIN;
          }
          const m = w.observe(t, new Map([['topic:a', minute]]));
          if (m.firings.length && byMinute < 0) byMinute = t + MIN;
          if (m.firings.length && byWindow < 0) byWindow = t + MIN;
        }
        expect(byWindow).toBeGreaterThan(start);
        // Read 10 s after the window ends (the watch loop's settle delay), the page goes out within 2 min.
        expect(byWindow + 10_000 - start).toBeLessThanOrEqual(2 * MIN);
        expect(byWindow).toBeLessThanOrEqual(byMinute);
        if (byWindow < byMinute) sooner++;
      }
      expect(sooner).toBeGreaterThanOrEqual(2);
    });
  });

  describe('firedShiftMin: fired minutes do not lift the level', () => {
    /** One slice at 15 a minute; from `start` the mean is `during(t)`; returns per-minute readings and firings. */
    function replay(options: WatcherOptions, during: (t: number) => number, start: number, to: number) {
      const rng = createRng('fired-shift');
      const w = createSliceWatcher(options);
      const out: { t: number; expected: number; band: number; fired: boolean }[] = [];
      for (let t = T0; t < to; t += MIN) {
        const counts = new Map([['topic:a', rng.poisson(t >= start ? during(t) : 15)]]);
        if (t < start - 600 * MIN) { w.learn(t, counts); continue; }
        const m = w.observe(t, counts);
        const r = m.readings.get('topic:a')!;
        out.push({ t, expected: r.expected, band: r.upper - r.lower, fired: m.firings.length > 0 });
      }
      return out;
    }
    const start = T0 + 2 * DAY_MS;
    const at = (rs: ReturnType<typeof replay>, t: number) => rs.find((r) => r.t === t)!;
    const ON: WatcherOptions = { firedShiftMin: 120, firedShiftNoise: true, firedLearning: 'level' };

    it('after a 40-minute ×6 incident the expectation and band are back to normal, not widened for hours', () => {
      const incident = (t: number) => (t < start + 40 * MIN ? 90 : 15);
      const on = replay(ON, incident, start, start + 4 * 60 * MIN), off = replay({ firedNoiseClipZ: 4.5 }, incident, start, start + 4 * 60 * MIN);
      const before = at(on, start - MIN);
      // The incident fires either way, minute after minute.
      expect(on.filter((r) => r.t >= start && r.t < start + 40 * MIN && r.fired).length).toBeGreaterThan(35);
      expect(off.filter((r) => r.t >= start && r.t < start + 40 * MIN && r.fired).length).toBeGreaterThan(35);
      const after = start + 100 * MIN;
      expect(at(off, after).band).toBeGreaterThan(2 * before.band);
      expect(at(on, after).band).toBeLessThan(1.3 * before.band);
      expect(Math.abs(at(on, after).expected - 15)).toBeLessThan(3);
    });

    it('a lasting change stops paging once the firing episode outlasts the cap', () => {
      const on = replay(ON, () => 45, start, start + 8 * 60 * MIN);
      const firedIn = (h: number) => on.filter((r) => r.t >= start + h * 60 * MIN && r.t < start + (h + 1) * 60 * MIN && r.fired).length;
      expect(firedIn(0)).toBeGreaterThan(50);
      // Held out of the shift rule and the noise scales it pages every minute; after the cap it is learned
      // and pages now and then, as an unflagged change does (the default gives 2–6 an hour in hours 4–8).
      expect(firedIn(5) + firedIn(6) + firedIn(7)).toBeLessThan(12);
    });
  });
  describe('a long incident on a daily rhythm (issue #5)', () => {
    /**
     * One slice on a daily rhythm (15 ± 10 a minute); on day 4 from 05:48 a steady ×mult incident for `dur`
     * minutes, then back to normal. Per incident minute: expected, whether it fired, and whether the engine
     * saw it above (fired or over the band); and the alerts the engine opened and resolved.
     */
    function incident(options: WatcherOptions, mult: number, dur: number) {
      const rng = createRng('long-incident');
      const w = createSliceWatcher(options);
      const base = (t: number) => 15 + 10 * Math.sin((2 * Math.PI * (t % DAY_MS)) / DAY_MS);
      const start = T0 + 4 * DAY_MS + 348 * MIN;
      let state = emptyEngineState();
      const during: { expected: number; fired: boolean; above: boolean }[] = [];
      const events: { type: string; at: number }[] = [];
      let before = NaN;
      for (let t = T0; t < start + (dur + 60) * MIN; t += MIN) {
        const on = t >= start && t < start + dur * MIN;
        const counts = new Map([['topic:a', rng.poisson(base(t) * (on ? mult : 1))]]);
        if (t < start - 120 * MIN) { w.learn(t, counts); continue; }
        const m = w.observe(t, counts);
        const r = m.readings.get('topic:a')!;
        if (t === start - MIN) before = r.expected;
        const fired = m.firings.length > 0;
        if (on) during.push({ expected: r.expected, fired, above: fired || r.observed > r.upper });
        const out = advanceAlerts(state, m);
        state = out.state;
        for (const e of out.events) if (e.type === 'opened' || e.type === 'resolved') events.push({ type: e.type, at: (t - start) / MIN });
      }
      return { before, during, events };
    }

    it('a steady ×6 or ×3 incident of 2 h keeps the pre-incident expectation and one alert open to its end', () => {
      for (const mult of [6, 3]) {
        const { before, during, events } = incident({}, mult, 120);
        expect(before).toBeGreaterThan(20);
        const expected = during.map((d) => d.expected);
        // Before: the daily and weekly profiles took in each fired minute, so the expectation beside "observed"
        // climbed through every 30-min bin and fell back at the next (×6: 24 → 62 → 31 → 62 …), and the noise
        // scale, widened ×12, let the slow level take in the rest (24 → 34 with the profiles kept clean).
        expect(Math.max(...expected)).toBeLessThan(1.25 * before);
        const drops = expected.slice(1).map((e, i) => expected[i] - e);
        expect(Math.max(...drops)).toBeLessThan(0.1 * before);
        // Every minute fired or sat above the band (×3 before: 34 minutes did not, counting towards resolving).
        expect(during.filter((d) => !d.above)).toHaveLength(0);
        expect(during.filter((d) => d.fired).length).toBeGreaterThanOrEqual(115);
        expect(events.filter((e) => e.type === 'opened')).toHaveLength(1);
        expect(events.find((e) => e.type === 'resolved')?.at ?? Infinity).toBeGreaterThan(120);
      }
    });

    it("firedLearning 'level' (profiles only) removes the climb within each bin but not the slow level's share", () => {
      const { before, during } = incident({ firedLearning: 'level', firedNoiseClipZ: 4.5 }, 6, 120);
      const expected = during.map((d) => d.expected);
      const drops = expected.slice(1).map((e, i) => expected[i] - e);
      expect(Math.max(...drops)).toBeLessThan(0.1 * before);
      expect(Math.max(...expected)).toBeGreaterThan(1.25 * before);
    });
  });

  describe('firedNoiseClipZ: fired minutes teach the noise scales with bounded influence (issue #5)', () => {
    /**
     * One slice on a daily rhythm (15 ± 10 a minute); on day 4 from 05:48 a steady ×6 incident for 45 min,
     * then 2 h of normal traffic, then a ×4 incident with a 3-minute ramp (the simulator's). Returns the upper
     * limit before the first incident and at its last minute, and after how many minutes the second one first
     * fired (closed minutes: fired in its first minute → 1).
     */
    function twoIncidents(options: WatcherOptions, seed: string) {
      const rng = createRng(seed);
      const w = createSliceWatcher(options);
      const base = (t: number) => 15 + 10 * Math.sin((2 * Math.PI * (t % DAY_MS)) / DAY_MS);
      const start = T0 + 4 * DAY_MS + 348 * MIN, start2 = start + (45 + 120) * MIN;
      const factor = (t: number) =>
        t >= start && t < start + 45 * MIN ? 6 : t >= start2 ? 1 + 3 * Math.min(1, (t - start2 + MIN) / (3 * MIN)) : 1;
      let upBefore = NaN, upEnd = NaN, pagedAfter = Infinity;
      for (let t = T0; t < start2 + 20 * MIN; t += MIN) {
        const counts = new Map([['topic:a', rng.poisson(base(t) * factor(t))]]);
        if (t < start - 120 * MIN) { w.learn(t, counts); continue; }
        const m = w.observe(t, counts);
        const r = m.readings.get('topic:a')!;
        if (t === start - MIN) upBefore = r.upper;
        if (t === start + 44 * MIN) upEnd = r.upper;
        if (t >= start2 && m.firings.length && pagedAfter === Infinity) pagedAfter = (t - start2) / MIN + 1;
      }
      return { upBefore, upEnd, pagedAfter };
    }
    const seeds = Array.from({ length: 10 }, (_, i) => `band-${i}`);

    it('at 2 σ a 45-minute ×6 incident leaves the upper limit under ×3.5 (at 4.5 σ, before session 13, ×9), and a ×4 incident 2 h later pages within 2 minutes', () => {
      let onTime = 0, onTimeBefore = 0;
      for (const seed of seeds) {
        const on = twoIncidents({ firedNoiseClipZ: 2 }, seed);
        const off = twoIncidents({ firedNoiseClipZ: 4.5 }, seed);
        // Scored the same up to the incident: the option is about learning fired minutes only.
        expect(on.upBefore).toBe(off.upBefore);
        expect(on.upBefore).toBeGreaterThan(35);
        expect(on.upEnd).toBeLessThan(3.5 * on.upBefore);
        expect(off.upEnd).toBeGreaterThan(8 * off.upBefore);
        expect(on.pagedAfter).toBeLessThanOrEqual(off.pagedAfter);
        if (on.pagedAfter <= 2) onTime++;
        if (off.pagedAfter <= 2) onTimeBefore++;
      }
      // Measured: 10 of 10 within 2 minutes, against 4 of 10 with σ widened at 4.5 σ (the others at 3; the learning before session 13).
      expect(onTime).toBeGreaterThanOrEqual(9);
      expect(onTimeBefore).toBeLessThanOrEqual(5);
    });

    it('the default (1.25 σ) keeps the upper limit under ×1.6 through a 45-minute ×6 incident, and pages the ×4 incident 2 h later within 2 minutes', () => {
      let onTime = 0;
      for (const seed of seeds) {
        const d = twoIncidents({}, seed);
        // Measured ×1.19–1.36 (at 4.5 σ over ×8).
        expect(d.upEnd).toBeLessThan(1.6 * d.upBefore);
        if (d.pagedAfter <= 2) onTime++;
      }
      expect(onTime).toBe(seeds.length);
    });
  });
});
