/**
 * Robust negative-binomial regression with a log link, fitted by iteratively reweighted least squares.
 * Counts are overdispersed (variance μ + μ²/θ); Huber weights on Pearson residuals keep one-off spikes in
 * the pre-period from dragging the counterfactual level up — the spikes come back in the noise model.
 */
import { cholesky, cholSolve, dot, type Matrix } from './linalg.ts';

export interface NegBinFit {
  beta: number[];
  /** 1/θ: 0 is Poisson; tweet counts per hour are typically 0.05–0.5. */
  dispersion: number;
  /** Fitted means on the rows that were fitted. */
  mu: number[];
  /** Final IRLS weights (NB weight × robustness weight). */
  weights: number[];
  /** (XᵀWX + R)⁻¹XᵀW as rows: β moves by influence · Δz for a change Δz of the working response. */
  influence: Matrix;
}

const HUBER_K = 2.5;
/** A whisper of ridge keeps collinear controls and short pre-periods solvable; intercept unpenalised. */
const RIDGE = 1e-4;
const MAX_ITER = 30;

function weightedNormalEquations(x: Matrix, w: number[], z: number[]) {
  const p = x[0].length;
  const a: Matrix = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const b = new Array<number>(p).fill(0);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const wi = w[i];
    for (let j = 0; j < p; j++) {
      const v = wi * xi[j];
      b[j] += v * z[i];
      for (let k = 0; k <= j; k++) a[j][k] += v * xi[k];
    }
  }
  let scale = 0;
  for (let j = 0; j < p; j++) scale += a[j][j] / p;
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < j; k++) a[k][j] = a[j][k];
    if (j > 0) a[j][j] += RIDGE * scale;
  }
  return { a, b };
}

/**
 * Dispersion φ solving median_t[(y − μ)² / (μ + φμ²)] = 0.455, the median of a χ²₁ variable: a moment
 * estimator that a handful of spikes cannot move, unlike the mean of squared Pearson residuals.
 */
export function estimateDispersion(y: number[], mu: number[]): number {
  const medianRatio = (phi: number) => {
    const r = y.map((v, i) => (v - mu[i]) ** 2 / (mu[i] + phi * mu[i] * mu[i])).sort((a, b) => a - b);
    return r[Math.floor(r.length / 2)];
  };
  const target = 0.455;
  if (medianRatio(0) <= target) return 1e-6; // no overdispersion beyond Poisson
  // The median ratio falls as φ grows: bisect on log φ.
  let lo = Math.log(1e-6);
  let hi = Math.log(100);
  for (let k = 0; k < 24; k++) {
    const mid = (lo + hi) / 2;
    if (medianRatio(Math.exp(mid)) > target) lo = mid;
    else hi = mid;
  }
  return Math.exp((lo + hi) / 2);
}

/** `start` (e.g. the fit on the whole pre-period, for a pseudo-launch) is where IRLS begins, to save steps. */
export function fitNegBin(x: Matrix, y: number[], start?: { beta: number[]; dispersion: number }): NegBinFit {
  const n = x.length;
  const p = x[0].length;
  if (n < p + 2) throw new RangeError(`pre-period too short: ${n} points for ${p} coefficients`);
  // Start from least squares on log counts: close enough that IRLS converges in a few steps.
  let z = y.map((v) => Math.log(v + 0.5));
  let w = new Array<number>(n).fill(1);
  const init = () => {
    const { a, b } = weightedNormalEquations(x, w, z);
    return cholSolve(cholesky(a), b);
  };
  let beta: number[] = start?.beta ?? init();
  let dispersion = start?.dispersion ?? 0.1;
  let mu = x.map((row) => Math.exp(dot(row, beta)));
  for (let iter = 0; iter < MAX_ITER; iter++) {
    // φ settles within a few steps; re-estimating it every step costs a sort per bisection step.
    if (iter < 4) dispersion = estimateDispersion(y, mu);
    const eta = mu.map(Math.log);
    z = y.map((v, i) => eta[i] + (v - mu[i]) / mu[i]);
    w = mu.map((m, i) => {
      const sd = Math.sqrt(m + dispersion * m * m);
      const pearson = Math.abs(y[i] - m) / sd;
      const robust = pearson > HUBER_K ? HUBER_K / pearson : 1;
      return (robust * m) / (1 + dispersion * m);
    });
    const { a, b } = weightedNormalEquations(x, w, z);
    const next = cholSolve(cholesky(a), b);
    const change = Math.max(...next.map((v, j) => Math.abs(v - beta[j])));
    beta = next;
    mu = x.map((row) => Math.exp(Math.min(50, dot(row, beta))));
    if (change < 1e-6) break;
  }
  const { a } = weightedNormalEquations(x, w, z);
  const l = cholesky(a);
  // influence = A⁻¹ Xᵀ W, computed column by column of Xᵀ W.
  const influence: Matrix = Array.from({ length: p }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const col = cholSolve(l, x[i].map((v) => v * w[i]));
    for (let j = 0; j < p; j++) influence[j][i] = col[j];
  }
  return { beta, dispersion, mu, weights: w, influence };
}
