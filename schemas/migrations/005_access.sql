-- Access (issue #7): accounts, wall tokens, producer keys and the audit trail. Accounts, tokens and keys
-- change rarely and are read whole by the web node; every change is a new row with a higher version
-- (ReplacingMergeTree keeps the latest, reads use FINAL). Secrets are never stored: passwords as scrypt
-- hashes, tokens and keys as sha256 of 256-bit random values.
CREATE TABLE IF NOT EXISTS access_users (
  id String,
  display_name String,
  role String,
  password_hash String,
  disabled UInt8,
  created_at DateTime,
  created_by String,
  version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY id;

CREATE TABLE IF NOT EXISTS access_wall_tokens (
  id String,
  name String,
  token_hash String,
  created_at DateTime,
  created_by String,
  revoked UInt8,
  version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY id;

CREATE TABLE IF NOT EXISTS access_producer_keys (
  id String,
  name String,
  key_hash String,
  created_at DateTime,
  created_by String,
  revoked UInt8,
  version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY id;

-- Append-only: who did what, when, from where. ok = 0 for refused attempts (failed sign-ins).
CREATE TABLE IF NOT EXISTS access_audit (
  ts DateTime,
  ts_ms UInt64,
  actor String,
  action String,
  target String,
  detail String,
  ip String,
  ok UInt8
) ENGINE = MergeTree()
PARTITION BY toYYYYMM(ts)
ORDER BY (ts, action);
