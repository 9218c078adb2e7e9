import { describe, expect, it } from 'vitest';
import { createDetector, restoreDetector, DAY_MS, MINUTE_MS, type DetectorResult } from './index.ts';
import { mulberry32 } from '../../random.ts';

/** Deterministic, so failures reproduce. */
const rng = mulberry32;
function poisson(mean: number, u: () => number): number {
  const l = Math.exp(-mean);
  let k = 0, p = 1;
  do { k++; p *= u(); } while (p > l);
  return k - 1;
}
function gauss(u: () => number): number {
  return Math.sqrt(-2 * Math.log(u() + 1e-12)) * Math.cos(2 * Math.PI * u());
}

const T0 = Date.UTC(2024, 0, 1);
const STEP = 5 * MINUTE_MS;
const dailyMean = (t: number) => 30 + 25 * Math.sin((2 * Math.PI * (t % DAY_MS)) / DAY_MS);
const fired = (r: DetectorResult) => r.score >= 0.5;

describe('online detector', () => {
  it('stays quiet on a daily rhythm of counts without anomalies', () => {
    const u = rng(1);
    const d = createDetector({ kind: 'count' });
    let alarms = 0;
    for (let i = 0; i < 14 * 288; i++) {
      const t = T0 + i * STEP;
      const r = d.update(t, poisson(dailyMean(t), u));
      if (i > 2 * 288 && fired(r)) alarms++;
    }
    expect(alarms).toBe(0);
  });

  it('learns the daily profile: the expected value follows the rhythm', () => {
    const u = rng(2);
    const d = createDetector({ kind: 'count' });
    let last: DetectorResult | undefined;
    const errs: number[] = [];
    for (let i = 0; i < 7 * 288; i++) {
      const t = T0 + i * STEP;
      last = d.update(t, poisson(dailyMean(t), u));
      if (i > 5 * 288) errs.push(Math.abs(last.expected - dailyMean(t)));
    }
    const mae = errs.reduce((a, b) => a + b, 0) / errs.length;
    expect(mae).toBeLessThan(5); // the swing is ±25
    expect(last!.lower).toBeLessThanOrEqual(last!.expected);
    expect(last!.upper).toBeGreaterThanOrEqual(last!.expected);
  });

  it('detects a level shift at once, then re-adapts to the new level', () => {
    const u = rng(3);
    const d = createDetector({ kind: 'level', periodsMs: [] });
    const out: DetectorResult[] = [];
    for (let i = 0; i < 1500; i++) out.push(d.update(T0 + i * STEP, (i < 1000 ? 50 : 60) + gauss(u)));
    expect(out.slice(0, 1000).some((r, i) => i > 300 && fired(r))).toBe(false);
    expect(out.slice(1000, 1003).some(fired)).toBe(true);
    // Re-adapted: the new level is expected and no longer surprising.
    const late = out.slice(1100);
    expect(Math.abs(late[late.length - 1].expected - 60)).toBeLessThan(1);
    expect(Math.max(...late.map((r) => r.surprise))).toBeLessThan(6);
  });

  it('follows a steady trend without alarming, yet still sees a spike on top of it', () => {
    const u = rng(10);
    const d = createDetector({ kind: 'count' });
    let alarms = 0;
    let spike: DetectorResult | undefined;
    for (let i = 0; i < 10 * 288; i++) {
      const t = T0 + i * STEP;
      const mean = dailyMean(t) * (1 + i / 2880); // volume doubles over ten days
      const r = d.update(t, i === 9 * 288 ? Math.round(mean * 3) : poisson(mean, u));
      if (i === 9 * 288) spike = r;
      else if (i > 2 * 288 && fired(r)) alarms++;
    }
    expect(alarms).toBe(0);
    expect(fired(spike!)).toBe(true);
  });

  it('treats 0→3 on a quiet topic as noise but 3→40 as a spike', () => {
    const u = rng(4);
    const quiet = createDetector({ kind: 'count', periodsMs: [] });
    const busy = createDetector({ kind: 'count', periodsMs: [] });
    for (let i = 0; i < 600; i++) {
      quiet.update(T0 + i * MINUTE_MS, poisson(0.2, u));
      busy.update(T0 + i * MINUTE_MS, poisson(3, u));
    }
    const a = quiet.update(T0 + 600 * MINUTE_MS, 3);
    const b = busy.update(T0 + 600 * MINUTE_MS, 40);
    expect(fired(a)).toBe(false);
    expect(fired(b)).toBe(true);
    expect(b.surprise).toBeGreaterThan(4 * a.surprise);
  });

  it('copes with gaps: after a six-hour outage, normal values stay quiet and keep their phase', () => {
    const u = rng(5);
    const d = createDetector({ kind: 'count' });
    let alarms = 0;
    const errs: number[] = [];
    for (let i = 0; i < 10 * 288; i++) {
      if (i >= 6 * 288 && i < 6 * 288 + 72) continue; // six hours missing
      const t = T0 + i * STEP;
      const r = d.update(t, poisson(dailyMean(t), u));
      if (i > 2 * 288 && fired(r)) alarms++;
      if (i >= 6 * 288 + 72 && i < 6 * 288 + 120) errs.push(Math.abs(r.expected - dailyMean(t)));
    }
    expect(alarms).toBe(0);
    // The level needs a few points to catch up; the profile (keyed by clock phase) carries the rest.
    const mae = errs.reduce((a, b) => a + b, 0) / errs.length;
    expect(mae).toBeLessThan(8);
  });

  it('learns a daily step (shop hours) on its first day, yet not a lone first-day spike', () => {
    const u = rng(11);
    const open = (t: number) => (t % DAY_MS) / 3600_000 >= 8 && (t % DAY_MS) / 3600_000 < 20;
    // Minute counts with a slow level, as complaint volume is watched: the profile must carry the rhythm.
    const d = createDetector({ kind: 'count', alpha: 0.001, refractoryPoints: 0 });
    const day = 1440, spikeAt = 3 * 60; // 03:00
    let alarms = 0;
    let repeat: DetectorResult | undefined;
    for (let i = 0; i < 6 * day; i++) {
      const t = T0 + i * MINUTE_MS;
      // A lone burst at 03:00 on day 1 must not become part of the 03:00 pattern.
      const x = i === day + spikeAt || i === 4 * day + spikeAt ? 400 : poisson(open(t) ? 300 : 20, u);
      const r = d.update(t, x);
      if (i === 4 * day + spikeAt) repeat = r;
      else if (i > 2 * day && i !== 4 * day + spikeAt + 1 && fired(r)) alarms++;
    }
    expect(alarms).toBeLessThanOrEqual(2);
    expect(fired(repeat!)).toBe(true);
  });

  it('treats non-finite values as missing', () => {
    const d = createDetector({ kind: 'level' });
    for (let i = 0; i < 300; i++) d.update(T0 + i * STEP, 10 + (i % 3));
    const r = d.update(T0 + 300 * STEP, NaN);
    expect(r.score).toBe(0);
    expect(fired(d.update(T0 + 301 * STEP, 11))).toBe(false);
  });

  it('warms up from history without emitting, then scores the first live point', () => {
    const u = rng(6);
    const history = createDetector({ kind: 'count', periodsMs: [] });
    const cold = createDetector({ kind: 'count', periodsMs: [] });
    for (let i = 0; i < 400; i++) history.learn(T0 + i * MINUTE_MS, poisson(5, u));
    const live = history.update(T0 + 400 * MINUTE_MS, 60);
    const first = cold.update(T0, 60);
    expect(live.warm).toBe(true);
    expect(fired(live)).toBe(true);
    expect(first.warm).toBe(false);
    expect(first.score).toBe(0);
  });

  it('judges the first burst after warm-up against the bursts seen during warm-up', () => {
    // A bursty topic: every 40 minutes a burst of ~400 on ~20. A burst of 150 just after warm-up is
    // routine for it, while the same 150 on a calm topic is news.
    const u = rng(10);
    const bursty = createDetector({ kind: 'count', periodsMs: [] });
    const calm = createDetector({ kind: 'count', periodsMs: [] });
    for (let i = 0; i < 200; i++) {
      const base = poisson(20, u);
      bursty.update(T0 + i * MINUTE_MS, i % 40 === 20 ? 400 + base : base);
      calm.update(T0 + i * MINUTE_MS, base);
    }
    for (let i = 200; i < 230; i++) {
      const base = poisson(20, u);
      bursty.update(T0 + i * MINUTE_MS, base);
      calm.update(T0 + i * MINUTE_MS, base);
    }
    expect(fired(bursty.update(T0 + 230 * MINUTE_MS, 150))).toBe(false);
    expect(fired(calm.update(T0 + 230 * MINUTE_MS, 150))).toBe(true);
  });

  it('holds repeated firings of one incident at 0', () => {
    const u = rng(7);
    const d = createDetector({ kind: 'count', periodsMs: [] });
    for (let i = 0; i < 500; i++) d.update(T0 + i * MINUTE_MS, poisson(5, u));
    const burst = Array.from({ length: 20 }, (_, k) => d.update(T0 + (500 + k) * MINUTE_MS, 80 + k));
    expect(burst.filter(fired).length).toBe(1);
  });

  it('keeps scores in [0,1] on hostile input', () => {
    const u = rng(8);
    const d = createDetector();
    for (let i = 0; i < 3000; i++) {
      const pick = u();
      const v = pick < 0.05 ? 0 : pick < 0.1 ? 1e9 : pick < 0.12 ? -5 : pick < 0.13 ? NaN : 100 * u();
      const r = d.update(T0 + i * STEP * (u() < 0.01 ? 50 : 1), v);
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(1);
      expect(Number.isNaN(r.score)).toBe(false);
    }
  });

  it('survives a snapshot round trip through JSON', () => {
    const u = rng(9);
    const a = createDetector({ kind: 'count' });
    const xs = Array.from({ length: 1200 }, (_, i) => poisson(dailyMean(T0 + i * STEP), u));
    xs.slice(0, 1000).forEach((x, i) => a.update(T0 + i * STEP, x));
    const b = restoreDetector(JSON.parse(JSON.stringify(a.snapshot())), { kind: 'count' });
    for (let i = 1000; i < 1200; i++) {
      expect(b.update(T0 + i * STEP, xs[i])).toEqual(a.update(T0 + i * STEP, xs[i]));
    }
  });

  /** A detector that has learned three days of a daily rhythm, and a copy of it to compare one update with. */
  const twinsAfterThreeDays = () => {
    const u = rng(10);
    const a = createDetector({ kind: 'count' });
    for (let i = 0; i < 3 * 288; i++) a.update(T0 + i * STEP, poisson(dailyMean(T0 + i * STEP), u));
    const before = a.snapshot();
    return { a, b: restoreDetector(before, { kind: 'count' }), t: T0 + 3 * 288 * STEP, before };
  };

  it('with { season: false } learns a point into the level and noise but not the seasonal profiles', () => {
    const { a, b, t, before } = twinsAfterThreeDays();
    const ra = a.update(t, 200), rb = b.update(t, 200, { season: false });
    expect(rb).toEqual(ra); // scored the same: the option is about learning only
    const sa = a.snapshot(), sb = b.snapshot();
    expect(sb.profiles).toEqual(before.profiles);
    expect(sa.profiles).not.toEqual(before.profiles);
    expect(sb.level).toBe(sa.level);
    expect(sb.scale).toBe(sa.scale);
    expect(sb.ewz).toBe(sa.ewz);
    // The next day at that hour a learned spike raises the expectation; one kept out of the profiles does not.
    const next = t + DAY_MS;
    expect(restoreDetector(sb, { kind: 'count' }).update(next, 0).expected).toBeLessThan(restoreDetector(sa, { kind: 'count' }).update(next, 0).expected);
  });

  it('with { level: false } the point moves neither the level nor the trend, and still teaches the noise scales', () => {
    const { a, b, t, before } = twinsAfterThreeDays();
    const ra = a.update(t, 200), rb = b.update(t, 200, { season: false, level: false });
    expect(rb).toEqual(ra);
    const sa = a.snapshot(), sb = b.snapshot();
    expect(sa.level).toBeGreaterThan(before.level);
    expect(sb.level).toBe(before.level + before.trend);
    expect(sb.trend).toBe(before.trend);
    expect(sb.profiles).toEqual(before.profiles);
    expect(sb.scale).toBe(sa.scale);
  });

  describe('points flagged as an incident ({ shift: false }, { noise: false })', () => {
    // Complaints per minute with the watcher's slow level and no seasonal profile: what the expectation
    // does is the level's doing alone.
    const MIN = MINUTE_MS;
    const opts = { kind: 'count' as const, direction: 'up' as const, periodsMs: [], alpha: 0.001, refractoryPoints: 0 };
    function feed(seed: number, minutes: number, mean: (i: number) => number, flag: (i: number) => { shift?: boolean; noise?: boolean; noiseClipZ?: number } | undefined) {
      const u = rng(seed);
      const d = createDetector(opts);
      const out: DetectorResult[] = [];
      for (let i = 0; i < minutes; i++) out.push(d.update(T0 + i * MIN, poisson(mean(i), u), flag(i)));
      return out;
    }
    const BASE = 15, START = 600, END = 640;
    // ×8: far enough out (14 σ on the Anscombe scale) for the shift rule's 12 outliers in a row, although
    // σ widens with every one of them; at ×6 and less the widening σ breaks the run first.
    const incident = (i: number) => (i >= START && i < END ? 8 * BASE : BASE);
    const during = (f: object) => (i: number) => (i >= START && i < END ? f : undefined);

    it('an incident flagged as such does not lift the expectation; unflagged, the shift rule takes it in', () => {
      const flagged = feed(11, 900, incident, during({ shift: false }));
      const plain = feed(11, 900, incident, () => undefined);
      // Scored the same: the flag is about learning only, and the first 11 points learn the same.
      expect(flagged.slice(START, START + 12).map((r) => r.surprise)).toEqual(plain.slice(START, START + 12).map((r) => r.surprise));
      expect(plain[END - 1].expected).toBeGreaterThan(6 * BASE);
      expect(flagged[END - 1].expected).toBeLessThan(1.2 * BASE);
      // After it the shifted level comes down only by the downward shift rule, and not all the way.
      expect(plain[END + 120].expected).toBeGreaterThan(1.3 * BASE);
      expect(Math.abs(flagged[END + 120].expected - BASE)).toBeLessThan(0.2 * BASE);
    });

    it('a lasting level shift nobody flags is still taken in', () => {
      const shifted = (i: number) => (i < START ? BASE : 8 * BASE);
      const out = feed(13, 900, shifted, () => undefined);
      expect(out.slice(START, START + 3).some(fired)).toBe(true);
      expect(Math.abs(out[START + 60].expected - 8 * BASE)).toBeLessThan(0.15 * 8 * BASE);
      expect(out.slice(START + 30).some(fired)).toBe(false);
    });

    it('flagged points neither count towards nor break a run of unflagged upward outliers', () => {
      // A lasting shift whose every other point the caller flags: the unflagged ones still reach the rule.
      const shifted = (i: number) => (i < START ? BASE : 8 * BASE);
      const alternate = feed(14, 900, shifted, (i) => (i >= START && i % 2 === 0 ? { shift: false, noise: false } : undefined));
      const allFlagged = feed(14, 900, shifted, (i) => (i >= START ? { shift: false, noise: false } : undefined));
      expect(Math.abs(alternate[START + 60].expected - 8 * BASE)).toBeLessThan(0.15 * 8 * BASE);
      expect(allFlagged[START + 60].expected).toBeLessThan(1.2 * BASE);
    });

    it('{ noise: false } also keeps σ, which an incident otherwise widens for hours (and the band with it)', () => {
      const x6 = (i: number) => (i >= START && i < END ? 6 * BASE : BASE);
      const both = feed(12, 900, x6, during({ shift: false, noise: false }));
      const shiftOnly = feed(12, 900, x6, during({ shift: false }));
      const width = (r: DetectorResult) => r.upper - r.lower;
      const before = width(both[START - 1]);
      expect(width(shiftOnly[END + 60])).toBeGreaterThan(2 * before);
      expect(width(both[END + 60])).toBeLessThan(1.3 * before);
      expect(Math.abs(both[END + 60].expected - BASE)).toBeLessThan(0.2 * BASE);
    });

    it('{ noiseClipZ: c } bounds how much a flagged point widens σ: ~scaleAlpha·(1.2533 c − 1) a point, none below c = 0.8', () => {
      const x6 = (i: number) => (i >= START && i < END ? 6 * BASE : BASE);
      const width = (r: DetectorResult) => r.upper - r.lower;
      const run = (noiseClipZ?: number) => feed(12, 900, x6, during({ shift: false, ...(noiseClipZ === undefined ? {} : { noiseClipZ }) }));
      const plain = run(), c45 = run(4.5), c2 = run(2), c08 = run(0.8);
      const before = width(plain[START - 1]);
      // Scored the same: the clip is about learning only, and every flagged point is scored before it is learned.
      expect(c2[START].surprise).toBe(plain[START].surprise);
      // At clipZ (4.5) it is the plain flagged learning on the scale (the spread's clip does not reach the band of a count).
      expect(width(c45[END - 1])).toBeCloseTo(width(plain[END - 1]), 6);
      // 40 minutes of ×6 widen the band ×6.8 at 4.5 σ (9 % a minute on σ); at 2 σ (3 % a minute) ×3.3; at 0.8 σ not at all.
      expect(width(plain[END - 1])).toBeGreaterThan(6 * before);
      expect(width(c2[END - 1])).toBeLessThan(4 * before);
      expect(width(c2[END - 1])).toBeGreaterThan(2 * before);
      expect(width(c08[END - 1])).toBeLessThan(1.15 * before);
    });
  });
});
