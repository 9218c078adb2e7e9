import { mulberry32 } from '../../random.ts';
/** Seeded random numbers so bootstrap bands and evaluations are reproducible run to run. */
export type Rng = () => number;

export const createRng = (seed: number): Rng => mulberry32(seed);

export function normal(rng: Rng): number {
  const u = 1 - rng(); // (0, 1]: log(0) would be -Infinity
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Knuth's product method below 30 (exact), normal approximation above (error < 1% of sd there). */
export function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(rng)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng();
  while (p > limit) { k++; p *= rng(); }
  return k;
}

/** Exact Bernoulli sum for small n, normal approximation for large n (tweet hours reach 70k). */
export function binomial(rng: Rng, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (n < 60) {
    let k = 0;
    for (let i = 0; i < n; i++) if (rng() < p) k++;
    return k;
  }
  const k = Math.round(n * p + Math.sqrt(n * p * (1 - p)) * normal(rng));
  return Math.min(n, Math.max(0, k));
}

/** Marsaglia–Tsang gamma(shape, 1); used to draw negative-binomial counts as a gamma–Poisson mixture. */
export function gamma(rng: Rng, shape: number): number {
  if (shape < 1) return gamma(rng, shape + 1) * Math.pow(rng(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(rng);
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    const u = rng();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Negative binomial with mean `mean` and variance mean + dispersion·mean². */
export function negBinomial(rng: Rng, mean: number, dispersion: number): number {
  if (dispersion <= 0) return poisson(rng, mean);
  return poisson(rng, mean * gamma(rng, 1 / dispersion) * dispersion);
}
