/** Public shapes of the impact estimator; the streaming glue and the impact view import these. */

import type { CumulativeHour, EffectFigures, RelativeEffect } from '../../../schemas/impact.ts';

/** One observation: `t` in epoch milliseconds, `value` a count (complaints per step). */
export interface Point {
  t: number;
  value: number;
}

export interface ImpactOptions {
  /** Two-sided level of the intervals and of the significance call; 0.05 gives 95% bands. */
  alpha?: number;
  /** Seasonal periods in milliseconds; default one day and one week (those shorter than 2 steps are dropped). */
  seasonsMs?: number[];
  /** Include a linear trend fitted on the pre-period; default false (the level model follows drifts). */
  trend?: boolean;
  /** Bootstrap replicates of the counterfactual; default 1000. */
  replicates?: number;
  /** Seed of the bootstrap, so the same input always yields the same bands; default 1. */
  seed?: number;
}

export interface ImpactInput {
  /** The series the fix was launched on, sorted by time, regularly sampled (gaps allowed). */
  treated: Point[];
  /** Launch time in epoch ms; points at or after it form the post-period. */
  launch: number;
  /** Unaffected slices for a pilot launch, sampled at the same timestamps as `treated`. */
  controls?: Point[][];
  options?: ImpactOptions;
}

export interface PointwiseImpact {
  t: number;
  observed: number;
  /** Median of the counterfactual predictive distribution at t. */
  expected: number;
  lower: number;
  upper: number;
  /** observed − expected. */
  effect: number;
}

/** Cumulative effect (observed − counterfactual, summed from launch to t) with its band: one per step. */
export type CumulativeImpact = CumulativeHour;

/** A cross-check of ImpactResult's relativeEffect that needs no model: here relativeEffect is exp(DiD of log per-cycle totals) − 1. */
export interface DiffInDiff extends RelativeEffect {
  /** Number of whole cycles (days for hourly data) on each side that the estimate used. */
  preCycles: number;
  postCycles: number;
}

/** The post-period figures (EffectFigures; intervals and the significance call at level alpha) and their detail. */
export interface ImpactResult extends EffectFigures {
  /** True until the post-period holds three whole cycles of the shortest season (3 days for hourly data). */
  settling: boolean;
  alpha: number;
  stepMs: number;
  preSteps: number;
  postSteps: number;
  pointwise: PointwiseImpact[];
  cumulative: CumulativeImpact[];
  /** Present when controls were given. */
  diffInDiff?: DiffInDiff;
}
