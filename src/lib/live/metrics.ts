import type { Bucket, SeriesKey } from '../../../schemas/live.ts';
import { MINUTE, minuteOf, type LiveData } from './store.ts';

/** Pure read-outs of LiveData. `now` is always SERVER time (see serverNow in status.ts). */

export const ALL = 'all:';

export interface Totals {
  n: number;
  neg: number;
  pos: number;
  sentimentSum: number;
}

const ZERO: Totals = { n: 0, neg: 0, pos: 0, sentimentSum: 0 };

/** Sums the buckets whose minute lies in [from, to] (both minute starts, inclusive). */
export function sumMinutes(buckets: readonly Bucket[] | undefined, from: number, to: number): Totals {
  const t = { ...ZERO };
  for (const b of buckets ?? []) {
    if (b.minute < from || b.minute > to) continue;
    t.n += b.n;
    t.neg += b.neg;
    t.pos += b.pos;
    t.sentimentSum += b.sentimentSum;
  }
  return t;
}

/**
 * The last `minutes` minutes including the current, still-filling one, so the wall reacts at once.
 * Minutes are event time and producers' clocks run a little ahead, so later minutes count too, as they
 * do in the server's window.
 */
export function recent(data: LiveData, key: SeriesKey, now: number, minutes: number): Totals {
  return sumMinutes(data.series[key], minuteOf(now) - (minutes - 1) * MINUTE, Infinity);
}

/** Messages in the last COMPLETE minute: a partial minute would always read low. */
export function rateNow(data: LiveData, now: number): number {
  const last = minuteOf(now) - MINUTE;
  return sumMinutes(data.series[ALL], last, last).n;
}

/** now / usual, or null when there is no usual yet (or it is zero, where a ratio means nothing). */
export function usualRatio(rate: number, usual: number | null): number | null {
  return usual === null || usual <= 0 ? null : rate / usual;
}

export const negativeShare = (t: Totals): number | null => (t.n > 0 ? t.neg / t.n : null);
export const meanSentiment = (t: Totals): number | null => (t.n > 0 ? t.sentimentSum / t.n : null);

/** Total messages in the window the snapshot covers, ending with the current minute. */
export function windowTotal(data: LiveData, now: number): number {
  return recent(data, ALL, now, data.windowMinutes).n;
}

export interface Ranked {
  /** the series value: topic id, channel, region */
  id: string;
  n: number;
  negShare: number | null;
  mean: number | null;
}

/**
 * Ranks one dimension's series by volume over the last `minutes`. Ties go to the more negative, then to
 * the id, so rows do not swap places on every update when counts are equal.
 */
export function rankDimension(
  data: LiveData,
  dimension: 'topic' | 'channel' | 'region',
  now: number,
  minutes: number,
  limit: number
): Ranked[] {
  const prefix = `${dimension}:`;
  const rows: (Ranked & { neg: number })[] = [];
  for (const key of Object.keys(data.series)) {
    if (!key.startsWith(prefix)) continue;
    const t = recent(data, key, now, minutes);
    if (t.n === 0) continue;
    rows.push({ id: key.slice(prefix.length), n: t.n, neg: t.neg, negShare: negativeShare(t), mean: meanSentiment(t) });
  }
  rows.sort((a, b) => b.n - a.n || b.neg - a.neg || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return rows.slice(0, limit).map(({ neg: _neg, ...r }) => r);
}

/** One bucket per minute ending at `endMinute`, zero-filled, so charts never bridge a quiet gap. */
export function denseMinutes(buckets: readonly Bucket[] | undefined, endMinute: number, count: number): Bucket[] {
  const byMinute = new Map((buckets ?? []).map((b) => [b.minute, b]));
  const out: Bucket[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const minute = endMinute - i * MINUTE;
    out.push(byMinute.get(minute) ?? { minute, n: 0, neg: 0, pos: 0, sentimentSum: 0 });
  }
  return out;
}
