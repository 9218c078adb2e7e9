import type { Lang } from './feedback.ts';

/**
 * Emerging topics and keywords per topic, as stored (migrations/006_emerging.sql), served by
 * GET /api/topics/emerging and /api/topics/keywords, and pushed as 'topics:update:v1'.
 */

export interface EmergingExample {
  id: string;
  /** PII-redacted, truncated; render as text */
  text: string;
  lang: Lang;
  /** epoch ms */
  ts: number;
}

/** A candidate topic: phrases that surged together and that the taxonomy does not cover yet. */
export interface EmergingTopic {
  /** stable across runs while the surge lasts */
  id: string;
  /** the strongest phrase: a working name until an analyst labels it */
  label: string;
  /** strongest first */
  phrases: string[];
  /** taxonomy-covered phrases that surged in the same messages */
  related: string[];
  /** phrases as taxonomy terms, by script */
  terms: { zh: string[]; en: string[] };
  /** messages in the latest window that mention a phrase, of windowDocs */
  count: number;
  windowDocs: number;
  /** baseline messages that mention a phrase (an upper bound), of baselineDocs */
  baselineCount: number;
  baselineDocs: number;
  /** growth of the share of messages, window vs baseline */
  ratio: number;
  /** Dunning's log-likelihood G² of that growth (10.83 ≈ p 0.001) */
  g2: number;
  /** the largest G² any run gave it */
  peakG2: number;
  /** taxonomy parent its messages already lean to, or null */
  suggestedParent: string | null;
  examples: EmergingExample[];
  /** epoch ms */
  firstSeen: number;
  lastSeen: number;
  /** seen by the latest run(s); otherwise a candidate that has faded */
  active: boolean;
}

export interface KeywordCount {
  keyword: string;
  /** messages of the topic in the window carrying the keyword */
  count: number;
  /** growth of its share within the topic, window vs baseline (add-half smoothed); > 1 is rising */
  ratio: number;
}

export interface TopicKeywords {
  /** taxonomy leaf id */
  topic: string;
  /** messages of the topic in the window */
  n: number;
  /** most frequent first */
  keywords: KeywordCount[];
}

export interface TopicsUpdate {
  serverTime: number;
  /** the window both lists describe, in minutes */
  windowMinutes: number;
  /** how often the server recomputes: a client hearing nothing for a few periods shows stale */
  periodMs: number;
  emerging: EmergingTopic[];
  topicKeywords: TopicKeywords[];
}
