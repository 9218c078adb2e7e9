import { CONCENTRATION_DIMENSIONS, type Concentration, type ConcentrationDimension } from '../../../schemas/insights.ts';
import { localHour, sliceKey, weightOf, type InsightMessage, type InsightOptions } from './message.ts';
import { binomialG2 } from './stats.ts';

/**
 * Where and when a topic concentrates. For each slice value v (a region, a platform, an hour…) the
 * expected share of the topic's current messages in v is
 *
 *   q_v ∝ p_v × N_v,   p_v = (b_v + a) / (B_v + a/p)
 *
 * N_v: all current traffic in v; b_v, B_v: the topic's and all baseline messages in v; p = b/B the
 * topic's overall baseline share; a pseudo topic messages shrink a thin slice towards p. So the
 * reference is the topic's own past, re-weighted by where traffic is now: a topic that always lives in
 * app reviews is not "concentrated" there, and a window that covers mostly evening hours does not make
 * every topic look like an evening topic. A topic with little history uses p_v = p, i.e. all traffic.
 *
 * A concentration is kept when it is large (lift ≥ minLift), frequent (≥ minSliceCount messages) and
 * significant (one-sided binomial G² ≥ minG2).
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
  /** the topic's overall share of baseline traffic */
  p: number;
  /** compare with the topic's own past (else with all traffic) */
  own: boolean;
}

/** Expected share of the topic's current messages per slice value; sums to 1 over known values. */
export function expectedShares(dim: ConcentrationDimension, ref: SliceReference, pseudo: number): Map<string, number> {
  const raw = new Map<string, number>();
  let total = 0;
  for (const [v, n] of ref.trafficNow[dim]) {
    const pv =
      ref.own && ref.p > 0
        ? ((ref.topicBase[dim].get(v) ?? 0) + pseudo) / ((ref.trafficBase[dim].get(v) ?? 0) + pseudo / ref.p)
        : 1;
    raw.set(v, pv * n);
    total += pv * n;
  }
  for (const [v, e] of raw) raw.set(v, total > 0 ? e / total : 0);
  return raw;
}

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

function judge(count: number, total: number, q: number, t: Thresholds) {
  const share = total > 0 ? count / total : 0;
  const lift = rateRatio(share, q);
  // Only an excess is a concentration; a deficit somewhere is just the mirror image of one elsewhere.
  const g2 = share > q ? binomialG2(count, total, q) : 0;
  const passed = count >= t.minSliceCount && lift >= t.minLift && g2 >= t.minG2;
  return { share, lift, g2, passed };
}

export function categoryConcentrations(
  dim: Exclude<ConcentrationDimension, 'hours'>,
  topicNow: DimCounts,
  ref: SliceReference,
  o: InsightOptions
): Concentration[] {
  const q = expectedShares(dim, ref, o.slicePseudoCount);
  let total = 0;
  for (const c of topicNow[dim].values()) total += c;
  const out: Concentration[] = [];
  for (const [value, count] of topicNow[dim]) {
    const expectedShare = q.get(value) ?? 0;
    const j = judge(count, total, expectedShare, o);
    if (!j.passed) continue;
    out.push({ dimension: dim, value, count, share: j.share, expectedShare, lift: j.lift, g2: j.g2, reference: ref.own ? 'topic_baseline' : 'all_traffic' });
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
  const q = expectedShares('hours', ref, o.slicePseudoCount);
  const c = Array.from({ length: 24 }, (_, h) => topicNow.hours.get(String(h)) ?? 0);
  const e = Array.from({ length: 24 }, (_, h) => q.get(String(h)) ?? 0);
  const total = c.reduce((s, x) => s + x, 0);
  let best: Concentration | null = null;
  for (let from = 0; from < 24; from++) {
    let count = 0;
    let expectedShare = 0;
    for (let len = 1; len <= Math.min(o.maxBandHours, 23); len++) {
      const h = (from + len - 1) % 24;
      count += c[h];
      expectedShare += e[h];
      const j = judge(count, total, expectedShare, o);
      if (!j.passed || (best && j.g2 <= best.g2)) continue;
      const to = (from + len) % 24;
      best = {
        dimension: 'hours',
        value: `${from}-${to === 0 ? 24 : to}`,
        band: { from, to },
        count,
        share: j.share,
        expectedShare,
        lift: j.lift,
        g2: j.g2,
        reference: ref.own ? 'topic_baseline' : 'all_traffic'
      };
    }
  }
  return best && trimBand(best, c, e, total, o);
}

/**
 * The scan happily extends a band over a neighbouring hour that adds a little likelihood (a tail of
 * late complaints); the band we report should be the hours that are themselves clearly above their
 * expectation, so edge hours below minLift (share over expected share) are dropped while the band
 * still passes.
 */
function trimBand(band: Concentration, c: number[], e: number[], total: number, o: Thresholds): Concentration {
  let { from, to } = band.band!;
  let len = (to - from + 24) % 24 || 24;
  const weak = (h: number) => e[h] > 0 && c[h] / total / e[h] < o.minLift;
  let count = band.count;
  let expectedShare = band.expectedShare;
  while (len > 1) {
    const h = weak(from) ? from : weak((to + 23) % 24) ? (to + 23) % 24 : -1;
    if (h < 0) break;
    const j = judge(count - c[h], total, expectedShare - e[h], o);
    if (!j.passed) break;
    count -= c[h];
    expectedShare -= e[h];
    if (h === from) from = (from + 1) % 24;
    else to = (to + 23) % 24;
    len--;
  }
  if (len === ((band.band!.to - band.band!.from + 24) % 24 || 24)) return band;
  const j = judge(count, total, expectedShare, o);
  return { ...band, value: `${from}-${to === 0 ? 24 : to}`, band: { from, to }, count, share: j.share, expectedShare, lift: j.lift, g2: j.g2 };
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
