-- Every stored message with its enrichment. ReplacingMergeTree on (ts, id) is a safety net only: the
-- processors already guarantee one insert per id (see streaming/store/dedupe.ts).
CREATE TABLE IF NOT EXISTS feedback (
  id String,
  ts DateTime,
  ts_ms UInt64,
  received_at DateTime,
  channel String,
  customer_id String,
  region String,
  segment String,
  tier String,
  product String,
  app_version String,
  nps Nullable(UInt8),
  csat Nullable(UInt8),
  meta_keys Array(String),
  meta_values Array(String),
  lang String,
  text String,
  sentiment Float32,
  sentiment_label String,
  topics Array(String),
  topic_sentiments Array(Float32),
  keywords Array(String),
  pii Array(String),
  dup_of String,
  noise String,
  model_version String,
  stream_id String
) ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(ts)
ORDER BY (ts, id);

-- Point look-ups by id (GET /api/feedback/:id) would scan the whole table; this maps an id to its ts.
CREATE TABLE IF NOT EXISTS feedback_ids (
  id String,
  ts DateTime
) ENGINE = ReplacingMergeTree()
ORDER BY id;

CREATE MATERIALIZED VIEW IF NOT EXISTS feedback_ids_mv TO feedback_ids AS
SELECT id, ts FROM feedback;
