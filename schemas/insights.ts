import type { Channel } from './feedback.ts';

/**
 * Insights: the ranked, explained list of top customer issues, shared by the processors (which compute
 * it, streaming/analyse/insights/) and the browser (which shows it). Plain JSON: every field survives a
 * Socket.IO round trip.
 */

export type InsightLang = 'zh' | 'en';

/** Where or when a topic's messages concentrate; `hours` is a band of local hours of day. */
export const CONCENTRATION_DIMENSIONS = ['hours', 'region', 'platform', 'channel', 'version'] as const;
export type ConcentrationDimension = (typeof CONCENTRATION_DIMENSIONS)[number];

export interface Concentration {
  dimension: ConcentrationDimension;
  /** region code, platform ("android"), channel, app version ("5.12.2"), or "19-22" for hours */
  value: string;
  /** for hours only: local hours [from, to), `to` may be ≤ `from` when the band wraps midnight */
  band?: { from: number; to: number };
  /** the topic's complaints in the slice, current window */
  count: number;
  /** share of the topic's complaints that fall in the slice */
  share: number;
  /** the share the reference predicts */
  expectedShare: number;
  /**
   * rate ratio inside vs outside the slice, each against the reference: (share/expected) ÷
   * ((1 − share)/(1 − expected)); capped at 99
   */
  lift: number;
  /** binomial log-likelihood ratio of share vs expectedShare (χ², 1 d.f.) */
  g2: number;
  /**
   * topic_baseline: the topic's own distribution in the baseline, re-weighted by where traffic is now
   * (so a quiet night does not look like a concentration on the evening); all_traffic: the topic has too
   * little history, compared with how all current feedback is spread.
   */
  reference: 'topic_baseline' | 'all_traffic';
}

export interface TopicStats {
  topic: string;
  parent: string;
  /** messages about the topic in the current window (near-duplicates and noise excluded), praise included */
  count: number;
  baselineCount: number;
  /**
   * complaints: the messages whose aspect sentiment on the topic is negative (≤ −0.3, as in the
   * topic_minute rollup). Insights rank and describe complaints; praise only dilutes `negativity`.
   */
  complaints: number;
  baselineComplaints: number;
  /** complaints the topic's baseline complaint share predicts for the current window's traffic */
  expected: number;
  /** shrunk growth of complaints (complaints + k) / (expected + k); 1 = usual level */
  growth: number;
  /** share of messages whose aspect sentiment on the topic is negative */
  negativeShare: number;
  /** mean of max(0, −aspect sentiment): 0 = nobody negative, 1 = everyone furious */
  negativity: number;
  /** negativity relative to the median of peer topics; null when there are too few peers */
  anger: { ratio: number; z: number; peers: 'parent' | 'all'; significant: boolean } | null;
  /** mean customer-value weight of the complainers relative to all current traffic (1 = typical mix) */
  valueIndex: number;
  /** detractors (NPS ≤ 6) among messages with an NPS; null without NPS */
  detractorShare: number | null;
  npsCount: number;
}

export const PRIORITY_FACTORS = ['volume', 'negativity', 'trend', 'value', 'detractors'] as const;
export type PriorityFactorName = (typeof PRIORITY_FACTORS)[number];

export interface PriorityFactor {
  name: PriorityFactorName;
  /** the normalised factor that enters the product */
  value: number;
  /** exponent: priority = Π value^weight */
  weight: number;
  /** the statistic it was normalised from (messages, growth ×, share…), for the tooltip */
  raw: number;
  /** how value was derived from raw, in words (English; the UI may localise by name) */
  basis: string;
}

export interface Priority {
  score: number;
  factors: PriorityFactor[];
  formula: string;
}

/** The slice the statement talks about: the intersection of the concentrations it mentions. */
export interface InsightFocus {
  concentrations: Concentration[];
  /** the topic's complaints in the slice */
  count: number;
  expected: number;
  /** shrunk growth inside the focus */
  growth: number;
}

export interface InsightExample {
  id: string;
  ts: number;
  channel: Channel;
  text: string;
  /** aspect sentiment on the insight's topic */
  sentiment: number;
}

export interface Insight {
  /** the topic id; one insight per topic and window */
  id: string;
  rank: number;
  window: { from: number; to: number };
  baseline: { from: number; to: number };
  stats: TopicStats;
  /** every concentration of the topic's complaints that passed the size and significance tests, strongest first */
  concentrations: Concentration[];
  focus: InsightFocus | null;
  /** too few complaints to test where they concentrate */
  sparse: boolean;
  priority: Priority;
  /** keywords distinctive of the topic's complaints now */
  keywords: string[];
  examples: InsightExample[];
  statements: Record<InsightLang, string>;
}

/**
 * 'insights:update:v1' (and GET /api/insights): the ranked insights of the last day against the week
 * before, recomputed every minute by one web node of the cluster (insights-hub.ts), plus the live customer pressure per topic.
 */
export interface InsightsUpdate {
  /** epoch ms the list was computed; null before the first computation */
  computedAt: number | null;
  insights: Insight[];
  /** negative messages per hour on each topic (leaf and parent ids) over the last 24 h, oldest first */
  pressure: { from: number; hourMs: number; byTopic: Record<string, number[]> };
  /** 1 in `sampled` messages of the last day was read (1 = all); counts are scaled back, tests use what was read */
  sampled: number;
  /** counted messages in the last day and in the baseline; a short history makes every "× usual" unreliable */
  messages: { current: number; baseline: number };
}
