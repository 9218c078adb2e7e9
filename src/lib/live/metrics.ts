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

/**
 * Messages in the last 60 s: the filling minute (and any later one, producers' clocks run ahead) plus the
 * part of the previous minute still inside the window, assuming it arrived evenly. The filling minute alone
 * reads low; the last complete minute alone read 0 for up to a minute after a burst began in a quiet spell,
 * while the ticker was already full of it.
 */
export function rateNow(data: LiveData, now: number): number {
  const current = minuteOf(now);
  const stillInWindow = 1 - (now - current) / MINUTE;
  const filling = sumMinutes(data.series[ALL], current, Infinity).n;
  const previous = sumMinutes(data.series[ALL], current - MINUTE, current - MINUTE).n;
  return Math.round(filling + previous * stillInWindow);
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
  /** how many times its earlier rate the last RISE_MINUTES ran at, when that is a clear surge; else null */
  rise: number | null;
}

/** The surge test looks at the last five minutes (the current one included) against the rest of the window. */
export const RISE_MINUTES = 5;
/** Fewer messages than this are never a surge: a quiet topic going from 0 to 3 is not news. */
export const RISE_MIN_COUNT = 10;
export const RISE_MIN_RATIO = 2;
/** Anscombe-style z for a Poisson count: 2(√k − √λ) is ~N(0, 1) for k ≥ 10; 3 keeps chance surges rare. */
export const RISE_MIN_Z = 3;
/** Minutes of history before the last five that a rate must rest on; a wall that just started knows no usual. */
export const RISE_MIN_HISTORY = 15;

/** The minutes the surge test compares: the last RISE_MINUTES, and the earlier part of the window with data. */
export interface RiseWindow {
  recentFrom: number;
  baseFrom: number;
  baseMinutes: number;
}

/**
 * The earlier minutes start where the wall's total has data: on a system that began receiving feedback ten
 * minutes ago, every topic would otherwise look new. null while fewer than RISE_MIN_HISTORY of them exist.
 * The same for every series, so a ranking computes it once.
 */
export function riseWindow(data: LiveData, now: number): RiseWindow | null {
  const recentFrom = minuteOf(now) - (RISE_MINUTES - 1) * MINUTE;
  const windowFrom = recentFrom - (data.windowMinutes - RISE_MINUTES) * MINUTE;
  const firstSeen = (data.series[ALL] ?? []).reduce((m, b) => (b.n > 0 ? Math.min(m, b.minute) : m), Infinity);
  const baseFrom = Math.max(windowFrom, firstSeen);
  const baseMinutes = (recentFrom - baseFrom) / MINUTE;
  return baseMinutes >= RISE_MIN_HISTORY ? { recentFrom, baseFrom, baseMinutes } : null;
}

/**
 * How much faster a series ran in its last RISE_MINUTES than earlier in the window, or null unless that is
 * a surge a person should look at. The earlier minutes are the series' own usual rate, so a busy topic's
 * ordinary volume never reads as rising. The expected count is floored at one message, so a topic that was
 * silent reads ×10 for ten messages, not ×∞.
 */
export function riseOf(data: LiveData, key: SeriesKey, now: number, w = riseWindow(data, now)): number | null {
  if (w === null) return null;
  const k = sumMinutes(data.series[key], w.recentFrom, Infinity).n;
  if (k < RISE_MIN_COUNT) return null;
  const base = sumMinutes(data.series[key], w.baseFrom, w.recentFrom - MINUTE).n;
  const lambda = Math.max((base / w.baseMinutes) * RISE_MINUTES, 1);
  const ratio = k / lambda;
  return ratio >= RISE_MIN_RATIO && 2 * (Math.sqrt(k) - Math.sqrt(lambda)) >= RISE_MIN_Z ? ratio : null;
}

/**
 * Ranks one dimension's series by volume over the last `minutes`. Ties go to the more negative, then to
 * the id, so rows do not swap places on every update when counts are equal. With `risingFirst`, surging
 * series lead (by volume among themselves): on a wall, a topic four minutes into an incident is what the
 * room must see, and by volume over 15 minutes it would rank below the day's usual complaints. Without it,
 * `rise` is not computed (null).
 */
export function rankDimension(
  data: LiveData,
  dimension: 'topic' | 'channel' | 'region',
  now: number,
  minutes: number,
  limit: number,
  { risingFirst = false }: { risingFirst?: boolean } = {}
): Ranked[] {
  const prefix = `${dimension}:`;
  const w = risingFirst ? riseWindow(data, now) : null;
  const rows: (Ranked & { neg: number })[] = [];
  for (const key of Object.keys(data.series)) {
    if (!key.startsWith(prefix)) continue;
    const t = recent(data, key, now, minutes);
    if (t.n === 0) continue;
    const rise = riseOf(data, key, now, w);
    rows.push({ id: key.slice(prefix.length), n: t.n, neg: t.neg, negShare: negativeShare(t), mean: meanSentiment(t), rise });
  }
  const lead = (r: Ranked) => (r.rise !== null ? 0 : 1);
  rows.sort((a, b) => lead(a) - lead(b) || b.n - a.n || b.neg - a.neg || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
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
