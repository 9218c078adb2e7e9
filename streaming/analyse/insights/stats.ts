/**
 * Small statistics shared by the insight steps. Counts may be fractional (weighted rows), so nothing
 * here assumes integers. (The G² test of a slice is Dunning's, from enrich/keywords.ts.)
 */

/**
 * Growth of an observed count over an expected one, shrunk towards 1 by `k` pseudo-messages on both
 * sides: 6 against 2 expected is (6+5)/(2+5) ≈ 1.6×, not 3×, while 600 against 200 stays ≈ 3×.
 */
export function shrunkGrowth(observed: number, expected: number, k: number): number {
  return (observed + k) / (expected + k);
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface Moments {
  n: number;
  sum: number;
  sumSq: number;
}

export const emptyMoments = (): Moments => ({ n: 0, sum: 0, sumSq: 0 });

export function addMoment(m: Moments, x: number, w = 1): void {
  m.n += w;
  m.sum += w * x;
  m.sumSq += w * x * x;
}

/** Welch's z for mean(a) − mean(b); 0 when either side has fewer than two observations. */
export function welchZ(a: Moments, b: Moments): number {
  if (a.n < 2 || b.n < 2) return 0;
  const ma = a.sum / a.n;
  const mb = b.sum / b.n;
  const va = Math.max(0, (a.sumSq - a.n * ma * ma) / (a.n - 1));
  const vb = Math.max(0, (b.sumSq - b.n * mb * mb) / (b.n - 1));
  const se = Math.sqrt(va / a.n + vb / b.n);
  return se > 0 ? (ma - mb) / se : 0;
}
