import type { AlertEvidence, AlertExample, AlertImpact, Contribution } from '../../../schemas/alerts.ts';
import { countKeywords, rateLogLikelihood, topKeywords, type KeywordWindow } from '../../enrich/keywords.ts';
import { TIER_WEIGHTS } from './severity.ts';

/**
 * What an on-call person needs to see why an alert fired: keywords that surged against a baseline,
 * five example messages, which channels/regions/app versions carry the excess, and who is affected.
 * Pure over the window's messages; texts arrive already PII-redacted.
 */

export interface EvidenceMessage {
  id: string;
  ts?: number;
  text: string;
  topics: readonly string[];
  keywords: readonly string[];
  channel: string;
  region: string;
  app_version: string;
  /** customer id ('' when unknown) and tier (new | regular | vip | …) */
  customer: string;
  tier: string;
  /** sentiment score, negative below 0 */
  sentiment: number;
}

export interface EvidenceOptions {
  /** window length / baseline length: turns baseline counts into what the window would have held */
  baselineScale: number;
  examples?: number;
  keywords?: number;
  dimensions?: readonly ('channel' | 'region' | 'app_version' | 'tier')[];
}

export function buildEvidence(window: readonly EvidenceMessage[], baseline: readonly EvidenceMessage[], opts: EvidenceOptions): AlertEvidence {
  const max = opts.keywords ?? 10;
  const w = countKeywords(window.map((m) => m.keywords));
  const b = countKeywords(baseline.map((m) => m.keywords));
  // What is new in the talk first (a larger share of the messages than before), then what is simply said
  // far more often: an incident in the slice's usual words (its volume surged, its vocabulary did not)
  // would otherwise show no keyword at all.
  const newTalk = topKeywords(w, b, { max });
  const louder = countSurges(w, b, opts.baselineScale).filter((k) => !newTalk.some((s) => s.keyword === k.keyword));
  const surged = [...newTalk, ...louder].slice(0, max);
  return {
    keywords: surged.map(({ keyword, count, baseline: base, ratio }) => ({ keyword, count, baseline: base, ratio })),
    examples: pickExamples(window, new Map(surged.map((k) => [k.keyword, k.g2])), opts.examples ?? 5),
    contributions: breakdown(window, baseline, opts.baselineScale, opts.dimensions ?? ['channel', 'region', 'app_version']),
    impact: impactOf(window),
    messages: window.length
  };
}

/**
 * Keywords said at least `minRatio` times as often in the window as the baseline's rate predicts
 * (`scale`: window length / baseline length, and up again for a sampled baseline), significant by G² on
 * the two counts, most extra mentions first; `ratio` is then the ratio of rates.
 */
export function countSurges(window: KeywordWindow, baseline: KeywordWindow, scale: number, opts: { minCount?: number; minRatio?: number; minG2?: number } = {}) {
  // At least 5 mentions: in a slice quiet the hour before, any word of the first few complaints (打开, the
  // app's name) is "far more often" than 0; the demo's first minute of an image incident listed eight.
  const { minCount = 5, minRatio = 2, minG2 = 10.83 } = opts;
  const out: { keyword: string; count: number; baseline: number; ratio: number; g2: number; excess: number }[] = [];
  for (const [keyword, count] of window.counts) {
    if (count < minCount) continue;
    const base = baseline.counts.get(keyword) ?? 0;
    const expected = (base + 0.5) * scale;
    const ratio = count / expected;
    if (ratio < minRatio) continue;
    const g2 = rateLogLikelihood(count, base, scale);
    if (g2 < minG2) continue;
    out.push({ keyword, count, baseline: base, ratio, g2, excess: count - base * scale });
  }
  return out.sort((x, y) => y.excess - x.excess || y.count - x.count || (x.keyword < y.keyword ? -1 : 1));
}

/**
 * Alternates between the most negative messages and the most representative ones (those carrying the
 * most surged keywords), skipping repeats of the same text, so the examples show both the anger and the typical case.
 */
export function pickExamples(window: readonly EvidenceMessage[], surge: ReadonlyMap<string, number>, n = 5): AlertExample[] {
  const typicality = (m: EvidenceMessage) => m.keywords.reduce((s, k) => s + (surge.get(k) ?? 0), 0);
  const negative = [...window].sort((a, b) => a.sentiment - b.sentiment || a.id.localeCompare(b.id));
  const typical = [...window].sort((a, b) => typicality(b) - typicality(a) || a.sentiment - b.sentiment || a.id.localeCompare(b.id));
  const seen = new Set<string>();
  const out: AlertExample[] = [];
  const lists = [typical, negative];
  const cursors = [0, 0];
  for (let turn = 0; out.length < n && cursors.some((c, i) => c < lists[i].length); turn++) {
    const i = turn % 2;
    while (cursors[i] < lists[i].length) {
      const m = lists[i][cursors[i]++];
      const key = m.text.trim().toLowerCase().replace(/\s+/g, ' ');
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ id: m.id, text: m.text, channel: m.channel, region: m.region, sentiment: m.sentiment, ...(m.ts !== undefined ? { ts: m.ts } : {}) });
      break;
    }
  }
  return out;
}

/** Per value: window count minus the baseline's count scaled to the window; positive parts share the excess. */
export function breakdown(
  window: readonly EvidenceMessage[], baseline: readonly EvidenceMessage[], scale: number, dimensions: readonly (keyof EvidenceMessage)[], maxPerDimension = 5
): Contribution[] {
  const out: Contribution[] = [];
  for (const dimension of dimensions) {
    const counts = new Map<string, number>();
    for (const m of window) counts.set(String(m[dimension]), (counts.get(String(m[dimension])) ?? 0) + 1);
    for (const m of baseline) counts.set(String(m[dimension]), (counts.get(String(m[dimension])) ?? 0) - scale);
    const parts = [...counts].filter(([, e]) => e > 0).sort((a, b) => b[1] - a[1]);
    const total = parts.reduce((s, [, e]) => s + e, 0);
    for (const [value, excess] of parts.slice(0, maxPerDimension)) out.push({ dimension, value, excess, share: excess / total });
  }
  return out;
}

export function impactOf(window: readonly EvidenceMessage[]): AlertImpact {
  const tiers = new Map<string, string>();
  for (const m of window) if (m.customer) tiers.set(m.customer, m.tier);
  let weighted = 0, vip = 0;
  for (const t of tiers.values()) {
    weighted += TIER_WEIGHTS[t] ?? 1;
    if (t === 'vip') vip++;
  }
  return { customers: tiers.size, weightedCustomers: weighted, vipCustomers: vip };
}
