-- Alerts (issue #5). The event log is the truth of every alert's lifecycle: append-only, one row per
-- transition (opened, escalated, acknowledged, snoozed, noted, resolved, reopened). A writer that crashed
-- after writing may write the same event again; readers drop exact repeats (same alert, time, type, actor).
CREATE TABLE IF NOT EXISTS alert_events (
  alert_id String,
  at DateTime,
  at_ms UInt64,
  type String,
  actor String,
  note String,
  severity String,
  until_ms UInt64
) ENGINE = MergeTree()
PARTITION BY toYYYYMM(at)
ORDER BY (alert_id, at_ms);

-- The whole Alert (numbers, members, evidence, state) as JSON, one row per change; the highest version
-- of an alert is its current picture. Partitioned by the alert's start so all versions of one alert
-- share a partition and the replacing merge can drop the old ones.
CREATE TABLE IF NOT EXISTS alert_snapshots (
  alert_id String,
  version UInt64,
  started_at DateTime,
  updated_at DateTime,
  status String,
  severity String,
  slice String,
  alert String
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(started_at)
ORDER BY alert_id;

-- What the detector expected for an alert's slices, minute by minute, for the drill-down chart (the
-- observed counts themselves come from the minute rollups).
CREATE TABLE IF NOT EXISTS alert_readings (
  alert_id String,
  slice String,
  minute DateTime,
  observed Float64,
  expected Float64,
  lower Float64,
  upper Float64
) ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(minute)
ORDER BY (alert_id, slice, minute);
