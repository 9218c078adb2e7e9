import type { EnrichedFeedback } from '../../schemas/feedback.ts';

/** The feedback table's row for an enriched message (column names as in migrations/001_feedback.sql). */
export interface FeedbackRow {
  id: string;
  ts: number;
  ts_ms: number;
  received_at: number;
  channel: string;
  customer_id: string;
  region: string;
  segment: string;
  tier: string;
  product: string;
  app_version: string;
  nps: number | null;
  csat: number | null;
  meta_keys: string[];
  meta_values: string[];
  lang: string;
  text: string;
  sentiment: number;
  sentiment_label: string;
  topics: string[];
  topic_sentiments: number[];
  keywords: string[];
  pii: string[];
  dup_of: string;
  noise: string;
  model_version: string;
  stream_id: string;
}

// DateTime columns take epoch seconds: unambiguous on every server version, whatever its time zone.
const seconds = (ms: number) => Math.floor(ms / 1000);

export function toRow(f: EnrichedFeedback, streamId: string): FeedbackRow {
  const metaKeys = Object.keys(f.meta);
  return {
    id: f.id,
    ts: seconds(f.ts),
    ts_ms: f.ts,
    received_at: seconds(f.received_at),
    channel: f.channel,
    customer_id: f.customer.id,
    region: f.customer.region,
    segment: f.customer.segment,
    tier: f.customer.tier,
    product: f.product,
    app_version: f.app_version,
    nps: f.nps,
    csat: f.csat,
    meta_keys: metaKeys,
    meta_values: metaKeys.map((k) => f.meta[k]),
    lang: f.lang,
    text: f.text,
    sentiment: f.sentiment,
    sentiment_label: f.sentiment_label,
    topics: f.topics,
    topic_sentiments: f.topic_sentiments,
    keywords: f.keywords,
    pii: f.pii,
    dup_of: f.dup_of,
    noise: f.noise,
    model_version: f.model_version,
    stream_id: streamId
  };
}

/** The public JSON shape of a stored record (GET /api/feedback/:id). */
export function fromRow(r: FeedbackRow): EnrichedFeedback & { stream_id: string } {
  const meta: Record<string, string> = {};
  r.meta_keys.forEach((k, i) => (meta[k] = r.meta_values[i]));
  return {
    id: r.id,
    ts: Number(r.ts_ms),
    received_at: Number(r.received_at) * 1000,
    channel: r.channel as EnrichedFeedback['channel'],
    text: r.text,
    lang: r.lang as EnrichedFeedback['lang'],
    customer: { id: r.customer_id, region: r.region, segment: r.segment, tier: r.tier },
    product: r.product,
    app_version: r.app_version,
    nps: r.nps === null ? null : Number(r.nps),
    csat: r.csat === null ? null : Number(r.csat),
    meta,
    sentiment: Number(r.sentiment),
    sentiment_label: r.sentiment_label as EnrichedFeedback['sentiment_label'],
    topics: r.topics,
    topic_sentiments: r.topic_sentiments.map(Number),
    keywords: r.keywords,
    pii: r.pii,
    dup_of: r.dup_of,
    noise: r.noise,
    model_version: r.model_version,
    stream_id: r.stream_id
  };
}
