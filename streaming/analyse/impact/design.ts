/** Design matrix of the counterfactual model: level, trend, seasonal harmonics and control series. */
import type { Point } from './types.ts';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

/** Sampling step = the median gap, so a few missing points do not change it. */
export function inferStep(points: Point[]): number {
  const gaps: number[] = [];
  for (let i = 1; i < points.length; i++) gaps.push(points[i].t - points[i - 1].t);
  if (gaps.length === 0) throw new RangeError('need at least two points to infer the sampling step');
  gaps.sort((a, b) => a - b);
  const step = gaps[Math.floor(gaps.length / 2)];
  if (!(step > 0)) throw new RangeError('timestamps must be strictly increasing');
  return step;
}

/** Harmonics per season: enough for a sharp evening peak by day, few by week to avoid overfitting 2–3 cycles. */
function harmonics(periodSteps: number, periodMs: number): number {
  const wanted = periodMs <= DAY_MS ? 4 : 3;
  return Math.min(wanted, Math.floor(periodSteps / 2));
}

export interface DesignSpec {
  /** Time origin of the trend (the launch), so the intercept is the level at launch. */
  origin: number;
  seasonsMs: number[];
  stepMs: number;
  trend: boolean;
  controls: number;
}

/** Seasons with fewer than two steps per cycle carry no information at this sampling rate. */
export function usableSeasons(seasonsMs: number[], stepMs: number): number[] {
  return seasonsMs.filter((p) => p / stepMs >= 2).sort((a, b) => a - b);
}

/**
 * One row per time point. Phases come from the timestamp itself (UTC), not from the index, so gaps in
 * the series do not shift the seasonal pattern. Controls enter on the log scale, like the response.
 */
export function designRow(t: number, controlValues: number[], spec: DesignSpec): number[] {
  const row = [1];
  if (spec.trend) row.push((t - spec.origin) / WEEK_MS); // per week keeps coefficients near unit scale
  for (const period of spec.seasonsMs) {
    const k = harmonics(period / spec.stepMs, period);
    const phase = (2 * Math.PI * (((t % period) + period) % period)) / period;
    for (let h = 1; h <= k; h++) row.push(Math.cos(h * phase), Math.sin(h * phase));
  }
  for (const c of controlValues) row.push(Math.log(c + 0.5));
  return row;
}

export function columnCount(spec: DesignSpec): number {
  return designRow(spec.origin, new Array(spec.controls).fill(0), spec).length;
}

/**
 * Centered moving average of a control series. Controls enter as regressors measured with count noise,
 * which biases their coefficient towards zero (errors-in-variables) so a shared shock would leak into the
 * effect; averaging over a few steps removes most of that noise and keeps the slow shared movements that
 * controls are there to explain. The daily shape itself is carried by the seasonal terms.
 */
export function smoothControl(values: number[], window: number): number[] {
  const half = Math.floor(window / 2);
  return values.map((_, i) => {
    let s = 0;
    let n = 0;
    for (let k = Math.max(0, i - half); k <= Math.min(values.length - 1, i + half); k++) {
      s += values[k];
      n++;
    }
    return s / n;
  });
}


/**
 * Columns that change the total of a whole block of `blockMs` (trend, seasons longer than a block,
 * controls); the intercept and seasons that repeat within a block are not counted.
 */
export function blockLevelColumns(spec: DesignSpec, blockMs: number): number {
  let k = (spec.trend ? 1 : 0) + spec.controls;
  for (const period of spec.seasonsMs) {
    if (period > blockMs) k += 2 * harmonics(period / spec.stepMs, period);
  }
  return k;
}
