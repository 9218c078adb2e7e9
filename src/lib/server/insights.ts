import type { Channel } from '../../../schemas/feedback.ts';
import type { InsightsUpdate } from '../../../schemas/insights.ts';
import { parentOf } from '../../../schemas/taxonomy.ts';
import { buildInsights, DEFAULT_INSIGHT_OPTIONS, type InsightMessage } from '../../../streaming/analyse/insights/index.ts';
import type { Db } from '../../../streaming/store/db.ts';
import { sql } from '../../../streaming/store/sql.ts';
import { scaleInsights } from './insights-sample.ts';

/**
 * The input of streaming/analyse/insights (pure) read from ClickHouse, and the live customer pressure
 * per topic. The insights compare the last 24 h with the 7 days before.
 *
 * Baseline: the insight steps read only counts by slice from it, so ClickHouse aggregates it exactly,
 * one row per (hour of day, channel, region, platform, app version, topic set, which of those topics it
 * complains about) with its count `n`.
 *
 * Current window: every field counts (aspect sentiment, NPS, tier, text for the examples). At the demo's
 * 20 messages/s a day is 1.7 M messages, too many to read every minute, so a large window is read as a
 * uniform, deterministic sample: 1 in k messages by id hash, k chosen so about `maxRows` come back. The
 * sampled rows go in UNWEIGHTED, so the significance tests see the size of what was read (weighting
 * each row by k made them k times too sure: spurious concentrations on small topics); only absolute
 * counts are scaled back by k afterwards (insights-sample.ts). Under `maxRows` the window is read whole.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const INSIGHT_WINDOW_MS = DAY;
export const INSIGHT_BASELINE_MS = 7 * DAY;
export const MAX_ROWS = 40_000;

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
  keywords: string[];
  text: string;
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

interface BaselineRow {
  h: number | string;
  channel: string;
  region: string;
  app_version: string;
  platform: string;
  topics: string[];
  neg: (number | string)[];
  n: number | string;
}

/**
 * Counted messages in [from, to) by UTC hour of day and the slice dimensions, as rows standing for `n`
 * messages. A row's topic_sentiments only say which topics it complains about (−1) or not (0): the
 * baseline is read for counts of complaints, never for their strength.
 */
export async function baselineMessages(db: Db, from: number, to: number, negativeAt = DEFAULT_INSIGHT_OPTIONS.negativeAt): Promise<InsightMessage[]> {
  const rows = await db.query<BaselineRow>(sql`
    SELECT intDiv(toUnixTimestamp(ts), 3600) % 24 AS h, channel, region, app_version,
      arrayElement(meta_values, indexOf(meta_keys, 'platform')) AS platform, topics,
      arrayMap(s -> s <= ${negativeAt}, topic_sentiments) AS neg, count() AS n
    FROM feedback
    WHERE ts >= toDateTime(${seconds(from)}) AND ts < toDateTime(${seconds(to)}) AND noise = '' AND dup_of = ''
    GROUP BY h, channel, region, app_version, platform, topics, neg`);
  // Any day will do: only the hour of day of `ts` is read from baseline rows.
  const day = Math.floor(from / DAY) * DAY;
  return rows.map((r): InsightMessage => ({
    ts: day + Number(r.h) * HOUR,
    channel: r.channel as Channel,
    customer: { region: r.region },
    app_version: r.app_version,
    meta: r.platform ? { platform: r.platform } : {},
    topics: r.topics,
    topic_sentiments: r.neg.map((x) => (Number(x) ? -1 : 0)),
    n: Number(r.n)
  }));
}

/** Counted messages in [from, to), 1 in `k` by id hash, every field the insight steps read. */
export async function insightMessages(db: Db, from: number, to: number, k: number): Promise<InsightMessage[]> {
  const rows = await db.query<MessageRow>(sql`
    SELECT id, ts_ms, channel, region, segment, tier, app_version, meta_keys, meta_values, nps, topics, topic_sentiments, keywords, text
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
      text: r.text
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
  const [nowCount, pressure] = await Promise.all([countedBetween(db, window.from, window.to), topicPressure(db, now)]);
  const k = sampleRate(nowCount, maxRows);
  const [current, base] = await Promise.all([insightMessages(db, window.from, window.to, k), baselineMessages(db, baseline.from, baseline.to)]);
  const insights = scaleInsights(buildInsights(current, base, { window, baseline }), k);
  const baselineTotal = base.reduce((sum, m) => sum + (m.n ?? 1), 0);
  return { computedAt: now, insights, pressure, sampled: k, messages: { current: nowCount, baseline: baselineTotal } };
}
