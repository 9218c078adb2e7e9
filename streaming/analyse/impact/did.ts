/**
 * Difference-in-differences cross-check: compare the treated/control log ratio of whole cycles (days for
 * hourly data) after launch with the same ratio before. No model, so it disagrees with the regression
 * only when the control relationship or the seasonality assumptions are doing the work.
 */
import { tQuantile } from './quantiles.ts';
import type { DiffInDiff } from './types.ts';

export interface DidInput {
  ts: number[];
  treated: number[];
  /** Sum of the control series at each time. */
  control: number[];
  launch: number;
  cycleMs: number;
  cycleSteps: number;
  alpha: number;
}

function mean(xs: number[]): number {
  return xs.reduce((s, v) => s + v, 0) / xs.length;
}

function variance(xs: number[]): number {
  const m = mean(xs);
  return xs.reduce((s, v) => s + (v - m) ** 2, 0) / (xs.length - 1);
}

export function diffInDiff(input: DidInput): DiffInDiff | undefined {
  const cycles = new Map<number, { t: number; c: number; n: number }>();
  input.ts.forEach((t, i) => {
    // Cycles are counted from the launch so that no cycle straddles it.
    const k = Math.floor((t - input.launch) / input.cycleMs);
    const acc = cycles.get(k) ?? { t: 0, c: 0, n: 0 };
    acc.t += input.treated[i];
    acc.c += input.control[i];
    acc.n += 1;
    cycles.set(k, acc);
  });
  const pre: number[] = [];
  const post: number[] = [];
  for (const [k, acc] of cycles) {
    if (acc.n < 0.9 * input.cycleSteps) continue; // partial cycles would mix phases of the day
    const d = Math.log(acc.t + 0.5) - Math.log(acc.c + 0.5);
    (k < 0 ? pre : post).push(d);
  }
  if (pre.length < 2 || post.length < 2) return undefined;
  const vPre = variance(pre) / pre.length;
  const vPost = variance(post) / post.length;
  const se = Math.sqrt(vPre + vPost);
  // Welch–Satterthwaite degrees of freedom.
  const df = (vPre + vPost) ** 2 / (vPre ** 2 / (pre.length - 1) + vPost ** 2 / (post.length - 1));
  const est = mean(post) - mean(pre);
  const q = tQuantile(1 - input.alpha / 2, Math.max(1, df));
  return {
    relativeEffect: Math.exp(est) - 1,
    lower95: Math.exp(est - q * se) - 1,
    upper95: Math.exp(est + q * se) - 1,
    preCycles: pre.length,
    postCycles: post.length
  };
}
