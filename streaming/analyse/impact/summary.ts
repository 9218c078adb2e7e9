/** Turns counterfactual replicates into the pointwise, cumulative and headline figures. */
import type { CumulativeImpact, PointwiseImpact } from './types.ts';

/** Linear-interpolated quantile of a sorted array. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

function column(paths: Float64Array[], t: number): Float64Array {
  const out = new Float64Array(paths.length);
  for (let b = 0; b < paths.length; b++) out[b] = paths[b][t];
  return out.sort();
}

export function pointwise(ts: number[], observed: number[], paths: Float64Array[], alpha: number): PointwiseImpact[] {
  return ts.map((t, i) => {
    const c = column(paths, i);
    const expected = quantileSorted(c, 0.5);
    return {
      t,
      observed: observed[i],
      expected,
      lower: quantileSorted(c, alpha / 2),
      upper: quantileSorted(c, 1 - alpha / 2),
      effect: observed[i] - expected
    };
  });
}

/** Cumulative effect bands: quantiles of observed − counterfactual summed per replicate (not summed bands). */
export function cumulative(ts: number[], observed: number[], paths: Float64Array[], alpha: number): CumulativeImpact[] {
  const running = new Float64Array(paths.length);
  let obs = 0;
  return ts.map((t, i) => {
    obs += observed[i];
    for (let b = 0; b < paths.length; b++) running[b] += paths[b][i];
    const effects = Float64Array.from(running, (cf) => obs - cf).sort();
    return {
      t,
      effect: quantileSorted(effects, 0.5),
      lower: quantileSorted(effects, alpha / 2),
      upper: quantileSorted(effects, 1 - alpha / 2)
    };
  });
}

export interface Headline {
  relativeEffect: number;
  lower95: number;
  upper95: number;
  probability: number;
}

/**
 * Relative effect of the whole post-period, observed total / counterfactual total − 1, with the interval
 * taken from the replicate totals. `probability` = 1 − two-sided bootstrap p-value of "no effect".
 */
export function headline(observed: number[], paths: Float64Array[], alpha: number): Headline {
  const obs = observed.reduce((s, v) => s + v, 0);
  const totals = Float64Array.from(paths, (p) => p.reduce((s, v) => s + v, 0)).sort();
  const rel = (cf: number) => (cf > 0 ? obs / cf - 1 : obs > 0 ? Infinity : 0);
  let above = 0;
  let below = 0;
  for (const cf of totals) {
    if (cf >= obs) above++;
    if (cf <= obs) below++;
  }
  const p = Math.min(1, (2 * (Math.min(above, below) + 1)) / (totals.length + 1));
  return {
    relativeEffect: rel(quantileSorted(totals, 0.5)),
    // A larger counterfactual means a more negative effect, so the bounds swap quantiles.
    lower95: rel(quantileSorted(totals, 1 - alpha / 2)),
    upper95: rel(quantileSorted(totals, alpha / 2)),
    probability: 1 - p
  };
}
