-- Emerging topic candidates: one row per candidate per run that saw it, so a candidate's history (first
-- seen, how it grew and faded) is kept, and the current picture is the latest row of each id.
-- ReplacingMergeTree on (id, observed_at) folds the identical rows two web nodes write for one run.
CREATE TABLE IF NOT EXISTS emerging_topics (
  id String,
  observed_at DateTime,
  first_seen DateTime,
  window_minutes UInt16,
  baseline_kind String,
  label String,
  phrases Array(String),
  related Array(String),
  terms_zh Array(String),
  terms_en Array(String),
  messages UInt32,
  window_docs UInt32,
  baseline_messages UInt32,
  baseline_docs UInt32,
  ratio Float64,
  g2 Float64,
  suggested_parent String,
  example_ids Array(String),
  example_texts Array(String),
  example_langs Array(String),
  example_ts Array(UInt64)
) ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(observed_at)
ORDER BY (id, observed_at);
