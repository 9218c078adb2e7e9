-- Survey scores per minute, channel and region, for the NPS and CSAT alert measures (detractor share,
-- low-CSAT share; streaming/analyse/alerts/measures.ts). A table of its own rather than columns on
-- feedback_minute: a materialized view's query cannot be altered on 18.16, and dropping and recreating
-- feedback_minute_mv would lose the messages stored in between. Only scored messages are counted, as
-- feedback_minute counts (noise out, near-duplicate copies once). No topic rows: a survey's score rates
-- the whole experience, not each topic its text mentions.
CREATE TABLE IF NOT EXISTS score_minute (
  minute DateTime,
  channel String,
  region String,
  nps_n UInt64,
  nps_detractors UInt64,
  nps_promoters UInt64,
  csat_n UInt64,
  csat_low UInt64,
  csat_sum UInt64
) ENGINE = SummingMergeTree()
PARTITION BY toYYYYMM(minute)
ORDER BY (minute, channel, region);

CREATE MATERIALIZED VIEW IF NOT EXISTS score_minute_mv TO score_minute AS
SELECT
  toStartOfMinute(ts) AS minute,
  channel,
  region,
  countIf(isNotNull(nps)) AS nps_n,
  countIf(ifNull(nps, 255) <= 6) AS nps_detractors,
  countIf(ifNull(nps, 0) >= 9) AS nps_promoters,
  countIf(isNotNull(csat)) AS csat_n,
  countIf(ifNull(csat, 255) <= 2) AS csat_low,
  sum(toUInt64(ifNull(csat, 0))) AS csat_sum
FROM feedback
WHERE noise = '' AND dup_of = '' AND (isNotNull(nps) OR isNotNull(csat))
GROUP BY minute, channel, region;

-- Backfill of the messages stored before this migration, once. Only minutes the view has not written
-- to are filled: a second run (a crash between this statement and its record) adds nothing, and the
-- view's own minutes are never counted twice. The minute in which the view was created is left as the
-- view wrote it (its earlier messages are missing from that one minute); the current minute is left to
-- the view, so a message stored while this runs is not counted twice.
INSERT INTO score_minute
SELECT
  toStartOfMinute(ts) AS minute,
  channel,
  region,
  countIf(isNotNull(nps)) AS nps_n,
  countIf(ifNull(nps, 255) <= 6) AS nps_detractors,
  countIf(ifNull(nps, 0) >= 9) AS nps_promoters,
  countIf(isNotNull(csat)) AS csat_n,
  countIf(ifNull(csat, 255) <= 2) AS csat_low,
  sum(toUInt64(ifNull(csat, 0))) AS csat_sum
FROM feedback
WHERE noise = '' AND dup_of = '' AND (isNotNull(nps) OR isNotNull(csat))
  AND toStartOfMinute(ts) < toStartOfMinute(now())
  AND toStartOfMinute(ts) NOT IN (SELECT DISTINCT minute FROM score_minute)
GROUP BY minute, channel, region;
