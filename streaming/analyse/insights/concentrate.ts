import { CONCENTRATION_DIMENSIONS, type Concentration, type ConcentrationDimension } from '../../../schemas/insights.ts';
import { localHour, sliceKey, weightOf, type InsightMessage, type InsightOptions } from './message.ts';
import { logLikelihood } from '../../enrich/keywords.ts';

/**
 * Where and when a topic concentrates. Each slice (a region, a platform, a band of hours…) is tested as
 * a 2×2 table: the topic's current messages inside vs outside the slice, against a reference split the
 * same way, with Dunning's G² (which, unlike a test against a fixed share, knows the reference is a
 * sample too — a 2-day baseline of a small topic is noisy, and treating it as exact produced spurious
 * "concentrations" on quiet simulated days).
 *
 * The reference is the topic's own baseline, re-weighted by where traffic is now: each baseline slice
 * count b_v is scaled by (N_v/N) / (B_v/B), N and B being all current and baseline traffic. So a topic
 * that always lives in app reviews is not "concentrated" there, and a window covering mostly evening
 * hours does not make every topic an evening topic. A topic (or a focus slice) with fewer than
 * minBaselineForOwn baseline messages is compared with all current traffic instead.
 *
 * A concentration is kept when it is large (lift ≥ minLift), frequent (≥ minSliceCount messages) and
 * significant (one-sided G² ≥ minG2, or minBandG2 for the hour scan).
 */

export type DimCounts = Record<ConcentrationDimension, Map<string, number>>;

export function countSlices(rows: Iterable<InsightMessage>, utcOffsetHours: number): DimCounts {
  const out = Object.fromEntries(CONCENTRATION_DIMENSIONS.map((d) => [d, new Map<string, number>()])) as DimCounts;
  for (const m of rows) {
    const w = weightOf(m);
    for (const d of CONCENTRATION_DIMENSIONS) {
      const k = sliceKey(m, d, utcOffsetHours);
      if (k) out[d].set(k, (out[d].get(k) ?? 0) + w);
    }
  }
  return out;
}

export interface SliceReference {
  trafficNow: DimCounts;
  trafficBase: DimCounts;
  topicBase: DimCounts;
  /** compare with the topic's own past (else with all current traffic) */
  own: boolean;
}

/** Reference counts per slice value, comparable with the topic's current counts up to one factor. */
export function referenceCounts(dim: ConcentrationDimension, ref: SliceReference): Map<string, number> {
  const now = ref.trafficNow[dim];
  if (!ref.own) return now;
  const base = ref.trafficBase[dim];
  const N = sum(now.values());
  const B = sum(base.values());
  const out = new Map<string, number>();
  for (const [v, n] of now) {
    const Bv = base.get(v) ?? 0;
    // A slice with traffic now but none in the baseline has no past to compare with; it contributes
    // nothing to the reference, and add-half smoothing in the test keeps its share finite.
    out.set(v, Bv > 0 ? (ref.topicBase[dim].get(v) ?? 0) * (n / N) / (Bv / B) : 0);
  }
  return out;
}

const sum = (xs: Iterable<number>) => {
  let s = 0;
  for (const x of xs) s += x;
  return s;
};

type Thresholds = { minLift: number; minG2: number; minSliceCount: number };

// Keeps a slice holding all of a topic's messages finite (and JSON-safe).
const MAX_LIFT = 99;

/**
 * The lift is a rate ratio, inside the slice against outside it, each relative to the reference: a
 * plain share ratio cannot exceed 1/q, so a majority slice (Android is 57 % of traffic) could never
 * reach 1.5× however hard it is hit.
 */
export function rateRatio(share: number, q: number): number {
  if (q <= 0 || q >= 1) return 1;
  const outside = (1 - share) / (1 - q);
  return outside > 0 ? Math.min(MAX_LIFT, share / q / outside) : MAX_LIFT;
}

/** count of total now in the slice, against refIn of refTotal in the reference */
function judge(count: number, total: number, refIn: number, refTotal: number, t: Thresholds) {
  const share = total > 0 ? count / total : 0;
  const q = (refIn + 0.5) / (refTotal + 1);
  const lift = rateRatio(share, q);
  // Only an excess is a concentration; a deficit somewhere is just the mirror image of one elsewhere.
  const g2 = share > q ? logLikelihood(count, total, refIn, refTotal) : 0;
  const passed = count >= t.minSliceCount && lift >= t.minLift && g2 >= t.minG2;
  return { share, expectedShare: q, lift, g2, passed };
}

export function categoryConcentrations(
  dim: Exclude<ConcentrationDimension, 'hours'>,
  topicNow: DimCounts,
  ref: SliceReference,
  o: InsightOptions
): Concentration[] {
  const r = referenceCounts(dim, ref);
  const total = sum(topicNow[dim].values());
  const refTotal = sum(r.values());
  const out: Concentration[] = [];
  for (const [value, count] of topicNow[dim]) {
    const j = judge(count, total, r.get(value) ?? 0, refTotal, o);
    if (!j.passed) continue;
    out.push({ dimension: dim, value, count, share: j.share, expectedShare: j.expectedShare, lift: j.lift, g2: j.g2, reference: ref.own ? 'topic_baseline' : 'all_traffic' });
  }
  return out;
}

/**
 * The contiguous band of local hours (wrapping midnight, 1..maxBandHours long) with the highest G²
 * among those that pass. Maximising the likelihood ratio rather than the lift is the scan-statistic
 * choice: it prefers the band that is both concentrated and large, not the single noisiest hour.
 */
export function hourBand(topicNow: DimCounts, ref: SliceReference, opts: InsightOptions): Concentration | null {
  const o = { ...opts, minG2: opts.minBandG2 };
  const r = referenceCounts('hours', ref);
  const c = Array.from({ length: 24 }, (_, h) => topicNow.hours.get(String(h)) ?? 0);
  const e = Array.from({ length: 24 }, (_, h) => r.get(String(h)) ?? 0);
  const total = sum(c);
  const refTotal = sum(e);
  let best: { from: number; len: number; g2: number } | null = null;
  for (let from = 0; from < 24; from++) {
    let count = 0;
    let refIn = 0;
    for (let len = 1; len <= Math.min(o.maxBandHours, 23); len++) {
      const h = (from + len - 1) % 24;
      count += c[h];
      refIn += e[h];
      const j = judge(count, total, refIn, refTotal, o);
      if (j.passed && (!best || j.g2 > best.g2)) best = { from, len, g2: j.g2 };
    }
  }
  if (!best) return null;
  let { from, len } = best;
  // The scan happily extends a band over a neighbouring hour that adds a little likelihood; the band
  // we report is the hours that are themselves at least minLift above their reference, so weaker edge
  // hours are dropped while the band still passes. (A single-hour significance test here was too
  // strict: an incident hour holds only a handful of messages and the band came out an hour short.)
  const weak = (h: number) => judge(c[h], total, e[h], refTotal, { ...o, minG2: 0, minSliceCount: 0 }).lift < o.minLift;
  const bandJudge = (f: number, l: number) => {
    let count = 0, refIn = 0;
    for (let i = 0; i < l; i++) { count += c[(f + i) % 24]; refIn += e[(f + i) % 24]; }
    return { count, ...judge(count, total, refIn, refTotal, o) };
  };
  while (len > 1) {
    const last = (from + len - 1) % 24;
    const cand = weak(from) ? { f: (from + 1) % 24, l: len - 1 } : weak(last) ? { f: from, l: len - 1 } : null;
    if (!cand || !bandJudge(cand.f, cand.l).passed) break;
    from = cand.f;
    len = cand.l;
  }
  const j = bandJudge(from, len);
  const to = (from + len) % 24;
  return {
    dimension: 'hours',
    value: `${from}-${to === 0 ? 24 : to}`,
    band: { from, to },
    count: j.count,
    share: j.share,
    expectedShare: j.expectedShare,
    lift: j.lift,
    g2: j.g2,
    reference: ref.own ? 'topic_baseline' : 'all_traffic'
  };
}

export function findConcentrations(topicNow: DimCounts, ref: SliceReference, o: InsightOptions): Concentration[] {
  const out: Concentration[] = [];
  const band = hourBand(topicNow, ref, o);
  if (band) out.push(band);
  for (const d of ['region', 'platform', 'channel', 'version'] as const) out.push(...categoryConcentrations(d, topicNow, ref, o));
  return out.sort((a, b) => b.g2 - a.g2 || (a.dimension + a.value < b.dimension + b.value ? -1 : 1));
}

export function inConcentration(m: InsightMessage, c: Concentration, utcOffsetHours: number): boolean {
  if (c.dimension !== 'hours' || !c.band) return sliceKey(m, c.dimension, utcOffsetHours) === c.value;
  const h = localHour(m.ts, utcOffsetHours);
  const { from, to } = c.band;
  return from < to ? h >= from && h < to : h >= from || h < to;
}
