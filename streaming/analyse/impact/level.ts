/**
 * Local level model for the block-to-block level of a series, on top of the within-block regression.
 * The regression gives the shape inside a block (hour of day, controls); what it cannot forecast is where
 * the level of the next days will be — tweet-like and complaint series drift and jump for reasons outside
 * the data (news, outages, campaigns). Per block (one cycle of the shortest season, a day for hourly data)
 * we take r_d = log(observed total / regression total) and model it as
 *     r_d = ℓ_d + x_dᵀγ + ε_d,   ℓ_d = ℓ_{d−1} + η_d,   ε ~ N(0, σ²),  η ~ N(0, qσ²)
 * a random walk plus noise with static block-level regressors x_d (day-of-week harmonics), by Kalman
 * filter with a diffuse start. q and σ² are not plugged in: q gets a posterior over a grid (flat on log q)
 * and σ² | q a scaled inverse χ² (Jeffreys prior). From 2–3 weeks of days the likelihood barely separates
 * "constant level" from "random walk", and the maximum-likelihood q piles up at 0, which would forecast
 * the post-period far too confidently. The day-of-week effects are states, so their estimation error
 * (two or three Mondays seen) is part of the forecast's uncertainty.
 */
import { cholesky } from './linalg.ts';

/** The filter's result for one q, in units of σ²: σ² | data ~ ss / χ²_n. */
export interface LevelComponent {
  q: number;
  weight: number;
  /** Filtered state [ℓ, γ…] after the last pre-period block, and its covariance / σ². */
  state: number[];
  cov: number[][];
  ss: number;
  n: number;
}

export interface LocalLevelFit {
  /** Posterior over q; each component carries its filtered state. */
  posterior: LevelComponent[];
  /** Blocks that entered the likelihood (missing blocks are skipped). */
  blocks: number;
}

/** Signal-to-noise ratios tried for q; a grid keeps the fit deterministic and cheap (n ≈ 14–60 blocks). */
const Q_GRID = [0, ...Array.from({ length: 41 }, (_, i) => 10 ** (-4 + i * 0.15))];
/** Prior variance (in σ² units) of the diffuse start; the first 1 + k innovations are left out of the likelihood. */
const DIFFUSE = 1e6;

function filter(r: (number | null)[], x: number[][], q: number) {
  const m = 1 + (x[0]?.length ?? 0);
  let a = new Array<number>(m).fill(0);
  let p: number[][] = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => (i === j ? DIFFUSE : 0)));
  let ss = 0;
  let logDet = 0;
  let n = 0;
  let seen = 0;
  for (let d = 0; d < r.length; d++) {
    p[0][0] += q; // predict one block ahead: the level drifts, the γ stay
    const obs = r[d];
    if (obs === null) continue;
    const z = [1, ...x[d]];
    const pz = p.map((row) => row.reduce((s, v, j) => s + v * z[j], 0));
    const f = z.reduce((s, v, i) => s + v * pz[i], 0) + 1;
    const v = obs - z.reduce((s, zi, i) => s + zi * a[i], 0);
    if (seen++ >= m) {
      ss += (v * v) / f;
      logDet += Math.log(f);
      n++;
    }
    a = a.map((ai, i) => ai + (pz[i] * v) / f);
    p = p.map((row, i) => row.map((pij, j) => pij - (pz[i] * pz[j]) / f));
  }
  return { a, p, ss, logDet, n };
}

/**
 * Fits the model to block log ratios (null = block without data) with block regressors `x` (one row per
 * block, possibly empty rows). `lostDf`: coefficients of the within-block regression that move whole
 * blocks (day-of-week harmonics, trend, controls) were fitted on these same blocks and took that many
 * degrees of freedom from their scatter, so σ² is drawn from χ² with n − lostDf df (as REML would).
 * Returns undefined when fewer than 2 degrees of freedom remain.
 */
export function fitLocalLevel(r: (number | null)[], x: number[][] = r.map(() => []), lostDf = 0): LocalLevelFit | undefined {
  const observed = r.filter((v) => v !== null).length;
  const m = 1 + (x[0]?.length ?? 0);
  if (observed - m - lostDf < 2) return undefined;
  const fits = Q_GRID.map((q) => {
    const f = filter(r, x, q);
    const ss = Math.max(1e-12, f.ss);
    // σ² integrated out under p(σ²) ∝ 1/σ²: p(r | q) ∝ |F|^{-1/2} ss^{-n/2}.
    return { q, f, ss, logMarginal: -0.5 * f.logDet - 0.5 * f.n * Math.log(ss) };
  });
  const top = Math.max(...fits.map((c) => c.logMarginal));
  const raw = fits.map((c) => Math.exp(c.logMarginal - top));
  const total = raw.reduce((s, v) => s + v, 0);
  return {
    blocks: observed,
    posterior: fits.map((c, i) => ({ q: c.q, weight: raw[i] / total, state: c.f.a, cov: c.f.p, ss: c.ss, n: c.f.n - lostDf }))
  };
}

/** Lower Cholesky factor of a filtered covariance, with jitter: after a diffuse start it can be near-singular. */
export function stateFactor(cov: number[][]): number[][] {
  for (let jitter = 1e-10; ; jitter *= 100) {
    try {
      return cholesky(cov.map((row, i) => row.map((v, j) => (i === j ? v + jitter : (v + cov[j][i]) / 2))));
    } catch (e) {
      if (jitter > 1) throw e;
    }
  }
}
