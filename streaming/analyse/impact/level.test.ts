import { describe, expect, it } from 'vitest';
import { HOUR_MS } from './design.ts';
import { estimateImpact } from './estimate.ts';
import { fitLocalLevel } from './level.ts';
import { createRng, negBinomial, normal } from './rng.ts';

const meanLogQ = (fit: NonNullable<ReturnType<typeof fitLocalLevel>>) =>
  fit.posterior.reduce((s, c) => s + c.weight * Math.log10(Math.max(c.q, 1e-5)), 0);

describe('fitLocalLevel', () => {
  it('tells a steady level with noise from a wandering one', () => {
    const rng = createRng(5);
    const steady = Array.from({ length: 40 }, () => 0.3 + 0.1 * normal(rng));
    let l = 0;
    const walk = Array.from({ length: 40 }, () => (l += 0.2 * normal(rng)) + 0.02 * normal(rng));
    const a = fitLocalLevel(steady)!;
    const b = fitLocalLevel(walk)!;
    expect(meanLogQ(a)).toBeLessThan(-1.5);
    expect(meanLogQ(b)).toBeGreaterThan(0);
    // The steady level is estimated near its mean, the wandering one near its last value.
    const level = (fit: typeof a) => fit.posterior.reduce((s, c) => s + c.weight * c.state[0], 0);
    expect(level(a)).toBeCloseTo(0.3, 1);
    expect(level(b)).toBeCloseTo(walk[39], 1);
  });

  it('recovers day-of-week effects as states and skips missing blocks', () => {
    const rng = createRng(6);
    const week = [0.2, 0.1, 0, 0, 0.1, -0.2, -0.2];
    const r: (number | null)[] = Array.from({ length: 28 }, (_, d) => week[d % 7] + 0.02 * normal(rng));
    r[10] = null;
    const x = r.map((_, d) => [...week.slice(0, 6).map((_, j) => (d % 7 === j ? 1 : 0))]);
    const fit = fitLocalLevel(r, x)!;
    const best = fit.posterior.reduce((a, c) => (c.weight > a.weight ? c : a));
    // Level + Monday effect ≈ 0.2, level alone (Sunday, index 6) ≈ −0.2.
    expect(best.state[0] + best.state[1]).toBeCloseTo(0.2, 1);
    expect(best.state[0]).toBeCloseTo(-0.2, 1);
    expect(fit.blocks).toBe(27);
  });

  it('refuses to fit when the regressors leave fewer than two innovations', () => {
    expect(fitLocalLevel([0.1, 0.2, 0.3], [[1], [0], [1]])).toBeUndefined();
  });
});

describe('estimateImpact on a series whose daily level wanders', () => {
  const start = Date.UTC(2024, 0, 1);
  const pre = 21 * 24;
  /** Hourly counts with an evening peak and a daily level that follows a random walk (sd 8% a day). */
  function series(seed: number, effect: number) {
    const rng = createRng(seed);
    let level = Math.log(30);
    return Array.from({ length: pre + 72 }, (_, i) => {
      if (i % 24 === 0) level += 0.08 * normal(rng);
      const hour = i % 24;
      const mean = Math.exp(level) * (1 + 0.7 * Math.sin((2 * Math.PI * (hour - 14)) / 24)) * (i >= pre ? 1 + effect : 1);
      return { t: start + i * HOUR_MS, value: negBinomial(rng, mean, 0.02) };
    });
  }

  it('covers no-effect in most series and finds a 40% drop', () => {
    let covered = 0;
    let found = 0;
    const n = 30;
    for (let s = 0; s < n; s++) {
      const treated = series(100 + s, 0);
      const r = estimateImpact({ treated, launch: start + pre * HOUR_MS, options: { replicates: 400 } });
      if (r.lower95 <= 0 && 0 <= r.upper95) covered++;
      const dropped = estimateImpact({ treated: series(100 + s, -0.4), launch: start + pre * HOUR_MS, options: { replicates: 400 } });
      if (dropped.upper95 < 0) found++;
    }
    // Measured over 80 such series: 90% (a known shortfall against 95%, see BENCHMARKS.md).
    expect(covered / n).toBeGreaterThanOrEqual(0.8);
    expect(found / n).toBeGreaterThanOrEqual(0.8);
  });

  // Before shorter blocks were tried, two days fell back to the bootstrap, whose band (0.13 wide) was
  // narrower than the three-week one (0.36): overconfident exactly when the history is thinnest.
  it('is less sure from two days of history than from three weeks', () => {
    const treated = series(7, -0.4);
    const launch = start + pre * HOUR_MS;
    const short = estimateImpact({ treated: treated.slice(pre - 48), launch, options: { replicates: 400 } });
    expect(Number.isFinite(short.lower95) && Number.isFinite(short.upper95)).toBe(true);
    expect(short.relativeEffect).toBeLessThan(0);
    const long = estimateImpact({ treated, launch, options: { replicates: 400 } });
    expect(short.preSteps).toBe(48);
    expect(short.upper95 - short.lower95).toBeGreaterThan(long.upper95 - long.lower95);
  });
});
