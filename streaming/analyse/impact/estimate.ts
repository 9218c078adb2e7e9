/**
 * estimateImpact: did a launched fix change the count of complaints?
 * Fits a robust negative-binomial regression (trend, daily/weekly harmonics, optional control series) on
 * the pre-launch period, bootstraps the counterfactual over the post-period, widens it by the model's own
 * out-of-sample error at pseudo-launches, and compares it with what was observed. Pure: same input, same
 * output (the bootstrap is seeded).
 */
import { backtestErrors } from './backtest.ts';
import { simulateCounterfactual, widenByBacktest } from './bootstrap.ts';
import { DAY_MS, WEEK_MS, designRow, inferStep, smoothControl, usableSeasons, type DesignSpec } from './design.ts';
import { diffInDiff } from './did.ts';
import { fitNegBin } from './regression.ts';
import { createRng } from './rng.ts';
import { cumulative, headline, pointwise } from './summary.ts';
import type { ImpactInput, ImpactResult } from './types.ts';

/** Cycles of the shortest season the post-period must cover before the figures stop "settling". */
export const SETTLED_CYCLES = 3;
/** Pseudo-launches need at least this many cycles of history to fit on. */
const MIN_BACKTEST_FIT_CYCLES = 7;

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
    trend: opts.trend ?? true,
    controls: controls.length
  };
  // One "cycle" = the shortest season in steps (a day of hourly data); 1 without seasons.
  const cycle = spec.seasonsMs.length > 0 ? Math.round(spec.seasonsMs[0] / stepMs) : 1;
  const smoothed = controls.map((c) => smoothControl(c, Math.max(1, Math.round(cycle / 4)) | 1));
  const rows = ts.map((t, i) => designRow(t, smoothed.map((c) => c[i]), spec));
  const xPre = rows.slice(0, preSteps);
  const yPre = y.slice(0, preSteps);
  const fit = fitNegBin(xPre, yPre);

  const rng = createRng(opts.seed ?? 1);
  const paths = simulateCounterfactual({
    fit,
    yPre,
    xPost: rows.slice(preSteps),
    blockSteps: cycle > 1 ? cycle : Math.round(Math.sqrt(preSteps)),
    replicates: opts.replicates ?? 1000,
    rng
  });
  const minFit = Math.max(MIN_BACKTEST_FIT_CYCLES * cycle, Math.floor(preSteps / 3));
  // Long after launch the post-period outgrows the pre-period; a level shift barely shrinks with the
  // horizon, so the longest horizon the pre-period allows stands in for it.
  const horizon = Math.min(postSteps, preSteps - minFit);
  const errors = horizon < 1 ? [] : backtestErrors({
    x: xPre, y: yPre, horizon, minFit, stride: Math.max(1, Math.round(cycle / 4)), start: fit
  });
  // Pseudo-launch windows overlap; the stretch they cover holds this many independent post-periods.
  widenByBacktest(paths, errors, (preSteps - minFit) / Math.max(1, horizon), rng);

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
