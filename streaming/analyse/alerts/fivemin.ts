import type { SliceKey } from '../../../schemas/alerts.ts';
import { RATE_METRICS, type RateMetric } from './measures.ts';
import { WATCHER_DETECTOR, type WatcherOptions } from './watcher.ts';

/**
 * The 5-minute resolution: closed minutes summed into aligned 5-minute blocks ([:00, :05), [:05, :10), …),
 * a block's sum given out when its last minute closes. The 5-minute measures score one point per block at
 * that last minute: the detector's clock-phase profiles then see the same 5 phases of each hour, and a
 * slow-burn shift of +2 a minute is +10 a block, past gates that +2 does not pass.
 * A minute without any message (an outage upstream, the loop skips it) is simply not in the sum: the block
 * holds the minutes that were there. Pure and serialisable, so the watcher's snapshot carries a half-full block.
 */

export const BLOCK_MIN = 5;
const MINUTE = 60_000;
const BLOCK = BLOCK_MIN * MINUTE;

/** Start of the 5-minute block holding `minute`. */
export const blockOf = (minute: number): number => Math.floor(minute / BLOCK) * BLOCK;
/** Is `minute` the last of its block (its close closes the block)? */
export const closesBlock = (minute: number): boolean => blockOf(minute + MINUTE) !== blockOf(minute);

export interface BlockSumSnapshot<T> { block: number | null; sum: [SliceKey, T][] }

export interface BlockSum<T> {
  /** Adds a closed minute; returns the block's sum when this minute closes it, else null. */
  push(minute: number, values: ReadonlyMap<SliceKey, T>): Map<SliceKey, T> | null;
  snapshot(): BlockSumSnapshot<T>;
}

/** `add(a, b)` returns a + b (a fresh value; the inputs are never changed). */
export function createBlockSum<T>(add: (a: T | undefined, b: T) => T, from?: BlockSumSnapshot<T>): BlockSum<T> {
  let block: number | null = from?.block ?? null;
  let sum = new Map<SliceKey, T>(from?.sum ?? []);
  return {
    push(minute, values) {
      const b = blockOf(minute);
      // A new block (or minutes replayed from before the last one): start over.
      if (block !== b) { block = b; sum = new Map(); }
      for (const [k, v] of values) sum.set(k, add(sum.get(k), v));
      if (!closesBlock(minute)) return null;
      const out = sum;
      block = null;
      sum = new Map();
      return out;
    },
    snapshot: () => ({ block, sum: [...sum] })
  };
}

export const addCount = (a: number | undefined, b: number): number => (a ?? 0) + b;

/** Measures watched next to the 1-minute complaint count (WATCH_MEASURES). */
export type ExtraMetric = RateMetric | 'neg_5m';
export const EXTRA_METRICS: readonly ExtraMetric[] = [...RATE_METRICS, 'neg_5m'];

/**
 * Complaints per 5 minutes (SliceWatcher on block sums). One point per 5 minutes: the level's smoothing
 * ×5 per point keeps its time constant. The size gates are per block: an excess of 10 complaints in 5
 * minutes is 2 a minute, below the 1-minute gate of 5; the ratio gate is lower because a slow burn is a
 * modest rise sustained, which the five-fold sample makes significant (BENCHMARKS.md, "5-minute resolution").
 */
export const COUNT_5M_OPTIONS: WatcherOptions = { detector: { ...WATCHER_DETECTOR, alpha: 0.005 }, minExcess: 10, minExcessShare: 0.3, minRatio: 1.3 };
