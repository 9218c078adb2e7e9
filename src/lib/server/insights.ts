import type { Channel } from '../../../schemas/feedback.ts';
import type { InsightsUpdate } from '../../../schemas/insights.ts';
import { parentOf } from '../../../schemas/taxonomy.ts';
import { buildInsights, type InsightMessage } from '../../../streaming/analyse/insights/index.ts';
import type { Db } from '../../../streaming/store/db.ts';
import { sql } from '../../../streaming/store/sql.ts';

/**
 * The input of streaming/analyse/insights (pure) read from ClickHouse, and the live customer pressure
 * per topic. The insights compare the last 24 h with the 7 days before. At the demo's 20 messages/s a
 * day is 1.7 M messages, too many to read every minute, so each window is read as a deterministic
 * sample (1 in k messages by id hash, k chosen so at most `maxRows` come back) and every sampled row
 * stands for k messages (`n`), which the insight steps weigh by. Small stores are read whole (k = 1).
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const INSIGHT_WINDOW_MS = DAY;
export const INSIGHT_BASELINE_MS = 7 * DAY;
export const MAX_ROWS = 25_000;

interface MessageRow {
  id: string;
  ts_ms: number | string;
  channel: string;
  region: string;
  segment: string;
  tier: string;
  app_version: string;
  meta_keys: string[];
  meta_values: string[];
  nps: number | string | null;
  topics: string[];
  topic_sentiments: (number | string)[];
  keywords?: string[];
  text?: string;
}

const seconds = (ms: number) => Math.floor(ms / 1000);

/** Counted messages (no noise, one per near-duplicate group) in [from, to), from the minute rollup. */
export async function countedBetween(db: Db, from: number, to: number): Promise<number> {
  const [row] = await db.query<{ n: number | string }>(
    sql`SELECT sum(n) AS n FROM feedback_minute WHERE minute >= toDateTime(${seconds(from)}) AND minute < toDateTime(${seconds(to)})`
  );
  return Number(row?.n ?? 0);
}

export const sampleRate = (count: number, maxRows = MAX_ROWS): number => Math.max(1, Math.ceil(count / maxRows));

/** Counted messages in [from, to), 1 in `k` by id hash; text and keywords only when asked (current window). */
export async function insightMessages(db: Db, from: number, to: number, k: number, withText: boolean): Promise<InsightMessage[]> {
  const rows = await db.query<MessageRow>(sql`
    SELECT id, ts_ms, channel, region, segment, tier, app_version, meta_keys, meta_values, nps, topics, topic_sentiments
      ${withText ? sql`, keywords, text` : sql``}
    FROM feedback
    WHERE ts >= toDateTime(${seconds(from)}) AND ts < toDateTime(${seconds(to)}) AND noise = '' AND dup_of = ''
      AND cityHash64(id) % ${k} = 0`);
  return rows.map((r) => {
    const meta: Record<string, string> = {};
    r.meta_keys.forEach((key, i) => (meta[key] = r.meta_values[i]));
    return {
      id: r.id,
      ts: Number(r.ts_ms),
      channel: r.channel as Channel,
      customer: { region: r.region, segment: r.segment, tier: r.tier },
      app_version: r.app_version,
      meta,
      nps: r.nps === null ? null : Number(r.nps),
      topics: r.topics,
      topic_sentiments: r.topic_sentiments.map(Number),
      keywords: r.keywords,
      text: r.text,
      n: k
    };
  });
}

/**
 * Negative messages per hour on each topic over the 24 h before `now`, from the topic rollup; the last
 * hour ends at the current minute. Parents carry the sum of their leaves (a message about two leaves of
 * one parent counts twice there; rare, and this is a pressure gauge, not a count).
 */
export async function topicPressure(db: Db, now: number): Promise<InsightsUpdate['pressure']> {
  const end = Math.floor(now / 60_000) * 60_000 + 60_000;
  const from = end - DAY;
  const rows = await db.query<{ topic: string; h: number | string; neg: number | string }>(sql`
    SELECT topic, intDiv(toUnixTimestamp(minute) - ${seconds(from)}, 3600) AS h, sum(neg) AS neg
    FROM topic_minute WHERE minute >= toDateTime(${seconds(from)}) AND minute < toDateTime(${seconds(end)})
    GROUP BY topic, h`);
  const byTopic: Record<string, number[]> = {};
  const add = (topic: string, h: number, n: number) => {
    const series = (byTopic[topic] ??= new Array(24).fill(0));
    if (h >= 0 && h < 24) series[h] += n;
  };
  for (const r of rows) {
    add(r.topic, Number(r.h), Number(r.neg));
    if (r.topic.includes('.')) add(parentOf(r.topic), Number(r.h), Number(r.neg));
  }
  return { from, hourMs: HOUR, byTopic };
}

/** One computation of the insights list and the pressure gauges, as pushed to clients. */
export async function computeInsights(db: Db, now: number, maxRows = MAX_ROWS): Promise<InsightsUpdate> {
  const window = { from: now - INSIGHT_WINDOW_MS, to: now };
  const baseline = { from: window.from - INSIGHT_BASELINE_MS, to: window.from };
  const [nowCount, baseCount, pressure] = await Promise.all([
    countedBetween(db, window.from, window.to),
    countedBetween(db, baseline.from, baseline.to),
    topicPressure(db, now)
  ]);
  const kNow = sampleRate(nowCount, maxRows);
  const kBase = sampleRate(baseCount, maxRows);
  const [current, base] = await Promise.all([
    insightMessages(db, window.from, window.to, kNow, true),
    insightMessages(db, baseline.from, baseline.to, kBase, false)
  ]);
  const insights = buildInsights(current, base, { window, baseline });
  return { computedAt: now, insights, pressure, sampled: kNow };
}
