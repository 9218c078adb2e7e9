/**
 * estimateImpact: did a launched fix change the count of complaints?
 * Fits a robust negative-binomial regression (trend, daily/weekly harmonics, optional control series) on
 * the pre-launch period, bootstraps the counterfactual over the post-period and compares it with what was
 * observed. Pure: same input, same output.
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
  const points = input.treated;
  const ts = points.map((p) => p.t);
  const y = points.map((p) => p.value);
  const controls = alignControls(ts, input.controls);
  const preSteps = ts.filter((t) => t < input.launch).length;
  const postSteps = ts.length - preSteps;
  if (postSteps < 1) throw new RangeError('no observations at or after the launch');
  const stepMs = inferStep(points);
  // A season is only estimable when the pre-period spans at least 1.5 of its cycles.
  const candidateSeasons = usableSeasons(opts.seasonsMs ?? [DAY_MS, WEEK_MS], stepMs);
  // A season is only estimable when the fitting window spans at least 1.5 of its cycles.
  const specFor = (fitSteps: number, origin: number): DesignSpec => ({
    origin,
    seasonsMs: candidateSeasons.filter((period) => fitSteps * stepMs >= 1.5 * period),
    stepMs,
    trend: opts.trend ?? true,
    controls: controls.length
  });
  const shortest = candidateSeasons[0] ?? stepMs;
  const smoothed = controls.map((c) => smoothControl(c, Math.max(1, Math.round(shortest / stepMs / 4)) | 1));
  const designFor = (spec: DesignSpec, upTo: number) =>
    ts.slice(0, upTo).map((t, i) => designRow(t, smoothed.map((c) => c[i]), spec));
  const spec = specFor(preSteps, input.launch);
  const seasonsMs = spec.seasonsMs;
  const rows = designFor(spec, ts.length);
  const fit = fitNegBin(rows.slice(0, preSteps), y.slice(0, preSteps));

  const cycleSteps = seasonsMs.length > 0 ? Math.round(seasonsMs[0] / stepMs) : 1;
  const rng = createRng(opts.seed ?? 1);
  const paths = simulateCounterfactual({
    fit,
    yPre: y.slice(0, preSteps),
    xPost: rows.slice(preSteps),
    blockSteps: seasonsMs.length > 0 ? cycleSteps : Math.round(Math.sqrt(preSteps)),
    replicates: opts.replicates ?? 1000,
    rng
  });
  const cycle = seasonsMs.length > 0 ? cycleSteps : 1;
  const minFit = Math.max(7 * cycle, Math.floor(preSteps / 3));
  const errors = backtestErrors({
    design: () => rows.slice(0, preSteps),
    y: y.slice(0, preSteps),
    horizon: postSteps,
    minFit,
    stride: Math.max(1, Math.round(cycle / 4))
  });
  // Pseudo-launch windows overlap; the stretch they cover holds this many independent post-periods.
  widenByBacktest(paths, errors, (preSteps - minFit) / postSteps, rng);

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
    settling: postSteps < SETTLED_CYCLES * Math.max(1, cycleSteps),
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
      cycleMs: seasonsMs[0] ?? stepMs,
      cycleSteps,
      alpha
    })
  };
}
