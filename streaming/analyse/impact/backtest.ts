/**
 * Out-of-sample calibration. In-sample residuals understate forecast error: the fitted trend and level
 * absorb slow swings that the real post-period will not share (a quiet week after a busy one). So we
 * replay the launch inside the pre-period: at pseudo-launches, fit on what came before and forecast the
 * next `horizon` steps, exactly as for the real launch, and record the log error of the forecast total.
 */
import type { Matrix } from './linalg.ts';
import { dot } from './linalg.ts';
import { fitNegBin } from './regression.ts';

export interface BacktestInput {
  /** Pre-period design rows and counts. The full design is kept even for short fits: dropping the weekly
   * terms there would charge the real launch for an error its model does not make. */
  x: Matrix;
  y: number[];
  horizon: number;
  /** Shortest fitting window of a pseudo-launch, in steps. */
  minFit: number;
  /** Distance between pseudo-launches, in steps. */
  stride: number;
  /** A fit on the whole pre-period, to start each pseudo-launch fit from. */
  start?: { beta: number[]; dispersion: number };
}

/** log(actual total / forecast total) for each pseudo-launch, latest first; empty if the pre-period is too short. */
export function backtestErrors(input: BacktestInput): number[] {
  const { x, y, horizon, minFit, stride } = input;
  const errors: number[] = [];
  for (let origin = y.length - horizon; origin >= minFit; origin -= stride) {
    let fit;
    try {
      fit = fitNegBin(x.slice(0, origin), y.slice(0, origin), input.start);
    } catch {
      continue; // too few points for the columns at this origin
    }
    let actual = 0;
    let forecast = 0;
    for (let t = origin; t < origin + horizon; t++) {
      actual += y[t];
      forecast += Math.exp(Math.min(50, dot(x[t], fit.beta)));
    }
    errors.push(Math.log((actual + 0.5) / (forecast + 0.5)));
  }
  return errors;
}
