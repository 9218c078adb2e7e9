import { describe, expect, it } from 'vitest';
import { createRng, hashUnit, pickWeighted, seedOf, weighted } from './rng.ts';

describe('rng', () => {
  it('replays the same sequence for the same seed and differs for another', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
  });

  it('turns text seeds into stable numbers', () => {
    expect(seedOf('demo')).toBe(seedOf('demo'));
    expect(seedOf('demo')).not.toBe(seedOf('demo2'));
    expect(seedOf(7)).toBe(7);
  });

  it('draws uniforms in [0, 1) with mean 1/2', () => {
    const r = createRng(1);
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = r.next();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
    }
    expect(outside).toBe(0);
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });

  it.each([0.3, 4, 40, 400, 40_000])('draws Poisson counts with mean and variance %d', (mean) => {
    const r = createRng(9);
    const n = 20_000;
    const xs = Array.from({ length: n }, () => r.poisson(mean));
    const m = xs.reduce((s, x) => s + x, 0) / n;
    const v = xs.reduce((s, x) => s + (x - m) ** 2, 0) / n;
    expect(Math.abs(m - mean) / mean).toBeLessThan(0.03);
    expect(Math.abs(v - mean) / mean).toBeLessThan(0.06);
  });

  it('picks weighted items in proportion', () => {
    const table = weighted([['a', 1], ['b', 3], ['zero', 0]] as const);
    const r = createRng(5);
    const counts: Record<string, number> = { a: 0, b: 0, zero: 0 };
    for (let i = 0; i < 40_000; i++) counts[pickWeighted(table, r.next())]++;
    expect(counts.zero).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(2.8);
    expect(counts.b / counts.a).toBeLessThan(3.2);
  });

  it('hashes keys to stable uniforms', () => {
    expect(hashUnit(123, 1)).toBe(hashUnit(123, 1));
    expect(hashUnit(123, 1)).not.toBe(hashUnit(123, 2));
  });
});
