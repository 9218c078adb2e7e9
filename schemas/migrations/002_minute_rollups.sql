-- Per-minute rollups for the live wall and the detectors. Noise is left out; near-duplicate copies (a
-- copy-pasted campaign) count once as a voice and are tallied apart in `dups`.
CREATE TABLE IF NOT EXISTS feedback_minute (
  minute DateTime,
  channel String,
  region String,
  lang String,
  n UInt64,
  neg UInt64,
  pos UInt64,
  sentiment_sum Float64,
  dups UInt64
) ENGINE = SummingMergeTree()
PARTITION BY toYYYYMM(minute)
ORDER BY (minute, channel, region, lang);

CREATE MATERIALIZED VIEW IF NOT EXISTS feedback_minute_mv TO feedback_minute AS
SELECT
  toStartOfMinute(ts) AS minute,
  channel,
  region,
  lang,
  countIf(dup_of = '') AS n,
  countIf(dup_of = '' AND sentiment_label = 'negative') AS neg,
  countIf(dup_of = '' AND sentiment_label = 'positive') AS pos,
  sumIf(toFloat64(sentiment), dup_of = '') AS sentiment_sum,
  countIf(dup_of != '') AS dups
FROM feedback
WHERE noise = ''
GROUP BY minute, channel, region, lang;

-- Topic rollup uses the aspect sentiment of each topic (labels as labelFor in streaming/enrich/sentiment:
-- |score| >= 0.3), so "fast delivery but cold food" is not counted
-- as a delivery complaint.
CREATE TABLE IF NOT EXISTS topic_minute (
  minute DateTime,
  topic String,
  channel String,
  region String,
  n UInt64,
  neg UInt64,
  pos UInt64,
  sentiment_sum Float64
) ENGINE = SummingMergeTree()
PARTITION BY toYYYYMM(minute)
ORDER BY (minute, topic, channel, region);

CREATE MATERIALIZED VIEW IF NOT EXISTS topic_minute_mv TO topic_minute AS
SELECT
  toStartOfMinute(ts) AS minute,
  topic,
  channel,
  region,
  count() AS n,
  countIf(aspect <= -0.3) AS neg,
  countIf(aspect >= 0.3) AS pos,
  sum(toFloat64(aspect)) AS sentiment_sum
FROM feedback
ARRAY JOIN topics AS topic, topic_sentiments AS aspect
WHERE noise = '' AND dup_of = ''
GROUP BY minute, topic, channel, region;
