import { describe, expect, it } from 'vitest';
import { normalQuantile, tQuantile } from './quantiles.ts';

describe('quantiles', () => {
  it('matches tabulated normal quantiles', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
    expect(normalQuantile(0.9)).toBeCloseTo(1.281552, 5);
  });
  it('matches tabulated Student t quantiles within 1% for df ≥ 3', () => {
    const rel = (df: number, exact: number) => Math.abs(tQuantile(0.975, df) / exact - 1);
    expect(rel(3, 3.182446)).toBeLessThan(0.01);
    expect(rel(10, 2.228139)).toBeLessThan(0.001);
    expect(rel(30, 2.042272)).toBeLessThan(0.001);
  });
});
