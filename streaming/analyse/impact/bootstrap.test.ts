import { describe, expect, it } from 'vitest';
import { widenByBacktest } from './bootstrap.ts';
import { createRng } from './rng.ts';

const logTotals = (paths: Float64Array[]) => paths.map((p) => Math.log(p.reduce((s, v) => s + v, 0)));
const sd = (xs: number[]) => {
  const m = xs.reduce((s, v) => s + v, 0) / xs.length;
  return Math.sqrt(xs.reduce((s, v) => s + (v - m) ** 2, 0) / (xs.length - 1));
};

describe('widenByBacktest', () => {
  const flat = () => Array.from({ length: 2000 }, () => new Float64Array(24).fill(10));

  it('adds the out-of-sample error the bootstrap did not have', () => {
    const paths = flat();
    const extra = widenByBacktest(paths, [0.2, -0.2, 0.2, -0.2], 30, createRng(1));
    expect(extra).toBeCloseTo(0.2, 6);
    expect(sd(logTotals(paths))).toBeGreaterThan(0.18);
    expect(sd(logTotals(paths))).toBeLessThan(0.25);
  });

  it('leaves the paths alone when the bootstrap already explains the backtest error', () => {
    const paths = flat();
    expect(widenByBacktest(paths, [0, 0, 0], 30, createRng(1))).toBe(0);
    expect(sd(logTotals(paths))).toBeLessThan(1e-9);
  });

  it('widens more when the error comes from few independent windows', () => {
    const tailWidth = (df: number) => {
      const paths = flat();
      widenByBacktest(paths, [0.2, -0.2], df, createRng(2));
      const s = logTotals(paths).sort((a, b) => a - b);
      return s[Math.floor(0.975 * s.length)] - s[Math.floor(0.025 * s.length)];
    };
    expect(tailWidth(2)).toBeGreaterThan(1.3 * tailWidth(30));
  });
});
