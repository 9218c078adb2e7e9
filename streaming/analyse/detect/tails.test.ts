import { describe, expect, it } from 'vitest';
import { countSurprise, logGamma, normalUpperSurprise } from './tails.ts';

describe('tail probabilities', () => {
  it('logGamma matches factorials', () => {
    expect(logGamma(1)).toBeCloseTo(0, 10);
    expect(logGamma(6)).toBeCloseTo(Math.log(120), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10);
  });

  it('normal upper tail in −log10 units', () => {
    expect(normalUpperSurprise(0)).toBeCloseTo(-Math.log10(0.5), 6);
    expect(normalUpperSurprise(1.959964)).toBeCloseTo(-Math.log10(0.025), 4);
    expect(normalUpperSurprise(10)).toBeCloseTo(-Math.log10(7.6198530241605e-24), 3); // finite far out
  });

  it('Poisson tails are exact at low counts', () => {
    // P(X ≥ 3 | 0.5) = 1 − e^{-0.5}(1 + 0.5 + 0.125)
    const p = 1 - Math.exp(-0.5) * 1.625;
    expect(countSurprise(3, 0.5, 0.5)).toBeCloseTo(-Math.log10(p), 6);
    // P(X ≤ 0 | 4) = e^{-4}
    expect(countSurprise(0, 4, 4)).toBeCloseTo(4 / Math.LN10, 6);
  });

  it('overdispersion makes the same count less surprising', () => {
    expect(countSurprise(40, 3, 3)).toBeGreaterThan(countSurprise(40, 3, 30));
    expect(countSurprise(40, 3, 9)).toBeGreaterThan(6); // σ tripled on the Anscombe scale: still a spike
  });
});
