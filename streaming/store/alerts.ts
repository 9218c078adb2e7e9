import { isRateMetric, resolutionMin, type Alert, type AlertEvent, type AlertEventType, type AlertMetric, type AlertSeverity, type SliceReading } from '../../schemas/alerts.ts';
import type { MeasureRow } from '../analyse/alerts/measures.ts';
import type { CountRow } from '../analyse/alerts/counts.ts';
import type { EvidenceMessage } from '../analyse/alerts/evidence.ts';
import { parseSlice } from '../analyse/alerts/slices.ts';
import type { Db } from './db.ts';
import { list, Sql, sql } from './sql.ts';

/**
 * Every alert query, for the watcher and the web node alike (migration 003_alerts.sql), written for
 * ClickHouse 18.16 and the current engine. Times are epoch ms in TypeScript, epoch seconds in DateTime.
 */

const MINUTE = 60_000;
const sec = (ms: number) => Math.floor(ms / 1000);

// ---- minute counts (the watcher's input) -------------------------------------------------------------

interface CountSqlRow { m?: number | string; topic?: string; cotopic?: string; channel: string; region: string; c: number | string }

const countRow = (r: CountSqlRow): CountRow =>
  ({ ...(r.topic ? { topic: r.topic } : {}), ...(r.cotopic ? { cotopic: r.cotopic } : {}), channel: r.channel, region: r.region, count: Number(r.c) });

/**
 * Pair rows (CountRow.cotopic): messages negative on two topics at once, per pair × channel × region, for
 * grouping by shared evidence (analyse/alerts/shared.ts). No rollup keeps pairs, so they are read from the
 * messages, filtered as topic_minute counts a topic (no noise, no duplicate, aspect ≤ −0.3); only messages
 * with two topics or more are looked at. `range`: the time filter; `m`: the minute expression.
 */
const pairRows = (range: Sql, m: Sql) => sql`
  SELECT ${m} AS m, topic, arrayJoin(arrayFilter(x -> x > topic, neg)) AS cotopic, channel, region, count() AS c
  FROM (
    SELECT ts, channel, region, arrayFilter((t, s) -> s <= -0.3, topics, topic_sentiments) AS neg
    FROM feedback WHERE ${range} AND noise = '' AND dup_of = '' AND length(topics) >= 2
  )
  ARRAY JOIN neg AS topic
  GROUP BY m, topic, cotopic, channel, region`;

/**
 * Negative messages per minute in [fromMs, toMs), as rows for sliceCounts: one row per channel × region
 * from feedback_minute (no topic), one per topic × channel × region from topic_minute. A minute with any
 * message at all is a key of the result (possibly with zero counts); a minute absent held no message.
 * `pairs: false` leaves out the pair rows, which only the engine's grouping reads: learning from history
 * ignores them, and they are the one part read from the messages rather than a rollup.
 */
export async function negativeCountRows(db: Db, fromMs: number, toMs: number, o: { pairs?: boolean } = {}): Promise<Map<number, CountRow[]>> {
  const from = sec(fromMs), to = sec(toMs);
  const [plain, topical, pairs] = await Promise.all([
    db.query<CountSqlRow>(sql`
      SELECT toUnixTimestamp(minute) AS m, channel, region, sum(neg) AS c, sum(n) AS total FROM feedback_minute
      WHERE minute >= toDateTime(${from}) AND minute < toDateTime(${to}) GROUP BY m, channel, region HAVING total > 0`),
    db.query<CountSqlRow>(sql`
      SELECT toUnixTimestamp(minute) AS m, topic, channel, region, sum(neg) AS c FROM topic_minute
      WHERE minute >= toDateTime(${from}) AND minute < toDateTime(${to}) GROUP BY m, topic, channel, region HAVING c > 0`),
    o.pairs === false ? [] : db.query<CountSqlRow>(pairRows(sql`ts >= toDateTime(${from}) AND ts < toDateTime(${to})`, sql`toUnixTimestamp(toStartOfMinute(ts))`))
  ]);
  const out = new Map<number, CountRow[]>();
  for (const r of [...plain, ...topical, ...pairs]) {
    const m = Number(r.m) * 1000;
    const rows = out.get(m) ?? [];
    rows.push(countRow(r));
    out.set(m, rows);
  }
  return out;
}

interface MeasureSqlRow { m: number | string; topic?: string; channel: string; region: string; n: number | string; neg: number | string; s: number | string }
interface ScoreSqlRow { m: number | string; channel: string; region: string; nps_n: number | string; det: number | string; csat_n: number | string; low: number | string }

/**
 * Messages, negatives and the sentiment sum per minute in [fromMs, toMs), for the share and sentiment
 * measures (sliceTotals): rows as negativeCountRows gives, with every total. Topic rows carry the topic's
 * own n and aspect sentiment (topic_minute). Rows without a topic also carry the survey-score totals of
 * their channel × region (score_minute, migration 007).
 */
export async function measureRows(db: Db, fromMs: number, toMs: number): Promise<Map<number, MeasureRow[]>> {
  const from = sec(fromMs), to = sec(toMs);
  const [plain, topical, scores] = await Promise.all([
    db.query<MeasureSqlRow>(sql`
      SELECT toUnixTimestamp(minute) AS m, channel, region, sum(n) AS n, sum(neg) AS neg, sum(sentiment_sum) AS s FROM feedback_minute
      WHERE minute >= toDateTime(${from}) AND minute < toDateTime(${to}) GROUP BY m, channel, region HAVING n > 0`),
    db.query<MeasureSqlRow>(sql`
      SELECT toUnixTimestamp(minute) AS m, topic, channel, region, sum(n) AS n, sum(neg) AS neg, sum(sentiment_sum) AS s FROM topic_minute
      WHERE minute >= toDateTime(${from}) AND minute < toDateTime(${to}) GROUP BY m, topic, channel, region HAVING n > 0`),
    db.query<ScoreSqlRow>(sql`
      SELECT toUnixTimestamp(minute) AS m, channel, region, sum(nps_n) AS nps_n, sum(nps_detractors) AS det, sum(csat_n) AS csat_n, sum(csat_low) AS low FROM score_minute
      WHERE minute >= toDateTime(${from}) AND minute < toDateTime(${to}) GROUP BY m, channel, region`)
  ]);
  const scored = new Map<string, ScoreSqlRow>(scores.map((r) => [`${r.m}|${r.channel}|${r.region}`, r]));
  const out = new Map<number, MeasureRow[]>();
  for (const r of [...plain, ...topical]) {
    const m = Number(r.m) * 1000;
    const rows = out.get(m) ?? [];
    const sc = r.topic ? undefined : scored.get(`${r.m}|${r.channel}|${r.region}`);
    rows.push({
      ...(r.topic ? { topic: r.topic } : {}), channel: r.channel, region: r.region, n: Number(r.n), neg: Number(r.neg), sentimentSum: Number(r.s),
      ...(sc ? { npsN: Number(sc.nps_n), detractors: Number(sc.det), csatN: Number(sc.csat_n), csatLow: Number(sc.low) } : {})
    });
    out.set(m, rows);
  }
  return out;
}

/**
 * Negative messages in a sliding window [fromMs, toMs) of any length (the watcher's 60-s windows between
 * closed minutes), read from the messages themselves by their millisecond timestamp and counted exactly
 * as the minute rollups count them (migration 002: no noise; duplicates apart; a topic counts when its
 * aspect sentiment is ≤ −0.3). Rows as negativeCountRows gives for one minute; null when the window holds
 * no message at all (a gap upstream, not calm). `ts` bounds the read to the window's seconds (the sort key).
 */
export async function negativeWindowRows(db: Db, fromMs: number, toMs: number): Promise<CountRow[] | null> {
  const range = sql`ts >= toDateTime(${sec(fromMs)}) AND ts <= toDateTime(${sec(toMs)}) AND ts_ms >= ${Math.floor(fromMs)} AND ts_ms < ${Math.floor(toMs)} AND noise = ''`;
  const [plain, topical, pairs] = await Promise.all([
    db.query<CountSqlRow & { total: number | string }>(sql`
      SELECT channel, region, countIf(sentiment_label = 'negative' AND dup_of = '') AS c, countIf(dup_of = '') AS total FROM feedback
      WHERE ${range} GROUP BY channel, region HAVING total > 0`),
    db.query<CountSqlRow>(sql`
      SELECT topic, channel, region, countIf(aspect <= -0.3) AS c FROM feedback ARRAY JOIN topics AS topic, topic_sentiments AS aspect
      WHERE ${range} AND dup_of = '' GROUP BY topic, channel, region HAVING c > 0`),
    db.query<CountSqlRow>(pairRows(range, sql`0`))
  ]);
  if (plain.length === 0) return null;
  return [...plain, ...topical, ...pairs].map(countRow);
}

/** Newest minute with any stored message (epoch ms), or null: the pipeline's watermark. */
export async function newestMinute(db: Db, sinceMs: number): Promise<number | null> {
  const [row] = await db.query<{ m: number | string; n: number | string }>(sql`
    SELECT toUnixTimestamp(max(minute)) AS m, count() AS n FROM feedback_minute WHERE minute >= toDateTime(${sec(sinceMs)})`);
  return row && Number(row.n) > 0 ? Number(row.m) * 1000 : null;
}

/** Oldest minute with data in [sinceMs, …), or null. */
export async function oldestMinute(db: Db, sinceMs: number): Promise<number | null> {
  const [row] = await db.query<{ m: number | string; n: number | string }>(sql`
    SELECT toUnixTimestamp(min(minute)) AS m, count() AS n FROM feedback_minute WHERE minute >= toDateTime(${sec(sinceMs)})`);
  return row && Number(row.n) > 0 ? Number(row.m) * 1000 : null;
}

// ---- slices as SQL filters -------------------------------------------------------------------------

/** A topic value or any of its leaves ("app" matches "app.slow"). */
const topicMatch = (col: Sql, topic: string): Sql =>
  sql`(${col} = ${topic} OR substring(${col}, 1, ${topic.length + 1}) = ${topic + '.'})`;

/**
 * Per-minute value of a measure, as the watcher computes it (sentiment oriented: −mean), and the messages
 * it is over (a minute where they sum to 0 has no value). The survey-score measures read score_minute,
 * which has no topic rows. Identifiers from this allow-list only.
 */
const MEASURE_SQL: Record<AlertMetric, { value: string; over?: string; scores?: true }> = {
  neg: { value: 'sum(neg)' }, n: { value: 'sum(n)' }, neg_share: { value: 'sum(neg) / sum(n)', over: 'sum(n)' }, sentiment: { value: '-sum(sentiment_sum) / sum(n)', over: 'sum(n)' },
  detractor_share: { value: 'sum(nps_detractors) / sum(nps_n)', over: 'sum(nps_n)', scores: true },
  csat_low: { value: 'sum(csat_low) / sum(csat_n)', over: 'sum(csat_n)', scores: true },
  // 5-minute measures: the same sums over a 5-minute block, stamped with its last minute as the watcher scores it
  neg_5m: { value: 'sum(neg)' }, neg_share_5m: { value: 'sum(neg) / sum(n)', over: 'sum(n)' }, sentiment_5m: { value: '-sum(sentiment_sum) / sum(n)', over: 'sum(n)' }
};

/** Observed value per minute of one slice (by default the negative count), exactly as the watcher counts it. */
export async function sliceSeries(db: Db, slice: string, fromMs: number, toMs: number, metric: AlertMetric = 'neg'): Promise<{ minute: number; observed: number }[]> {
  const p = parseSlice(slice);
  const q = MEASURE_SQL[metric] ?? MEASURE_SQL.neg;
  // Survey scores are not kept per topic (migration 007): a topic slice has no such series.
  if (q.scores && p.topic) return [];
  const conds: Sql[] = [sql`minute >= toDateTime(${sec(fromMs)})`, sql`minute < toDateTime(${sec(toMs)})`];
  if (p.channel) conds.push(sql`channel = ${p.channel}`);
  if (p.region) conds.push(sql`region = ${p.region}`);
  if (p.topic) conds.push(topicMatch(new Sql('topic'), p.topic));
  const table = new Sql(q.scores ? 'score_minute' : p.topic ? 'topic_minute' : 'feedback_minute');
  const where = new Sql(conds.map((c) => c.text).join(' AND '));
  const rows = await db.query<{ m: number | string; c: number | string }>(sql`
    SELECT ${new Sql(resolutionMin(metric) === 5 ? 'toUnixTimestamp(toStartOfFiveMinute(minute)) + 240' : 'toUnixTimestamp(minute)')} AS m, ${new Sql(q.value)} AS c FROM ${table} WHERE ${where} GROUP BY m ${new Sql(q.over ? `HAVING ${q.over} > 0` : '')} ORDER BY m`);
  return rows.map((r) => ({ minute: Number(r.m) * 1000, observed: Number(r.c) }));
}

interface MessageSqlRow {
  id: string; ts_ms: number | string; text: string; topics: string[]; keywords: string[]; channel: string; region: string;
  app_version: string; customer_id: string; tier: string; sentiment: number;
}

/**
 * Negative messages of one slice in [fromMs, toMs) for evidence (texts are stored PII-redacted). For a
 * topic slice a message counts when its aspect sentiment on that topic is negative, as in topic_minute.
 */
export async function sliceMessages(db: Db, slice: string, fromMs: number, toMs: number, limit = 3000): Promise<{ messages: EvidenceMessage[]; total: number }> {
  const p = parseSlice(slice);
  const conds: Sql[] = [
    sql`ts >= toDateTime(${sec(fromMs)})`, sql`ts < toDateTime(${sec(toMs)})`, sql`noise = ''`, sql`dup_of = ''`
  ];
  if (p.channel) conds.push(sql`channel = ${p.channel}`);
  if (p.region) conds.push(sql`region = ${p.region}`);
  if (p.topic) conds.push(sql`arrayExists((t, s) -> ${topicMatch(new Sql('t'), p.topic)} AND s <= -0.3, topics, topic_sentiments)`);
  else conds.push(sql`sentiment_label = 'negative'`);
  const where = new Sql(conds.map((c) => c.text).join(' AND '));
  const [rows, count] = await Promise.all([
    db.query<MessageSqlRow>(sql`
      SELECT id, ts_ms, text, topics, keywords, channel, region, app_version, customer_id, tier, sentiment
      FROM feedback WHERE ${where} ORDER BY ts_ms DESC LIMIT ${limit}`),
    db.query<{ n: number | string }>(sql`SELECT count() AS n FROM feedback WHERE ${where}`)
  ]);
  return {
    total: Number(count[0]?.n ?? 0),
    messages: rows.map((r) => ({
      id: r.id, ts: Number(r.ts_ms), text: r.text, topics: r.topics, keywords: r.keywords, channel: r.channel, region: r.region,
      app_version: r.app_version, customer: r.customer_id, tier: r.tier, sentiment: Number(r.sentiment)
    }))
  };
}

// ---- the alert log and snapshots -------------------------------------------------------------------

interface EventSqlRow { alert_id: string; at_ms: number | string; type: string; actor: string; note: string; severity: string; until_ms: number | string }

export async function appendAlertEvents(db: Db, events: readonly AlertEvent[]): Promise<void> {
  await db.insert('alert_events', events.map((e) => ({
    alert_id: e.alertId, at: sec(e.at), at_ms: e.at, type: e.type, actor: e.actor, note: e.note ?? '', severity: e.severity ?? '', until_ms: e.until ?? 0
  })));
}

const fromEventRow = (r: EventSqlRow): AlertEvent => {
  const e: AlertEvent = { alertId: r.alert_id, at: Number(r.at_ms), type: r.type as AlertEventType, actor: r.actor };
  if (r.note) e.note = r.note;
  if (r.severity) e.severity = r.severity as AlertSeverity;
  if (Number(r.until_ms) > 0) e.until = Number(r.until_ms);
  return e;
};

/** The log of some alerts, oldest first, exact repeats (a retried write) dropped. */
export async function alertEvents(db: Db, alertIds: readonly string[]): Promise<AlertEvent[]> {
  if (alertIds.length === 0) return [];
  const rows = await db.query<EventSqlRow>(sql`
    SELECT alert_id, at_ms, type, actor, note, severity, until_ms FROM alert_events WHERE alert_id IN ${list(alertIds)}
    ORDER BY alert_id, at_ms`);
  const seen = new Set<string>();
  const out: AlertEvent[] = [];
  for (const r of rows) {
    const key = `${r.alert_id}\u0000${r.at_ms}\u0000${r.type}\u0000${r.actor}\u0000${r.note}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(fromEventRow(r));
  }
  return out;
}

/** Writes the current picture of each alert; `version` must grow with every write of one alert. */
export async function writeAlertSnapshots(db: Db, alerts: readonly Alert[], version: number): Promise<void> {
  await db.insert('alert_snapshots', alerts.map((a) => ({
    alert_id: a.id, version, started_at: sec(a.stats.startedAt), updated_at: sec(Date.now()), status: a.state.status,
    severity: a.severity, slice: a.slice, alert: JSON.stringify(a)
  })));
}

/**
 * Alerts not resolved, and those resolved since `resolvedSinceMs`, newest picture of each. Only alerts
 * started after `startedSinceMs` are looked at (partition pruning).
 */
export async function currentAlerts(db: Db, startedSinceMs: number, resolvedSinceMs: number): Promise<Alert[]> {
  const rows = await db.query<{ alert: string }>(sql`
    SELECT alert_id, argMax(alert, version) AS alert, argMax(status, version) AS st, max(updated_at) AS up
    FROM alert_snapshots WHERE started_at >= toDateTime(${sec(startedSinceMs)})
    GROUP BY alert_id HAVING st != 'resolved' OR up >= toDateTime(${sec(resolvedSinceMs)})`);
  return rows.map((r) => JSON.parse(r.alert) as Alert);
}

export async function findAlert(db: Db, id: string): Promise<Alert | null> {
  const [row] = await db.query<{ alert: string }>(sql`
    SELECT argMax(alert, version) AS alert FROM alert_snapshots WHERE alert_id = ${id} GROUP BY alert_id`);
  return row ? (JSON.parse(row.alert) as Alert) : null;
}

// ---- readings for the drill-down ------------------------------------------------------------------

export async function writeReadings(db: Db, rows: readonly { alertId: string; minute: number; reading: SliceReading }[]): Promise<void> {
  await db.insert('alert_readings', rows.map(({ alertId, minute, reading: r }) => ({
    alert_id: alertId, slice: r.slice, minute: sec(minute), observed: r.observed, expected: r.expected, lower: r.lower, upper: r.upper
  })));
}

export interface StoredReading { slice: string; minute: number; observed: number; expected: number; lower: number; upper: number }

export async function alertReadings(db: Db, alertId: string, slice: string): Promise<StoredReading[]> {
  const rows = await db.query<{ m: number | string; observed: number; expected: number; lower: number; upper: number }>(sql`
    SELECT toUnixTimestamp(minute) AS m, any(observed) AS observed, any(expected) AS expected, any(lower) AS lower, any(upper) AS upper
    FROM alert_readings WHERE alert_id = ${alertId} AND slice = ${slice} GROUP BY m ORDER BY m`);
  return rows.map((r) => ({ slice, minute: Number(r.m) * 1000, observed: Number(r.observed), expected: Number(r.expected), lower: Number(r.lower), upper: Number(r.upper) }));
}

export { MINUTE as ALERT_MINUTE_MS };
