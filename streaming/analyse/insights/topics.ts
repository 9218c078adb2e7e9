import type { Concentration, InsightFocus, TopicStats } from '../../../schemas/insights.ts';
import { parentOf } from '../../../schemas/taxonomy.ts';
import { countSlices, findConcentrations, hourBand, inConcentration, type SliceReference } from './concentrate.ts';
import { aspectOf, customerValue, isComplaint, weightOf, type InsightMessage, type InsightOptions } from './message.ts';
import { addMoment, emptyMoments, median, shrunkGrowth, welchZ, type Moments } from './stats.ts';

/** Per-topic statistics of the current window against the baseline (all pure, weighted by row `n`). */

export interface Traffic {
  /** all counted messages, current window and baseline */
  now: number;
  base: number;
  /** mean customer value of current traffic */
  meanValue: number;
  /** detractor share of all current messages with an NPS; null without any */
  detractorShare: number | null;
}

export function trafficOf(now: readonly InsightMessage[], base: readonly InsightMessage[], o: InsightOptions): Traffic {
  let n = 0, value = 0, nps = 0, det = 0, b = 0;
  for (const m of now) {
    const w = weightOf(m);
    n += w;
    value += w * customerValue(m, o);
    if (m.nps != null) { nps += w; if (m.nps <= 6) det += w; }
  }
  for (const m of base) b += weightOf(m);
  return { now: n, base: b, meanValue: n > 0 ? value / n : 1, detractorShare: nps > 0 ? det / nps : null };
}

/**
 * Stats without the peer comparison, plus the moments of negativity the comparison needs. Volume,
 * growth and customer value are those of the complaints (aspect ≤ negativeAt): praise for a topic
 * ("images load fast again") is not an issue, and after a fix it would otherwise read as growth.
 * Negativity and the detractor share stay over every mention, so a topic customers mostly praise is
 * also less negative.
 */
export function topicStats(
  topic: string,
  now: readonly InsightMessage[],
  base: readonly InsightMessage[],
  traffic: Traffic,
  o: InsightOptions
): { stats: TopicStats; negativity: Moments } {
  const neg = emptyMoments();
  let count = 0, complaints = 0, value = 0, nps = 0, det = 0, baselineCount = 0, baselineComplaints = 0;
  for (const m of now) {
    const w = weightOf(m);
    const s = aspectOf(m, topic);
    count += w;
    addMoment(neg, Math.max(0, -s), w);
    if (s <= o.negativeAt) {
      complaints += w;
      value += w * customerValue(m, o);
    }
    if (m.nps != null) { nps += w; if (m.nps <= 6) det += w; }
  }
  for (const m of base) {
    baselineCount += weightOf(m);
    if (isComplaint(m, topic, o)) baselineComplaints += weightOf(m);
  }
  const expected = traffic.base > 0 ? (baselineComplaints / traffic.base) * traffic.now : 0;
  return {
    stats: {
      topic,
      parent: parentOf(topic),
      count,
      baselineCount,
      complaints,
      baselineComplaints,
      expected,
      growth: shrunkGrowth(complaints, expected, o.growthPseudoCount),
      negativeShare: count > 0 ? complaints / count : 0,
      negativity: count > 0 ? neg.sum / count : 0,
      anger: null,
      valueIndex: complaints > 0 && traffic.meanValue > 0 ? value / complaints / traffic.meanValue : 1,
      detractorShare: nps > 0 ? det / nps : null,
      npsCount: nps
    },
    negativity: neg
  };
}

/**
 * How much angrier a topic is than its peers: its negativity over the median negativity of the other
 * complaint topics of its parent (or of all when the parent has fewer than minPeers), with Welch's z
 * against the pooled peers so that "angrier" is only said when it is not chance.
 */
export function compareAnger(all: ReadonlyArray<{ stats: TopicStats; negativity: Moments }>, o: InsightOptions): void {
  // Peers are the other complaint topics: being angrier than the praise topics says nothing.
  const complaints = all.filter((x) => x.stats.negativeShare >= 0.5);
  for (const t of all) {
    const siblings = complaints.filter((x) => x !== t && x.stats.parent === t.stats.parent);
    const peers = siblings.length >= o.minPeers ? siblings : complaints.filter((x) => x !== t);
    if (peers.length < o.minPeers) continue;
    const med = median(peers.map((x) => x.stats.negativity));
    const pooled = emptyMoments();
    for (const p of peers) { pooled.n += p.negativity.n; pooled.sum += p.negativity.sum; pooled.sumSq += p.negativity.sumSq; }
    const ratio = med > 0 ? t.stats.negativity / med : t.stats.negativity > 0 ? Infinity : 1;
    const z = welchZ(t.negativity, pooled);
    t.stats.anger = {
      ratio: Number.isFinite(ratio) ? ratio : 99,
      z,
      peers: peers === siblings ? 'parent' : 'all',
      significant: ratio >= o.minAngerRatio && z >= o.minAngerZ
    };
  }
}

/**
 * The slice a statement talks about, found greedily: take the strongest concentration, restrict the
 * topic's messages (the caller passes its complaints), all traffic and the baseline to it, and test the remaining dimensions again inside
 * it, until none passes. Testing inside the slice is what finds the second and third attribute of an
 * incident (East China → in the evening → on Android): across the whole day the incident is diluted by
 * the topic's usual messages and Android, already most of the traffic, barely moves. Refinements need
 * only minRefineG2. The focus growth
 * compares the messages there now with what the topic's baseline share in the same slice predicts for
 * the traffic there now (shrunk towards the topic's overall share, then towards 1 like every growth).
 */
export function focusOf(
  topicNow: readonly InsightMessage[],
  topicBase: readonly InsightMessage[],
  trafficNow: readonly InsightMessage[],
  trafficBase: readonly InsightMessage[],
  p: number,
  o: InsightOptions,
  /** the reference of the whole topic, when the caller has it: slicing all rows is the costly part */
  wholeRef?: SliceReference
): InsightFocus | null {
  const all: FocusRows = { topicNow, topicBase, trafficNow, trafficBase };
  const refine = { ...o, minG2: o.minRefineG2, minBandG2: o.minRefineG2 };
  const chosen: Concentration[] = [];
  let rows = all;
  for (;;) {
    const ref = chosen.length === 0 && wholeRef ? wholeRef : referenceOf(rows, o);
    const next = findConcentrations(countSlices(rows.topicNow, o.utcOffsetHours), ref, chosen.length ? refine : o).find(
      (c) => !chosen.some((x) => x.dimension === c.dimension)
    );
    if (!next) break;
    chosen.push(next);
    rows = restrict(rows, [next], o);
  }
  if (chosen.length === 0) return null;
  // An hour band found before the other attributes was measured on the whole topic, where the incident
  // is diluted by its usual messages and the band's edges are vague; re-scan it inside the rest of the
  // focus, where the incident is most of what is left.
  const h = chosen.findIndex((c) => c.dimension === 'hours');
  if (h >= 0 && chosen.length > 1) {
    const others = restrict(all, chosen.filter((c) => c.dimension !== 'hours'), o);
    const band = hourBand(countSlices(others.topicNow, o.utcOffsetHours), referenceOf(others, o), refine);
    if (band) {
      chosen[h] = band;
      rows = restrict(others, [band], o);
    }
  }
  const a = o.slicePseudoCount;
  const count = total(rows.topicNow);
  const pF = p > 0 ? (total(rows.topicBase) + a) / (total(rows.trafficBase) + a / p) : 0;
  const expected = pF * total(rows.trafficNow);
  return { concentrations: chosen, count, expected, growth: shrunkGrowth(count, expected, o.growthPseudoCount) };
}

interface FocusRows {
  topicNow: readonly InsightMessage[];
  topicBase: readonly InsightMessage[];
  trafficNow: readonly InsightMessage[];
  trafficBase: readonly InsightMessage[];
}

const total = (rows: readonly InsightMessage[]) => rows.reduce((s, m) => s + weightOf(m), 0);

function restrict(rows: FocusRows, cs: readonly Concentration[], o: InsightOptions): FocusRows {
  const keep = (xs: readonly InsightMessage[]) => xs.filter((m) => cs.every((c) => inConcentration(m, c, o.utcOffsetHours)));
  return { topicNow: keep(rows.topicNow), topicBase: keep(rows.topicBase), trafficNow: keep(rows.trafficNow), trafficBase: keep(rows.trafficBase) };
}

// Inside a narrow slice the topic's own history soon runs thin; all traffic there is the fallback.
function referenceOf(rows: FocusRows, o: InsightOptions): SliceReference {
  return {
    trafficNow: countSlices(rows.trafficNow, o.utcOffsetHours),
    trafficBase: countSlices(rows.trafficBase, o.utcOffsetHours),
    topicBase: countSlices(rows.topicBase, o.utcOffsetHours),
    own: total(rows.topicBase) >= o.minBaselineForOwn
  };
}
