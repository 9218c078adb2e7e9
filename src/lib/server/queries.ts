import type { EnrichedFeedback } from '../../../schemas/feedback.ts';
import { seriesKey, type Bucket, type LiveDimension, type TickerItem } from '../../../schemas/live.ts';
import type { Db } from '../../../streaming/store/db.ts';
import { fromRow, type FeedbackRow } from '../../../streaming/store/rows.ts';
import { ident, sql } from '../../../streaming/store/sql.ts';
import { isNotable, toTickerItem } from '../../../streaming/push/notable.ts';

/** Every query the web node sends lives here, so the compatibility tests can run each on both engines. */

export async function findFeedback(db: Db, id: string): Promise<(EnrichedFeedback & { stream_id: string }) | null> {
  const [hit] = await db.query<{ ts: number }>(sql`SELECT toUnixTimestamp(ts) AS ts FROM feedback_ids WHERE id = ${id} LIMIT 1`);
  if (!hit) return null;
  const [row] = await db.query<FeedbackRow>(
    sql`SELECT * FROM feedback WHERE ts = toDateTime(${Number(hit.ts)}) AND id = ${id} LIMIT 1`
  );
  return row ? fromRow(row) : null;
}

interface BucketRow {
  m: number | string;
  k: string;
  n: number | string;
  neg: number | string;
  pos: number | string;
  s: number | string;
}

const BREAKDOWNS = ['channel', 'region'] as const;

/** Per-minute buckets of every live series since `sinceMs` (inclusive), from the rollup tables. */
export async function liveBuckets(db: Db, sinceMs: number): Promise<{ key: string; bucket: Bucket }[]> {
  const since = Math.floor(sinceMs / 60_000) * 60;
  const totals = db.query<BucketRow>(sql`
    SELECT toUnixTimestamp(minute) AS m, '' AS k, sum(n) AS n, sum(neg) AS neg, sum(pos) AS pos, sum(sentiment_sum) AS s
    FROM feedback_minute WHERE minute >= toDateTime(${since}) GROUP BY m`);
  const breakdowns = BREAKDOWNS.map((dim) => {
    const col = ident(dim, BREAKDOWNS);
    return db.query<BucketRow>(sql`
      SELECT toUnixTimestamp(minute) AS m, ${col} AS k, sum(n) AS n, sum(neg) AS neg, sum(pos) AS pos, sum(sentiment_sum) AS s
      FROM feedback_minute WHERE minute >= toDateTime(${since}) AND ${col} != '' GROUP BY m, k`);
  });
  const topics = db.query<BucketRow>(sql`
    SELECT toUnixTimestamp(minute) AS m, topic AS k, sum(n) AS n, sum(neg) AS neg, sum(pos) AS pos, sum(sentiment_sum) AS s
    FROM topic_minute WHERE minute >= toDateTime(${since}) GROUP BY m, k`);
  const [all, channel, region, topic] = await Promise.all([totals, ...breakdowns, topics]);
  const out: { key: string; bucket: Bucket }[] = [];
  const add = (dim: LiveDimension, rows: BucketRow[]) => {
    for (const r of rows) {
      if (Number(r.n) === 0) continue;
      out.push({
        key: seriesKey(dim, dim === 'all' ? '' : r.k),
        bucket: { minute: Number(r.m) * 1000, n: Number(r.n), neg: Number(r.neg), pos: Number(r.pos), sentimentSum: Number(r.s) }
      });
    }
  };
  add('all', all);
  add('channel', channel);
  add('region', region);
  add('topic', topic);
  return out;
}

/**
 * Typical messages per minute at this hour of the day over the previous `days` days (minutes with
 * data only), or null without history.
 */
export async function usualPerMinute(db: Db, nowMs: number, days = 7): Promise<number | null> {
  const now = Math.floor(nowMs / 1000);
  const [row] = await db.query<{ total: number | string; minutes: number | string }>(sql`
    SELECT sum(n) AS total, uniqExact(minute) AS minutes FROM feedback_minute
    WHERE minute >= toDateTime(${now - days * 86_400}) AND minute < toStartOfDay(toDateTime(${now}))
      AND toHour(minute) = toHour(toDateTime(${now}))`);
  const minutes = Number(row?.minutes ?? 0);
  return minutes > 0 ? Number(row.total) / minutes : null;
}

/** The newest notable messages, for a wall that (re)starts with a full ticker. */
export async function recentNotable(db: Db, sinceMs: number, limit = 20): Promise<TickerItem[]> {
  const rows = await db.query<FeedbackRow>(sql`
    SELECT * FROM feedback
    WHERE ts >= toDateTime(${Math.floor(sinceMs / 1000)}) AND noise = '' AND dup_of = ''
      AND (abs(sentiment) >= 0.5 OR notEmpty(topics))
    ORDER BY ts DESC, id LIMIT ${limit * 3}`);
  return rows.map(fromRow).filter(isNotable).slice(0, limit).map(toTickerItem);
}

/** When the newest stored message arrived (epoch ms), or null for an empty store. */
export async function lastStoredAt(db: Db): Promise<number | null> {
  const [row] = await db.query<{ t: number | string; n: number | string }>(sql`SELECT toUnixTimestamp(max(received_at)) AS t, count() AS n FROM feedback`);
  return Number(row?.n ?? 0) > 0 ? Number(row.t) * 1000 : null;
}
