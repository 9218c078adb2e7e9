/**
 * Counterfactual paths for the post-period. Each replicate combines the two sources of uncertainty:
 *  - parameter uncertainty: β is refitted (one linearised IRLS step) on a moving-block resample of the
 *    pre-period working residuals, so autocorrelated residuals widen it honestly;
 *  - forecast noise: a contiguous stretch of pre-period log residuals as long as the post-period is laid
 *    over the forecast. Contiguous, because bursts in tweet-like series last hours to days, and resampling
 *    single hours would pretend those bursts average out over the post-period.
 * The log residuals carry the count noise, overdispersion and spikes of the pre-period as they were.
 */
import { dot, type Matrix } from './linalg.ts';
import type { NegBinFit } from './regression.ts';
import { gamma, normal, type Rng } from './rng.ts';

export interface BootstrapInput {
  fit: NegBinFit;
  yPre: number[];
  xPost: Matrix;
  /** Block length for the parameter resample, in steps (the shortest season keeps a cycle together). */
  blockSteps: number;
  replicates: number;
  rng: Rng;
}

/** Moving-block (circular) resample of a series to its own length. */
function blockResample(values: number[], block: number, rng: Rng): number[] {
  const n = values.length;
  const out = new Array<number>(n);
  for (let i = 0; i < n; ) {
    const start = Math.floor(rng() * n);
    for (let k = 0; k < block && i < n; k++, i++) out[i] = values[(start + k) % n];
  }
  return out;
}

/** Replicates × post-steps counterfactual counts. */
export function simulateCounterfactual(input: BootstrapInput): Float64Array[] {
  const { fit, yPre, xPost, replicates, rng } = input;
  const n = yPre.length;
  const h = xPost.length;
  const working = yPre.map((y, i) => (y - fit.mu[i]) / fit.mu[i]);
  const logResidual = yPre.map((y, i) => Math.log(y + 0.5) - Math.log(fit.mu[i] + 0.5));
  const block = Math.max(1, Math.min(input.blockSteps, Math.floor(n / 2)));
  const paths: Float64Array[] = [];
  for (let b = 0; b < replicates; b++) {
    const e = blockResample(working, block, rng);
    const beta = fit.beta.map((v, j) => v + dot(fit.influence[j], e));
    const noise = h <= n ? contiguous(logResidual, h, rng) : blockResample(logResidual, block, rng).slice(0, h);
    while (noise.length < h) noise.push(...blockResample(logResidual, block, rng).slice(0, h - noise.length));
    const path = new Float64Array(h);
    for (let t = 0; t < h; t++) {
      const mu = Math.exp(Math.min(50, dot(xPost[t], beta)));
      path[t] = Math.max(0, (mu + 0.5) * Math.exp(noise[t]) - 0.5);
    }
    paths.push(path);
  }
  return paths;
}

function contiguous(values: number[], length: number, rng: Rng): number[] {
  const start = Math.floor(rng() * (values.length - length + 1));
  return values.slice(start, start + length);
}

/**
 * Adds the part of the out-of-sample error of the forecast total that the bootstrap does not explain, as
 * one random level factor per replicate (a level shift lasting the whole post-period).
 * `backtest` are log errors of pseudo-launch totals (see backtest.ts); they overlap, so they carry only
 * `effectiveSamples` independent pieces of information, and the factor is drawn from a Student t with
 * that many degrees of freedom: a variance estimated from three windows must not be trusted as known.
 */
export function widenByBacktest(paths: Float64Array[], backtest: number[], effectiveSamples: number, rng: Rng): number {
  if (backtest.length === 0) return 0;
  const df = Math.min(30, Math.max(2, effectiveSamples));
  const logTotals = paths.map((p) => Math.log(p.reduce((s, v) => s + v, 0) + 0.5));
  const m = logTotals.reduce((s, v) => s + v, 0) / logTotals.length;
  const bootVar = logTotals.reduce((s, v) => s + (v - m) ** 2, 0) / (logTotals.length - 1);
  const oosVar = backtest.reduce((s, e) => s + e * e, 0) / backtest.length;
  const extraSd = Math.sqrt(Math.max(0, oosVar - bootVar));
  for (const path of paths) {
    const t = normal(rng) / Math.sqrt((2 * gamma(rng, df / 2)) / df);
    const factor = Math.exp(extraSd * t);
    for (let t = 0; t < path.length; t++) path[t] *= factor;
  }
  return extraSd;
}
