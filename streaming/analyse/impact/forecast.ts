/**
 * Counterfactual paths for the post-period: within-block regression shape × block level × noise.
 * Each replicate draws
 *  - q from its posterior, σ² given q (scaled inverse χ²): both come from a few weeks of blocks and
 *    must not be treated as known;
 *  - the filtered state (level at launch and day-of-week effects) with its uncertainty, then the level
 *    as a random walk over the post-period blocks (it keeps drifting after launch as it did before);
 *  - one block noise per post-period block (a busy day, a quiet day);
 *  - the within-block noise of a randomly chosen whole pre-period block, laid at the same phase, so
 *    hourly count noise, overdispersion and short bursts are those the series really has.
 */
import { dot, type Matrix } from './linalg.ts';
import { stateFactor, type LocalLevelFit } from './level.ts';
import { gamma, normal, type Rng } from './rng.ts';

export interface LevelPathsInput {
  /** Within-block regression: coefficients and post-period rows. */
  beta: number[];
  xPost: Matrix;
  /** Block of each post-period point, 0 for the first block after launch. */
  postBlock: number[];
  /** Position of each post-period point inside its block (0 … blockSteps − 1). */
  postPos: number[];
  /** Block-level regressors of post-period blocks 0, 1, … (same columns as in the fit). */
  blockX: number[][];
  level: LocalLevelFit;
  /** Within-block log residuals of whole pre-period blocks, indexed by position (NaN where missing). */
  withinBlock: Float64Array[];
  replicates: number;
  rng: Rng;
}

/** Replicates × post-steps counterfactual counts. */
export function simulateLevelPaths(input: LevelPathsInput): Float64Array[] {
  const { xPost, postBlock, postPos, blockX, level, withinBlock, replicates, rng } = input;
  const h = xPost.length;
  const mu = xPost.map((row) => Math.exp(Math.min(50, dot(row, input.beta))));
  const blocks = blockX.length;
  const factors = level.posterior.map((c) => (c.weight > 1e-6 ? stateFactor(c.cov) : undefined));
  const cumulative: number[] = [];
  let acc = 0;
  for (const c of level.posterior) cumulative.push((acc += c.weight));
  const paths: Float64Array[] = [];
  const shift = new Float64Array(blocks);
  const noiseOf = new Array<Float64Array | undefined>(blocks);
  for (let b = 0; b < replicates; b++) {
    const u = rng() * acc;
    let ci = cumulative.findIndex((v) => v >= u);
    if (ci < 0 || !factors[ci]) ci = level.posterior.reduce((best, c, i) => (c.weight > level.posterior[best].weight ? i : best), 0);
    const c = level.posterior[ci];
    const l = factors[ci] ?? stateFactor(c.cov);
    const sd = Math.sqrt(c.ss / (2 * gamma(rng, c.n / 2))); // σ | q, data: ss / χ²_n
    const z = c.state.map(() => normal(rng));
    const state = c.state.map((a, i) => a + sd * l[i].reduce((s, lij, j) => s + lij * z[j], 0));
    let lvl = state[0];
    for (let k = 0; k < blocks; k++) {
      lvl += sd * Math.sqrt(c.q) * normal(rng);
      let season = 0;
      for (let j = 0; j < blockX[k].length; j++) season += blockX[k][j] * state[j + 1];
      shift[k] = lvl + season + sd * normal(rng);
      noiseOf[k] = withinBlock.length > 0 ? withinBlock[Math.floor(rng() * withinBlock.length)] : undefined;
    }
    const path = new Float64Array(h);
    for (let t = 0; t < h; t++) {
      const k = postBlock[t];
      const e = noiseOf[k]?.[postPos[t]];
      const m = mu[t] * Math.exp(shift[k]);
      path[t] = Math.max(0, (m + 0.5) * Math.exp(Number.isFinite(e) ? e! : 0) - 0.5);
    }
    paths.push(path);
  }
  return paths;
}
