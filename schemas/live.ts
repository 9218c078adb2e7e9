import type { Channel, Lang, SentimentLabel } from './feedback.ts';

/**
 * Live trend data pushed to the wall. Buckets are keyed by (series, minute) and updates REPLACE a bucket's
 * value instead of adding to it, so a client that receives history and then updates can never double
 * count at the seam, and a reconnect simply replaces the whole picture.
 */

export const LIVE_DIMENSIONS = ['all', 'topic', 'channel', 'region'] as const;
export type LiveDimension = (typeof LIVE_DIMENSIONS)[number];

/** "all:" for the total, otherwise "<dimension>:<value>", e.g. "topic:delivery.late", "region:east" */
export type SeriesKey = string;

export const seriesKey = (dimension: LiveDimension, value = ''): SeriesKey => `${dimension}:${value}`;

export interface Bucket {
  /** start of the minute, epoch ms */
  minute: number;
  /** messages */
  n: number;
  /** messages labelled negative / positive */
  neg: number;
  pos: number;
  /** sum of sentiment scores; mean = sentimentSum / n */
  sentimentSum: number;
}

export interface BucketUpsert {
  key: SeriesKey;
  bucket: Bucket;
}

/** A recent message worth showing on the wall's ticker; text is already PII-redacted and truncated. */
export interface TickerItem {
  id: string;
  ts: number;
  channel: Channel;
  region: string;
  lang: Lang;
  text: string;
  sentiment: number;
  label: SentimentLabel;
  topics: string[];
}

/**
 * Whether the pipeline behind the picture is moving. A quiet hour (nothing waiting) is live; entries
 * waiting while nothing gets stored is a stall the wall must show.
 */
export interface PipelineHealth {
  /** when a processor last stored a batch (epoch ms, server clock), null if never seen */
  lastStoredAt: number | null;
  /** stream entries not yet stored: undelivered plus delivered-but-unacknowledged */
  backlog: number;
  /** when the oldest entry not yet stored was added to the stream (epoch ms, from its id), null if none */
  oldestWaitingAt: number | null;
}

export interface LiveSnapshot {
  serverTime: number;
  /** how many minutes of history the series cover */
  windowMinutes: number;
  series: Record<SeriesKey, Bucket[]>;
  /** typical messages per minute at this hour of day over the previous days (null until there is history) */
  usualPerMinute: number | null;
  ticker: TickerItem[];
  pipeline: PipelineHealth;
}

export interface LiveUpdate {
  serverTime: number;
  upserts: BucketUpsert[];
  /** only items new since the previous message, newest first */
  ticker: TickerItem[];
  usualPerMinute: number | null;
  pipeline: PipelineHealth;
}
