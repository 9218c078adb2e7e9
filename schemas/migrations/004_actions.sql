-- The action log of plans (issue #6): every change to a plan is one immutable row; the current state is
-- the fold of a plan's rows in (recorded_ms, id) order (src/lib/server/plans/fold.ts). Never updated or
-- deleted, so a plain MergeTree. `body` is the event's JSON (schemas/plans.ts PlanEventBody).
CREATE TABLE IF NOT EXISTS plan_events (
  plan_id String,
  id String,
  recorded_at DateTime,
  recorded_ms UInt64,
  actor String,
  type String,
  body String
) ENGINE = MergeTree()
PARTITION BY toYYYYMM(recorded_at)
ORDER BY (plan_id, recorded_ms, id);
