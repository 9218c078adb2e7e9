import { describe, expect, it } from 'vitest';
import { HOUR_MS } from './design.ts';
import { estimateImpact } from './estimate.ts';
import { createRng, negBinomial, normal, type Rng } from './rng.ts';
import type { Point } from './types.ts';

const START = Date.UTC(2024, 0, 1); // a Monday, 00:00 UTC
const PRE_HOURS = 21 * 24;

/** Hourly mean with an evening peak and quieter weekends, like complaint volume. */
function rhythm(t: number, level: number): number {
  const hour = new Date(t).getUTCHours();
  const day = new Date(t).getUTCDay();
  const daily = 1 + 0.8 * Math.sin((2 * Math.PI * (hour - 14)) / 24);
  return level * daily * (day === 0 || day === 6 ? 0.7 : 1.1);
}

interface Synthetic {
  hours?: number;
  level?: number;
  effect?: number;
  /** Multiplier applied to the post-period mean of every series (a shared news event). */
  shock?: number;
  /** Log multiplier per hour shared by every series built with it (news, outages, marketing). */
  common?: number[];
  rng: Rng;
}

/** A slowly wandering shared factor: AR(1) on the log scale, stationary sd ≈ 0.3. */
function commonFactor(rng: Rng, hours = PRE_HOURS + 72): number[] {
  const out = [0];
  for (let i = 1; i < hours; i++) out.push(0.95 * out[i - 1] + 0.094 * normal(rng));
  return out;
}

function series({ hours = PRE_HOURS + 72, level = 40, effect = 0, shock = 1, common, rng }: Synthetic): Point[] {
  return Array.from({ length: hours }, (_, i) => {
    const t = START + i * HOUR_MS;
    const post = i >= PRE_HOURS;
    const mean = rhythm(t, level) * Math.exp(common?.[i] ?? 0) * (post ? shock * (1 + effect) : 1);
    return { t, value: negBinomial(rng, mean, 0.05) };
  });
}

const launch = START + PRE_HOURS * HOUR_MS;

describe('estimateImpact', () => {
  it('finds no effect where there is none', () => {
    const r = estimateImpact({ treated: series({ rng: createRng(11) }), launch });
    expect(r.lower95).toBeLessThan(0);
    expect(r.upper95).toBeGreaterThan(0);
    expect(Math.abs(r.relativeEffect)).toBeLessThan(0.1);
    expect(r.probability).toBeLessThan(0.9);
    expect(r.significant).toBe(false);
  });

  it('detects a 40% drop with the right sign and size', () => {
    const r = estimateImpact({ treated: series({ effect: -0.4, rng: createRng(12) }), launch });
    expect(r.relativeEffect).toBeGreaterThan(-0.5);
    expect(r.relativeEffect).toBeLessThan(-0.3);
    expect(r.upper95).toBeLessThan(0);
    expect(r.lower95).toBeLessThan(-0.4);
    expect(r.probability).toBeGreaterThan(0.95);
    expect(r.cumulativeEffect).toBeLessThan(0);
    // The cumulative curve ends at the headline figure.
    expect(r.cumulative.at(-1)!.effect).toBeCloseTo(r.cumulativeEffect, 6);
  });

  it('follows the daily and weekly rhythm in the counterfactual', () => {
    const treated = series({ rng: createRng(13) });
    const withSeasons = estimateImpact({ treated, launch });
    const without = estimateImpact({ treated, launch, options: { seasonsMs: [] } });
    const truth = withSeasons.pointwise.map((p) => rhythm(p.t, 40));
    const mape = (r: typeof withSeasons) =>
      r.pointwise.reduce((s, p, i) => s + Math.abs(p.expected - truth[i]) / truth[i], 0) / truth.length;
    expect(mape(withSeasons)).toBeLessThan(0.15);
    expect(mape(without)).toBeGreaterThan(0.3);
    const inBand = withSeasons.pointwise.filter((p) => p.lower <= p.observed && p.observed <= p.upper).length;
    expect(inBand / withSeasons.pointwise.length).toBeGreaterThan(0.85);
  });

  it('lets controls absorb a shock that hits treated and control slices alike', () => {
    const rng = createRng(14);
    const common = commonFactor(rng);
    const treated = series({ shock: 1.6, common, rng });
    const controls = [series({ shock: 1.6, level: 120, common, rng }), series({ shock: 1.6, level: 60, common, rng })];
    const alone = estimateImpact({ treated, launch });
    expect(alone.relativeEffect).toBeGreaterThan(0.3); // without controls the shock looks like an effect
    const pilot = estimateImpact({ treated, launch, controls });
    expect(pilot.lower95).toBeLessThan(0);
    expect(pilot.upper95).toBeGreaterThan(0);
    expect(Math.abs(pilot.relativeEffect)).toBeLessThan(0.1);
    expect(pilot.diffInDiff).toBeDefined();
    expect(Math.abs(pilot.diffInDiff!.relativeEffect)).toBeLessThan(0.1);
    expect(pilot.diffInDiff!.postCycles).toBe(3);
  });

  it('reads the typical hour: a news burst after launch neither fakes nor hides an effect', () => {
    // 6 hours at 5× the usual volume on the second day after launch, unrelated to the fix.
    const burst = (points: Point[]) => points.map((p, i) =>
      (i >= PRE_HOURS + 30 && i < PRE_HOURS + 36 ? { t: p.t, value: p.value * 5 } : p));
    const none = estimateImpact({ treated: burst(series({ rng: createRng(18) })), launch });
    expect(none.significant).toBe(false);
    expect(Math.abs(none.relativeEffect)).toBeLessThan(0.1);
    // The burst's counts are still counted in the cumulative effect (observed − expected).
    expect(none.cumulativeEffect).toBeGreaterThan(0);
    const fix = estimateImpact({ treated: burst(series({ effect: -0.3, rng: createRng(19) })), launch });
    expect(fix.relativeEffect).toBeGreaterThan(-0.4);
    expect(fix.relativeEffect).toBeLessThan(-0.2);
    expect(fix.upper95).toBeLessThan(0);
  });

  it('copes with missing hours before and after the launch', () => {
    const rng = createRng(20);
    const gappy = series({ effect: -0.4, rng }).filter((_, i) => !(i % 7 === 3 || (i >= 200 && i < 230) || (i >= PRE_HOURS + 10 && i < PRE_HOURS + 16)));
    const r = estimateImpact({ treated: gappy, launch });
    expect(r.postSteps).toBe(gappy.filter((p) => p.t >= launch).length);
    expect(r.relativeEffect).toBeGreaterThan(-0.5);
    expect(r.relativeEffect).toBeLessThan(-0.3);
    expect(r.upper95).toBeLessThan(0);
  });

  it('is settling until three whole days have been observed after launch', () => {
    const early = estimateImpact({ treated: series({ hours: PRE_HOURS + 6, rng: createRng(15) }), launch });
    expect(early.settling).toBe(true);
    expect(early.postSteps).toBe(6);
    expect(early.pointwise).toHaveLength(6);
    const settled = estimateImpact({ treated: series({ rng: createRng(15) }), launch });
    expect(settled.settling).toBe(false);
  });

  it('is deterministic for the same input and seed', () => {
    const treated = series({ effect: -0.2, rng: createRng(16) });
    expect(estimateImpact({ treated, launch })).toEqual(estimateImpact({ treated, launch }));
  });

  it('rejects a launch with no data after it', () => {
    expect(() => estimateImpact({ treated: series({ hours: PRE_HOURS, rng: createRng(17) }), launch })).toThrow(RangeError);
  });
});
