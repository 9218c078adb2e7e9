import type { SliceKey, SliceReading } from '../../../schemas/alerts.ts';
import { parseSlice, type Parts } from './slices.ts';

/**
 * Grouping by shared evidence. A message can carry several topics ("送餐太慢了，饭都凉了": delivery.late
 * and food.temperature), and the enrichment tags two or more negative topics on about 40 % of the
 * simulator's complaints. One incident then raises two topic slices that `related` keeps apart (two
 * topics are two complaints), both fire, and without this the same customers page twice. What tells the
 * two cases apart is whether the two slices hold the same messages: the count of negative messages in both
 * slices at once (their intersection) over the same minute or window.
 *
 * The intersection comes from pair cells: negative messages negative on two topics a < b at once, per
 * channel × region (× platform where the caller has it). In the count maps the watcher reads they travel
 * under keys starting with PAIR_PREFIX (sliceCounts makes them from CountRow.cotopic); the watcher does
 * not model them, it hands them on as MinuteResult.pairs, and the engine reads them here.
 */

export const PAIR_PREFIX = 'pair:';

/** Key of a pair cell: both topics (in order) and the cell's other dimensions as a slice key. */
export function pairKey(a: string, b: string, parts: Parts = {}): string {
  const [x, y] = a < b ? [a, b] : [b, a];
  const rest = Object.keys(parts).filter((d) => d !== 'topic' && parts[d] !== undefined && parts[d] !== '').sort();
  return `${PAIR_PREFIX}${x}&${y}${rest.map((d) => `|${d}:${parts[d]}`).join('')}`;
}

export const isPairKey = (key: string) => key.startsWith(PAIR_PREFIX);

export function parsePairKey(key: string): { a: string; b: string; parts: Parts } | null {
  if (!isPairKey(key)) return null;
  const [head, ...rest] = key.slice(PAIR_PREFIX.length).split('|');
  const amp = head.indexOf('&');
  if (amp <= 0) return null;
  const parts: Parts = {};
  for (const p of rest) {
    const i = p.indexOf(':');
    if (i > 0) parts[p.slice(0, i)] = p.slice(i + 1);
  }
  return { a: head.slice(0, amp), b: head.slice(amp + 1), parts };
}

/** Pair cells of a count map (keys PAIR_PREFIX…), parsed once per minute. */
export interface PairCells { cells: { a: string; b: string; parts: Parts; count: number }[] }

export function pairCells(counts: ReadonlyMap<string, number>): PairCells {
  const cells: PairCells['cells'] = [];
  for (const [k, count] of counts) {
    if (!isPairKey(k) || !(count > 0)) continue;
    const p = parsePairKey(k);
    if (p) cells.push({ ...p, count });
  }
  return { cells };
}

const within = (topic: string, slice: string) => topic === slice || topic.startsWith(slice + '.');

/**
 * Negative messages in both slices at once, from the pair cells; null when the two are not one topic
 * each of two topics apart (nested topics, or a slice without a topic, are `related`'s business), or when
 * their other dimensions contradict. A cell counts only when it carries every dimension the two slices
 * name (a cell without platform cannot say it is in "platform:ios"): the count errs low, never high,
 * except for a message with three topics of which two fall in one parent slice (counted twice, as the
 * parent's own counts do).
 */
export function sharedCount(x: SliceKey, y: SliceKey, pairs: PairCells): number | null {
  const px = parseSlice(x), py = parseSlice(y);
  const tx = px.topic, ty = py.topic;
  if (!tx || !ty || within(tx, ty) || within(ty, tx)) return null;
  const dims: Parts = {};
  for (const p of [px, py]) {
    for (const [d, v] of Object.entries(p)) {
      if (d === 'topic') continue;
      if (dims[d] !== undefined && dims[d] !== v) return null;
      dims[d] = v;
    }
  }
  let n = 0;
  for (const c of pairs.cells) {
    if (!((within(c.a, tx) && within(c.b, ty)) || (within(c.a, ty) && within(c.b, tx)))) continue;
    if (Object.entries(dims).every(([d, v]) => c.parts[d] === v)) n += c.count;
  }
  return n;
}

export interface SharedOptions {
  /** join when at least this share of an elevated slice's messages lies in the other slice */
  minShare: number;
}

/**
 * 0.5: "most of it". The share is taken of the slice's OBSERVED messages, not of its excess, because the
 * intersection's own expectation is unknown: on observed messages, two unrelated slices share what they
 * share at baseline (q, the share of one topic's complaints that also name the other), while one
 * incident's messages, all in both, give at least excess / observed ≥ 1/2 once the watcher's ratio gate
 * (observed ≥ 2 × expected) has let the slice fire. The limit: for topics the enrichment mostly tags
 * together, q itself reaches 0.5 (simulator through the real enrichment, scripts/lib/topic-table.ts:
 * payment.method complaints also payment.failed 0.60, app.ui also app.crash 0.51; app.ui also app.slow
 * 0.25), so a separate spike of one while the other pages is grouped with it. Learning the intersection's
 * expectation (pair series) would lift that; it was not built.
 */
export const SHARED_DEFAULTS: SharedOptions = { minShare: 0.5 };

type Obs = Pick<SliceReading, 'slice' | 'observed'>;

/**
 * How much of one of the two slices lies in the other: intersection / observed, for each of the two
 * that is elevated (the new firing always; an alert's member only when it fired in the same look, since a
 * slice back near its baseline has few messages and a small count would make a large share), the larger.
 * 0 when the intersection cannot be told (sharedCount null) or nothing is elevated.
 */
export function sharedShare(firing: Obs, member: Obs & { elevated?: boolean }, pairs: PairCells): number {
  const n = sharedCount(firing.slice, member.slice, pairs);
  if (n === null || n <= 0) return 0;
  let best = firing.observed > 0 ? n / firing.observed : 0;
  if (member.elevated && member.observed > 0) best = Math.max(best, n / member.observed);
  return Math.min(1, best);
}

/** The decision, the same for the product's engine and bench:alerts: are these the same customers? */
export function sharesEvidence(firing: Obs, member: Obs & { elevated?: boolean }, pairs: PairCells | undefined, o: SharedOptions = SHARED_DEFAULTS): boolean {
  if (!pairs || !pairs.cells.length) return false;
  return sharedShare(firing, member, pairs) >= o.minShare;
}
