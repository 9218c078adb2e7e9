import { describe, expect, it } from 'vitest';
import { createRng, binomial, normal, poisson, type Rng } from './rng.ts';
import { countBins, cumulative, headline, MIN_BIN_COUNT } from './summary.ts';

const HOURS = 72;

/** Counterfactual replicates: a shared level uncertainty (sd 5%) times Poisson noise around `mean`. */
function replicates(mean: (h: number) => number, rng: Rng, n = 400): Float64Array[] {
  return Array.from({ length: n }, () => {
    const level = Math.exp(0.05 * normal(rng));
    return Float64Array.from({ length: HOURS }, (_, h) => poisson(rng, mean(h) * level));
  });
}

const daily = (base: number) => (h: number) => base * (1 + 0.6 * Math.sin((2 * Math.PI * h) / 24));

describe('countBins', () => {
  it('keeps hours apart when each holds enough counts and pools quiet hours', () => {
    expect(countBins(new Array(10).fill(100), 30)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // 8 an hour: bins of 4 hours (32 counts); the short tail (2 hours) joins the last bin.
    expect(countBins(new Array(10).fill(8), 30)).toEqual([0, 4]);
    // Fewer counts in the whole period than one bin needs: one bin, the total.
    expect(countBins([1, 2, 3], 30)).toEqual([0]);
  });
});

describe('headline', () => {
  it('is not moved by a burst of unrelated news in a few hours, while the cumulative effect counts it', () => {
    const rng = createRng(31);
    const mean = daily(500);
    const paths = replicates(mean, rng);
    // No effect, but 5 hours at 6× the usual volume (a news story).
    const observed = Array.from({ length: HOURS }, (_, h) => poisson(rng, mean(h) * (h >= 30 && h < 35 ? 6 : 1)));
    const r = headline(observed, paths, 0.05);
    expect(Math.abs(r.relativeEffect)).toBeLessThan(0.03);
    expect(r.lower95).toBeLessThan(0);
    expect(r.upper95).toBeGreaterThan(0);
    // The extra tweets are real counts: the cumulative curve reports them.
    const cum = cumulative(observed.map((_, h) => h), observed, paths, 0.05).at(-1)!;
    expect(cum.lower).toBeGreaterThan(5000);
  });

  it('reads a uniform thinning of every hour as that effect, with the burst on top', () => {
    const rng = createRng(32);
    const mean = daily(500);
    const paths = replicates(mean, rng);
    const observed = Array.from({ length: HOURS }, (_, h) =>
      binomial(rng, poisson(rng, mean(h) * (h >= 50 && h < 54 ? 5 : 1)), 0.7));
    const r = headline(observed, paths, 0.05);
    expect(r.relativeEffect).toBeGreaterThan(-0.34);
    expect(r.relativeEffect).toBeLessThan(-0.26);
    expect(r.upper95).toBeLessThan(0);
    expect(r.probability).toBeGreaterThan(0.95);
  });

  it('is not biased towards zero on small counts (2 complaints an hour halved)', () => {
    const rng = createRng(33);
    const mean = daily(2);
    const estimates: number[] = [];
    for (let k = 0; k < 40; k++) {
      const paths = replicates(mean, rng, 200);
      const observed = Array.from({ length: HOURS }, (_, h) => binomial(rng, poisson(rng, mean(h)), 0.5));
      estimates.push(headline(observed, paths, 0.05).relativeEffect);
    }
    estimates.sort((a, b) => a - b);
    const median = estimates[estimates.length / 2];
    // Hour by hour, log((count + ½) / (expected + ½)) read −41% here (measured).
    expect(median).toBeGreaterThan(-0.56);
    expect(median).toBeLessThan(-0.44);
    expect(MIN_BIN_COUNT).toBeGreaterThanOrEqual(20);
  });

  it('covers "no effect" at about the nominal rate on small counts', () => {
    const rng = createRng(34);
    const mean = daily(3);
    let covered = 0;
    const n = 60;
    for (let k = 0; k < n; k++) {
      const paths = replicates(mean, rng, 200);
      const level = Math.exp(0.05 * normal(rng)); // the observed period's own draw of the level
      const observed = Array.from({ length: HOURS }, (_, h) => poisson(rng, mean(h) * level));
      const r = headline(observed, paths, 0.05);
      if (r.lower95 <= 0 && 0 <= r.upper95) covered++;
    }
    expect(covered / n).toBeGreaterThan(0.88);
  });
});
