import type { Channel } from '../../../schemas/feedback.ts';
import type { ConcentrationDimension, PriorityFactorName } from '../../../schemas/insights.ts';

/**
 * What the insight steps read from a message: a structural subset of EnrichedFeedback (so stored rows
 * pass as they are), where everything but the time, channel and topics is optional. Baseline rows may be
 * pre-aggregated by ClickHouse: `n` says how many identical messages a row stands for.
 */
export interface InsightMessage {
  id?: string;
  /** epoch ms; aggregated rows may carry the start of their hour */
  ts: number;
  channel: Channel;
  customer?: { region?: string; segment?: string; tier?: string };
  app_version?: string;
  meta?: Record<string, string>;
  nps?: number | null;
  topics: readonly string[];
  /** aspect sentiment per topic, same order as topics */
  topic_sentiments?: readonly number[];
  keywords?: readonly string[];
  text?: string;
  dup_of?: string;
  noise?: string;
  n?: number;
}

export interface InsightOptions {
  /** epoch ms; the rows are taken as given (the caller queried these windows), this is carried along */
  window: { from: number; to: number };
  baseline: { from: number; to: number };
  /** hours of day are local; Asia/Shanghai by default (no daylight saving) */
  utcOffsetHours: number;
  /** customer value by tier and by segment; unknown values weigh 1. Multiplied together. */
  tierWeights: Record<string, number>;
  segmentWeights: Record<string, number>;
  /** a topic needs this many current complaints to become an insight */
  minCount: number;
  /** …and this many before we say where they concentrate */
  minCountForWhere: number;
  /** a concentration needs this many messages in the slice */
  minSliceCount: number;
  minLift: number;
  /**
   * About 25 slice values are tested per topic and some 35 topics per window, so a slice must pass at
   * p < 0.0002 (G² 13.8), not 0.05; the hour scan looks at 144 overlapping bands and needs p < 0.00005
   * (G² 16.4). Measured on three simulated days without an incident (~35 topics each): a one-sample test
   * against the baseline share gave 1–3 spurious concentrations a day at p < 0.001 and 0–2 at these
   * thresholds; the two-sample test used now gave none at either, so these keep a margin.
   */
  minG2: number;
  minBandG2: number;
  /**
   * Inside an established concentration only the remaining dimensions of one topic are tested, a far
   * smaller family, so refining the focus (East China → Android) needs p < 0.001 (G² 10.83) only.
   */
  minRefineG2: number;
  maxBandHours: number;
  /** pseudo-messages added to observed and expected counts before taking a growth ratio */
  growthPseudoCount: number;
  /** pseudo topic messages pulling the focus slice's baseline share towards the topic's overall share */
  slicePseudoCount: number;
  /** below this many baseline messages a topic is compared with all traffic instead of its own past */
  minBaselineForOwn: number;
  /** aspect sentiment at or below this is negative, a complaint (the sentiment model's neutral band; topic_minute's `neg`) */
  negativeAt: number;
  /** peers needed to say a topic is angrier than the others */
  minPeers: number;
  minAngerRatio: number;
  minAngerZ: number;
  /** exponents of the priority factors */
  weights: Record<PriorityFactorName, number>;
  maxInsights: number;
  maxExamples: number;
}

export const DEFAULT_INSIGHT_OPTIONS: Omit<InsightOptions, 'window' | 'baseline'> = {
  utcOffsetHours: 8,
  tierWeights: { vip: 3, regular: 1, new: 0.8 },
  segmentWeights: {},
  minCount: 10,
  minCountForWhere: 20,
  minSliceCount: 8,
  minLift: 1.5,
  minG2: 13.8,
  minBandG2: 16.4,
  minRefineG2: 10.83,
  maxBandHours: 6,
  growthPseudoCount: 5,
  slicePseudoCount: 5,
  minBaselineForOwn: 20,
  negativeAt: -0.3,
  minPeers: 2,
  minAngerRatio: 1.2,
  minAngerZ: 2,
  weights: { volume: 1, negativity: 1, trend: 1, value: 1, detractors: 1 },
  maxInsights: 10,
  maxExamples: 3
};

export function resolveOptions(opts: Partial<InsightOptions> & Pick<InsightOptions, 'window' | 'baseline'>): InsightOptions {
  return { ...DEFAULT_INSIGHT_OPTIONS, ...opts, weights: { ...DEFAULT_INSIGHT_OPTIONS.weights, ...opts.weights } };
}

export const weightOf = (m: InsightMessage): number => m.n ?? 1;

/** Noise and copy-paste campaigns would count one voice many times; every step skips them. */
export const isCounted = (m: InsightMessage): boolean => !m.noise && !m.dup_of;

export function localHour(ts: number, utcOffsetHours: number): number {
  const h = Math.floor(ts / 3_600_000 + utcOffsetHours) % 24;
  return h < 0 ? h + 24 : h;
}

const VERSION = /\d+(?:\.\d+)+/;
// App versions often arrive as "Android 5.12.2"; the platform is the word, the version the number, so
// a platform-wide problem does not show up again as six separate version concentrations.
export function platformOf(m: InsightMessage): string {
  const p = m.meta?.platform ?? m.app_version?.split(/\s+/)[0] ?? '';
  return VERSION.test(p) ? '' : p.toLowerCase();
}

export function versionOf(m: InsightMessage): string {
  return m.app_version?.match(VERSION)?.[0] ?? '';
}

/** The slice value of a message along one dimension; '' when unknown (such messages are not tested). */
export function sliceKey(m: InsightMessage, dim: ConcentrationDimension, utcOffsetHours: number): string {
  switch (dim) {
    case 'hours':
      return String(localHour(m.ts, utcOffsetHours));
    case 'region':
      return (m.customer?.region ?? '').toLowerCase();
    case 'platform':
      return platformOf(m);
    case 'channel':
      return m.channel;
    case 'version':
      return versionOf(m);
  }
}

export function customerValue(m: InsightMessage, o: Pick<InsightOptions, 'tierWeights' | 'segmentWeights'>): number {
  const tier = (m.customer?.tier ?? '').toLowerCase();
  const segment = (m.customer?.segment ?? '').toLowerCase();
  return (o.tierWeights[tier] ?? 1) * (o.segmentWeights[segment] ?? 1);
}

/** The aspect sentiment of `m` on `topic`, falling back to nothing (0) when it was not stored. */
export function aspectOf(m: InsightMessage, topic: string): number {
  const i = m.topics.indexOf(topic);
  return i >= 0 ? (m.topic_sentiments?.[i] ?? 0) : 0;
}

/** A complaint about `topic`: the message's aspect sentiment on it is negative (as topic_minute counts `neg`). */
export const isComplaint = (m: InsightMessage, topic: string, o: Pick<InsightOptions, 'negativeAt'>): boolean => aspectOf(m, topic) <= o.negativeAt;
