import { describe, expect, it } from 'vitest';
import type { Launch, LaunchScope } from '../../../../schemas/plans.ts';
import { computeImpact, launchWindow } from './compute.ts';
import type { HourRow } from './queries.ts';

const H = 3_600_000;
const DAY = 24 * H;
const at = Date.UTC(2026, 5, 1, 9, 20);
const launch = (scope: LaunchScope = { kind: 'everywhere' }): Launch => ({
  planId: 'p1', planTitle: 'Faster images', at, scope, topics: ['app.slow'], actor: 'ops', recordedAt: at
});

/** Deterministic Poisson-ish counts with a daily rhythm; `factor(t)` scales the rate. */
function hours(from: number, to: number, base: number, factor: (t: number) => number, inside: 0 | 1 = 1, seed = 1): HourRow[] {
  let s = seed;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const poisson = (lam: number) => {
    let k = 0;
    for (let p = Math.exp(-lam), c = p, u = rnd(); u > c; k++) { p *= lam / (k + 1); c += p; }
    return k;
  };
  const out: HourRow[] = [];
  for (let t = from; t < to; t += H) {
    const usual = base * (1 + 0.6 * Math.sin((2 * Math.PI * (t % DAY)) / DAY));
    const lam = usual * factor(t);
    const neg = poisson(lam);
    const pos = poisson(usual / 3);
    out.push({ t, inside, n: neg + pos + poisson(lam / 2), neg, pos, sentimentSum: pos * 0.8 - neg * 0.8 });
  }
  return out;
}

describe('impact of a launch from hourly counts', () => {
  const now = at + 4 * DAY;
  const w = launchWindow(at, at - 40 * DAY, now);

  it('reads 28 days before and complete hours after, leaving out the hour the launch fell in', () => {
    expect(w.preStart).toBe(Math.floor((at - 28 * DAY) / H) * H);
    expect(w.postStart).toBe(Date.UTC(2026, 5, 1, 10));
    expect(w.mixedHour).toBe(Date.UTC(2026, 5, 1, 9));
    expect(w.postEnd).toBe(Math.floor(now / H) * H);
    // data only began 10 days ago: the pre-period starts with it
    expect(launchWindow(at, at - 10 * DAY + 1, now).preStart).toBe(Math.ceil((at - 10 * DAY + 1) / H) * H);
  });

  it('finds a 40% drop in complaints, settled after 3 days, with the sentiment improving', () => {
    const rows = hours(w.preStart, w.postEnd, 20, (t) => (t >= w.postStart ? 0.6 : 1));
    const r = computeImpact({ launch: launch(), window: w, rows, now });
    expect(r.status).toBe('settled');
    expect(r.headline?.significant).toBe(true);
    expect(r.headline!.relativeEffect).toBeLessThan(-0.3);
    expect(r.headline!.relativeEffect).toBeGreaterThan(-0.5);
    expect(r.headline!.cumulativeEffect).toBeLessThan(0);
    expect(r.headline!.probability).toBeGreaterThan(0.95);
    expect(r.series.complaints.hours.some((h) => h.t === w.mixedHour)).toBe(false);
    expect(r.sentiment.after!).toBeGreaterThan(r.sentiment.before!);
    expect(r.pilot).toBeNull();
  });

  it('does not measure praise from a handful of messages (no "−100% [−100%, −100%]")', () => {
    const rows = hours(w.preStart, w.postEnd, 20, (t) => (t >= w.postStart ? 0.6 : 1)).map((r, i) => ({ ...r, pos: r.t < w.postStart && i % 40 === 0 ? 1 : 0 }));
    const r = computeImpact({ launch: launch(), window: w, rows, now });
    expect(r.series.praise.estimate).toBeNull();
    expect(r.series.praise.problem).toMatch(/too few to measure/);
    expect(r.headline?.significant).toBe(true);
  });

  it('finds nothing where nothing changed, but for the rare chance call a 95% interval allows', () => {
    const calls = Array.from({ length: 20 }, (_, i) => {
      const rows = hours(w.preStart, w.postEnd, 20, () => 1, 1, 100 + i);
      return computeImpact({ launch: launch(), window: w, rows, now }).headline!;
    });
    // 20 placebos at 95%: one is expected by chance, four or more would happen 1.6% of the time.
    expect(calls.filter((c) => c.significant).length).toBeLessThanOrEqual(3);
    expect(calls.every((c) => Math.abs(c.relativeEffect) < 0.1)).toBe(true);
  });

  it('compares a pilot with the unaffected slices (DiD cross-check)', () => {
    const pilot = hours(w.preStart, w.postEnd, 15, (t) => (t >= w.postStart ? 0.5 : 1), 1, 3);
    const control = hours(w.preStart, w.postEnd, 30, () => 1, 0, 5);
    const r = computeImpact({ launch: launch({ kind: 'pilot', regions: ['east'] }), window: w, rows: [...pilot, ...control], now });
    expect(r.headline?.significant).toBe(true);
    expect(r.pilot?.diffInDiff?.upper95).toBeLessThan(0);
    expect(r.pilot!.pilot.complaints.after!).toBeLessThan(r.pilot!.pilot.complaints.before! * 0.7);
    expect(r.pilot!.control.complaints.after!).toBeGreaterThan(r.pilot!.control.complaints.before! * 0.8);
  });

  it('is settling the first days, and gives no figure on less than a week of history', () => {
    const early = launchWindow(at, at - 40 * DAY, at + DAY);
    const r = computeImpact({ launch: launch(), window: early, rows: hours(early.preStart, early.postEnd, 20, () => 1), now: at + DAY });
    expect(r.status).toBe('settling');
    expect(r.headline).not.toBeNull();
    const short = launchWindow(at, at - 3 * DAY, now);
    const s = computeImpact({ launch: launch(), window: short, rows: hours(short.preStart, short.postEnd, 20, () => 1), now });
    expect(s.status).toBe('insufficient');
    expect(s.headline).toBeNull();
    expect(s.series.complaints.problem).toMatch(/7 days/);
  });
});

describe('a launch measured while the processors are still storing the hours after it', () => {
  const now = at + 4 * DAY;

  it('measures only the hours the stored data has passed, not the rest as zero complaints', () => {
    // The backlog being worked through has reached 6 hours before the launch: nothing after it is stored yet.
    const storedUntil = at - 6 * H;
    const w = launchWindow(at, at - 40 * DAY, now, storedUntil);
    expect(w.postEnd).toBe(w.postStart);
    const rows = hours(w.preStart, storedUntil, 20, () => 1);
    const r = computeImpact({ launch: launch(), window: w, rows, now });
    // The old code read the 3 days after the launch as empty hours: "−100% [−100%, −100%]", significant.
    expect(r.headline).toBeNull();
    expect(r.status).toBe('settling');
    expect(r.postHours).toBe(0);
    // nor do the unstored hours before the launch show as a silent stretch on the chart
    expect(Math.max(...r.spark.map((h) => h.t))).toBe(Math.floor(storedUntil / H) * H - H);
  });

  it('counts a stored hour once the data has passed its end, and not before', () => {
    const w = launchWindow(at, at - 40 * DAY, now, Date.UTC(2026, 5, 1, 12, 30));
    expect(w.postEnd).toBe(Date.UTC(2026, 5, 1, 12));
    expect(launchWindow(at, at - 40 * DAY, now, Date.UTC(2026, 5, 1, 13)).postEnd).toBe(Date.UTC(2026, 5, 1, 13));
    // and never past the present, whatever the data's clock says
    expect(launchWindow(at, at - 40 * DAY, now, now + DAY).postEnd).toBe(Math.floor(now / H) * H);
  });

  it('calls a post-period without a single message about the topics "no data yet", not a fall to zero', () => {
    const w = launchWindow(at, at - 40 * DAY, now);
    const rows = hours(w.preStart, w.postStart, 20, () => 1);
    const r = computeImpact({ launch: launch(), window: w, rows, now });
    expect(r.headline).toBeNull();
    expect(r.status).toBe('settling');
    expect(r.series.complaints.problem).toMatch(/no messages/);
    // A real fall keeps its figure: complaints vanish, the other messages about the topic do not.
    const fixed = hours(w.preStart, w.postEnd, 20, () => 1).map((h) => (h.t >= w.postStart ? { ...h, neg: 0 } : h));
    expect(computeImpact({ launch: launch(), window: w, rows: fixed, now }).headline?.relativeEffect).toBeLessThan(-0.9);
  });
});

describe('which launch of a plan is measured', () => {
  it('the latest: a pilot then a roll-out is measured from the roll-out', async () => {
    const { latestPerPlan } = await import('./service.ts');
    const l = (planId: string, at: number, kind: 'pilot' | 'everywhere'): Launch => ({
      planId, planTitle: planId, at, scope: kind === 'pilot' ? { kind, regions: ['east'] } : { kind }, topics: ['app.slow'], actor: 'a', recordedAt: at
    });
    const out = latestPerPlan([l('a', 1, 'pilot'), l('b', 5, 'everywhere'), l('a', 9, 'everywhere')]);
    expect(out.map((x) => [x.planId, x.at, x.scope.kind])).toEqual([['a', 9, 'everywhere'], ['b', 5, 'everywhere']]);
  });
});
