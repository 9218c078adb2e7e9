import { describe, expect, it } from 'vitest';
import { fitNegBin } from './regression.ts';
import { createRng, negBinomial } from './rng.ts';

describe('fitNegBin', () => {
  const rng = createRng(3);
  // log μ = 3 + 0.5·x, overdispersed counts.
  const x = Array.from({ length: 400 }, (_, i) => [1, Math.sin(i / 10)]);
  const y = x.map((r) => negBinomial(rng, Math.exp(3 + 0.5 * r[1]), 0.1));

  it('recovers coefficients and dispersion of a negative-binomial series', () => {
    const fit = fitNegBin(x, y);
    expect(fit.beta[0]).toBeCloseTo(3, 1);
    expect(fit.beta[1]).toBeCloseTo(0.5, 1);
    expect(fit.dispersion).toBeGreaterThan(0.05);
    expect(fit.dispersion).toBeLessThan(0.2);
  });

  it('is not dragged up by a few huge spikes', () => {
    const spiked = y.map((v, i) => (i % 50 === 7 ? v * 30 : v));
    expect(fitNegBin(x, spiked).beta[0]).toBeCloseTo(3, 1);
  });

  it('refuses more coefficients than the data can carry', () => {
    expect(() => fitNegBin(x.slice(0, 3), y.slice(0, 3))).toThrow(RangeError);
  });
});
