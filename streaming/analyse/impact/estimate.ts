/**
 * estimateImpact: did a launched fix change the count of complaints?
 * Fits a robust negative-binomial regression (trend, daily/weekly harmonics, optional control series) on
 * the pre-launch period, bootstraps the counterfactual over the post-period, widens it by the model's own
 * out-of-sample error at pseudo-launches, and compares it with what was observed. Pure: same input, same
 * output (the bootstrap is seeded).
 */
import { backtestErrors } from './backtest.ts';
import { simulateCounterfactual, widenByBacktest } from './bootstrap.ts';
import { DAY_MS, WEEK_MS, blockLevelColumns, designRow, inferStep, smoothControl, usableSeasons, type DesignSpec } from './design.ts';
import { diffInDiff } from './did.ts';
import { simulateLevelPaths } from './forecast.ts';
import { fitLocalLevel, type LocalLevelFit } from './level.ts';
import type { Matrix } from './linalg.ts';
import { fitNegBin, type NegBinFit } from './regression.ts';
import { createRng } from './rng.ts';
import { cumulative, headline, pointwise } from './summary.ts';
import type { ImpactInput, ImpactResult } from './types.ts';

/** Cycles of the shortest season the post-period must cover before the figures stop "settling". */
export const SETTLED_CYCLES = 3;
/** Pseudo-launches need at least this many cycles of history to fit on. */
const MIN_BACKTEST_FIT_CYCLES = 7;
/**
 * Degrees of freedom the level model needs before its spread is trusted; with fewer (under a week of
 * days) the blocks are halved. Below it, 2–4 innovations leave q and σ² almost unknown and the
 * synthetic random-walk check covered only 80% from 5 days.
 */
const MIN_LEVEL_DF = 6;

function alignControls(ts: number[], controls: ImpactInput['controls']): number[][] {
  return (controls ?? []).map((series, j) => {
    const byT = new Map(series.map((p) => [p.t, p.value]));
    return ts.map((t) => {
      const v = byT.get(t);
      if (v === undefined) throw new RangeError(`control ${j} has no value at ${new Date(t).toISOString()}`);
      return v;
    });
  });
}

export function estimateImpact(input: ImpactInput): ImpactResult {
  const opts = input.options ?? {};
  const alpha = opts.alpha ?? 0.05;
  const ts = input.treated.map((p) => p.t);
  const y = input.treated.map((p) => p.value);
  const controls = alignControls(ts, input.controls);
  const preSteps = ts.filter((t) => t < input.launch).length;
  const postSteps = ts.length - preSteps;
  if (postSteps < 1) throw new RangeError('no observations at or after the launch');
  const stepMs = inferStep(input.treated);
  const spec: DesignSpec = {
    origin: input.launch,
    // A season is only estimable when the pre-period spans at least 1.5 of its cycles.
    seasonsMs: usableSeasons(opts.seasonsMs ?? [DAY_MS, WEEK_MS], stepMs)
      .filter((period) => preSteps * stepMs >= 1.5 * period),
    stepMs,
    // The local level model follows drifts; a straight line extrapolated over days doubled the error.
    trend: opts.trend ?? false,
    controls: controls.length
  };
  // One "cycle" = the shortest season in steps (a day of hourly data); 1 without seasons.
  const cycle = spec.seasonsMs.length > 0 ? Math.round(spec.seasonsMs[0] / stepMs) : 1;
  const smoothed = controls.map((c) => smoothControl(c, Math.max(1, Math.round(cycle / 4)) | 1));
  const rng = createRng(opts.seed ?? 1);
  const replicates = opts.replicates ?? 1000;
  // Blocks of the level model: one cycle of the shortest season, or √n steps without seasons. The
  // regression keeps every season (the weekend's hourly profile differs from a weekday's); the level
  // model charges the day-of-week terms for the block-to-block scatter they absorbed (lostDf).
  // (Day-of-week effects as states of the level model were tried too: more principled on paper, but
  // worse coverage and placebo rate on the benchmark, see BENCHMARKS.md.)
  const rows = ts.map((t, i) => designRow(t, smoothed.map((c) => c[i]), spec));
  const fit = fitNegBin(rows.slice(0, preSteps), y.slice(0, preSteps));
  // With too few days for the level model (a launch soon after the series starts), shorter blocks still
  // show how fast the level moves; halve until it has MIN_LEVEL_DF. The daily terms then move blocks.
  let blockSteps = cycle > 1 ? cycle : Math.max(1, Math.round(Math.sqrt(preSteps)));
  let chosen: { blocks: ReturnType<typeof levelBlocks>; level: LocalLevelFit } | undefined;
  for (;;) {
    const blocks = levelBlocks(ts, y, preSteps, input.launch, blockSteps * stepMs, stepMs, blockSteps, fit);
    const level = fitLocalLevel(blocks.ratios, undefined, blockLevelColumns(spec, blockSteps * stepMs));
    if (level && (!chosen || level.posterior[0].n > chosen.level.posterior[0].n)) chosen = { blocks, level };
    if ((level && level.posterior[0].n >= MIN_LEVEL_DF) || blockSteps === 1) break;
    blockSteps = Math.max(1, Math.floor(blockSteps / 2));
  }
  let paths: Float64Array[];
  if (chosen) {
    const { blocks, level } = chosen;
    paths = simulateLevelPaths({
      beta: fit.beta,
      xPost: rows.slice(preSteps),
      postBlock: blocks.postBlock,
      postPos: blocks.postPos,
      blockX: Array.from({ length: blocks.postBlocks }, () => []),
      level,
      withinBlock: blocks.withinBlock,
      replicates,
      rng
    });
  } else {
    const xPre = rows.slice(0, preSteps);
    paths = backtestedBootstrap(fit, xPre, y.slice(0, preSteps), rows.slice(preSteps), cycle, preSteps, postSteps, replicates, rng);
  }

  const postTs = ts.slice(preSteps);
  const observed = y.slice(preSteps);
  const head = headline(observed, paths, alpha);
  const cum = cumulative(postTs, observed, paths, alpha);
  const last = cum[cum.length - 1];
  return {
    ...head,
    cumulativeEffect: last.effect,
    cumulativeLower: last.lower,
    cumulativeUpper: last.upper,
    significant: head.lower95 > 0 || head.upper95 < 0,
    settling: postSteps < SETTLED_CYCLES * cycle,
    alpha,
    stepMs,
    preSteps,
    postSteps,
    pointwise: pointwise(postTs, observed, paths, alpha),
    cumulative: cum,
    diffInDiff: controls.length === 0 ? undefined : diffInDiff({
      ts,
      treated: y,
      control: ts.map((_, i) => controls.reduce((s, c) => s + c[i], 0)),
      launch: input.launch,
      cycleMs: cycle * stepMs,
      cycleSteps: cycle,
      alpha
    })
  };
}

/**
 * Splits the series into blocks counted from the launch (so no block straddles it): the pre-period
 * blocks' log(observed / regression) totals for the level model (null when a block is less than half
 * observed), their within-block log residuals by position, and each post-period point's block and position.
 */
function levelBlocks(
  ts: number[], y: number[], preSteps: number, launch: number, blockMs: number, stepMs: number,
  blockSteps: number, fit: NegBinFit
) {
  const blockOf = (t: number) => Math.floor((t - launch) / blockMs);
  const posOf = (t: number, k: number) => Math.min(blockSteps - 1, Math.max(0, Math.round((t - launch - k * blockMs) / stepMs)));
  const first = preSteps > 0 ? blockOf(ts[0]) : 0;
  const count = -first;
  const obs = new Float64Array(count);
  const exp = new Float64Array(count);
  const n = new Int32Array(count);
  for (let i = 0; i < preSteps; i++) {
    const j = blockOf(ts[i]) - first;
    obs[j] += y[i];
    exp[j] += fit.mu[i];
    n[j]++;
  }
  const ratios = Array.from(obs, (o, j) => (n[j] >= blockSteps / 2 ? Math.log((o + 0.5) / (exp[j] + 0.5)) : null));
  const withinBlock: Float64Array[] = [];
  const byBlock = new Map<number, Float64Array>();
  for (let i = 0; i < preSteps; i++) {
    const k = blockOf(ts[i]);
    const r = ratios[k - first];
    if (r === null || n[k - first] < blockSteps) continue; // only whole blocks: a partial one lacks phases
    let res = byBlock.get(k);
    if (!res) {
      res = new Float64Array(blockSteps).fill(NaN);
      byBlock.set(k, res);
      withinBlock.push(res);
    }
    res[posOf(ts[i], k)] = Math.log(y[i] + 0.5) - Math.log(fit.mu[i] * Math.exp(r) + 0.5);
  }
  const postBlock = ts.slice(preSteps).map(blockOf);
  const postPos = ts.slice(preSteps).map((t, i) => posOf(t, postBlock[i]));
  const postBlocks = postBlock.length === 0 ? 0 : Math.max(...postBlock) + 1;
  return { ratios, withinBlock, postBlock, postPos, first, postBlocks };
}

/** Fallback for pre-periods too short for the level model (under 3 blocks): residual bootstrap + backtest. */
function backtestedBootstrap(
  fit: NegBinFit, xPre: Matrix, yPre: number[], xPost: Matrix, cycle: number, preSteps: number,
  postSteps: number, replicates: number, rng: ReturnType<typeof createRng>
): Float64Array[] {
  const paths = simulateCounterfactual({
    fit,
    yPre,
    xPost,
    blockSteps: cycle > 1 ? cycle : Math.round(Math.sqrt(preSteps)),
    replicates,
    rng
  });
  const minFit = Math.max(MIN_BACKTEST_FIT_CYCLES * cycle, Math.floor(preSteps / 3));
  const horizon = Math.min(postSteps, preSteps - minFit);
  const errors = horizon < 1 ? [] : backtestErrors({
    x: xPre, y: yPre, horizon, minFit, stride: Math.max(1, Math.round(cycle / 4)), start: fit
  });
  widenByBacktest(paths, errors, (preSteps - minFit) / Math.max(1, horizon), rng);
  return paths;
}
