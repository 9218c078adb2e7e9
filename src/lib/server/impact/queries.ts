import type { LaunchScope } from '../../../../schemas/plans.ts';
import type { PraiseExample } from '../../../../schemas/impact.ts';
import type { Db } from '../../../../streaming/store/db.ts';
import { list, sql } from '../../../../streaming/store/sql.ts';
import { fitsRollup, insideCondition, leafTopics } from './scope.ts';

/**
 * The impact view's reads. Aspect sentiment labels follow the topic rollup (streaming/enrich: |score| ≥
 * 0.3), so a "complaint about app.slow" means the same here, on the wall and in the alerts. Noise and
 * near-duplicate copies are left out of the series, as in the rollups.
 */

export const HOUR_MS = 3_600_000;
const NEG = -0.3;
const POS = 0.3;

export interface HourRow {
  /** start of the hour, epoch ms */
  t: number;
  /** 1 inside the pilot slices (or everywhere), 0 in the control slices */
  inside: 0 | 1;
  n: number;
  neg: number;
  pos: number;
  sentimentSum: number;
}

export interface TopicWindow {
  topics: readonly string[];
  scope: LaunchScope;
  /** epoch ms, inclusive */
  from: number;
  /** epoch ms, exclusive */
  to: number;
}

const sec = (ms: number) => Math.floor(ms / 1000);

/**
 * Praise: positive about the topic AND positive as a whole. The aspect score alone sometimes reads a
 * complaint ("images still loading, hope you fix it") as praise, and then a fix that removes the
 * complaints would seem to remove praise too. The rollup has no overall label, so this reads the
 * feedback table (positive messages only, a small share of it).
 */
const PRAISE = sql`aspect >= ${POS} AND sentiment_label = 'positive'`;

type Row = { h: number | string; inside: number | string; n: number | string; neg: number | string; pos: number | string; s: number | string };

const toHour = (r: Row): HourRow => ({
  t: Number(r.h) * 1000,
  inside: (Number(r.inside) ? 1 : 0) as 0 | 1,
  n: Number(r.n),
  neg: Number(r.neg),
  pos: Number(r.pos),
  sentimentSum: Number(r.s)
});

async function praiseHours(db: Db, w: TopicWindow): Promise<Map<string, number>> {
  const rows = await db.query<{ h: number | string; inside: number | string; pos: number | string }>(sql`
    SELECT toUnixTimestamp(toStartOfHour(ts)) AS h, ${insideCondition(w.scope, 'feedback')} AS inside, count() AS pos
    FROM feedback
    ARRAY JOIN topics AS topic, topic_sentiments AS aspect
    WHERE ts >= toDateTime(${sec(w.from)}) AND ts < toDateTime(${sec(w.to)}) AND sentiment_label = 'positive'
      AND noise = '' AND dup_of = '' AND topic IN ${list(leafTopics(w.topics))} AND ${PRAISE}
    GROUP BY h, inside`);
  return new Map(rows.map((r) => [`${Number(r.h) * 1000}:${Number(r.inside) ? 1 : 0}`, Number(r.pos)]));
}

/**
 * Hourly message, complaint and praise counts of the topics, split into inside / outside the pilot.
 * Regions and channels are read from the minute rollup; other pilot slices from the feedback table
 * (same filters as the rollup's view).
 */
export async function topicHours(db: Db, w: TopicWindow): Promise<HourRow[]> {
  const topics = list(leafTopics(w.topics));
  const from = sec(w.from);
  const to = sec(w.to);
  let rows: HourRow[];
  if (fitsRollup(w.scope)) {
    const [counts, praise] = await Promise.all([
      db.query<Row>(sql`
        SELECT toUnixTimestamp(toStartOfHour(minute)) AS h, ${insideCondition(w.scope, 'topic_minute')} AS inside,
          sum(n) AS n, sum(neg) AS neg, 0 AS pos, sum(sentiment_sum) AS s
        FROM topic_minute
        WHERE minute >= toDateTime(${from}) AND minute < toDateTime(${to}) AND topic IN ${topics}
        GROUP BY h, inside`),
      praiseHours(db, w)
    ]);
    rows = counts.map(toHour).map((r) => ({ ...r, pos: praise.get(`${r.t}:${r.inside}`) ?? 0 }));
  } else {
    rows = (
      await db.query<Row>(sql`
        SELECT toUnixTimestamp(toStartOfHour(ts)) AS h, ${insideCondition(w.scope, 'feedback')} AS inside,
          count() AS n, countIf(aspect <= ${NEG}) AS neg, countIf(${PRAISE}) AS pos, sum(toFloat64(aspect)) AS s
        FROM feedback
        ARRAY JOIN topics AS topic, topic_sentiments AS aspect
        WHERE ts >= toDateTime(${from}) AND ts < toDateTime(${to}) AND noise = '' AND dup_of = '' AND topic IN ${topics}
        GROUP BY h, inside`)
    ).map(toHour);
  }
  return rows.sort((a, b) => a.t - b.t || a.inside - b.inside);
}

/** The first minute anything was stored (epoch ms), or null: hours before it are unknown, not zero. */
export async function firstDataAt(db: Db): Promise<number | null> {
  const [row] = await db.query<{ m: number | string; c: number | string }>(
    sql`SELECT toUnixTimestamp(min(minute)) AS m, count() AS c FROM feedback_minute`
  );
  return row && Number(row.c) > 0 ? Number(row.m) * 1000 : null;
}

/** The latest minute stored (epoch ms), or null. */
export async function lastDataAt(db: Db): Promise<number | null> {
  const [row] = await db.query<{ m: number | string; c: number | string }>(
    sql`SELECT toUnixTimestamp(max(minute)) AS m, count() AS c FROM feedback_minute`
  );
  return row && Number(row.c) > 0 ? Number(row.m) * 1000 : null;
}

/** The most positive messages about the topics in the window (inside the pilot): the praise for the fix. */
export async function praiseExamples(db: Db, w: TopicWindow, limit = 3): Promise<PraiseExample[]> {
  const rows = await db.query<{ id: string; ts: number | string; lang: string; text: string; topic: string }>(sql`
    SELECT id, toUnixTimestamp(ts) AS ts, lang, text, topic
    FROM feedback
    ARRAY JOIN topics AS topic, topic_sentiments AS aspect
    WHERE ts >= toDateTime(${sec(w.from)}) AND ts < toDateTime(${sec(w.to)}) AND noise = '' AND dup_of = ''
      AND topic IN ${list(leafTopics(w.topics))} AND ${PRAISE} AND ${insideCondition(w.scope, 'feedback')}
    ORDER BY aspect DESC, ts DESC, id
    LIMIT ${limit * 4}`);
  // A message about two of the topics comes back once per topic.
  const seen = new Set<string>();
  const out: PraiseExample[] = [];
  for (const r of rows) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    out.push({ id: r.id, ts: Number(r.ts) * 1000, lang: r.lang, text: r.text, topic: r.topic });
    if (out.length === limit) break;
  }
  return out;
}

function complaintsWhere(w: TopicWindow) {
  return sql`ts >= toDateTime(${sec(w.from)}) AND ts < toDateTime(${sec(w.to)}) AND noise = '' AND customer_id != ''
      AND topic IN ${list(leafTopics(w.topics))} AND aspect <= ${NEG} AND ${insideCondition(w.scope, 'feedback')}`;
}

/**
 * Customer ids (only ids) of everyone who complained about the topics in the window, inside the pilot
 * for a pilot, sorted. Copies of a campaign count: the customer still wrote it. Noise does not.
 */
export async function complainingCustomers(db: Db, w: TopicWindow): Promise<string[]> {
  const rows = await db.query<{ c: string }>(sql`
    SELECT DISTINCT customer_id AS c
    FROM feedback
    ARRAY JOIN topics AS topic, topic_sentiments AS aspect
    WHERE ${complaintsWhere(w)}
    ORDER BY c`);
  return rows.map((r) => r.c);
}

export async function countComplainingCustomers(db: Db, w: TopicWindow): Promise<number> {
  const [row] = await db.query<{ c: number | string }>(sql`
    SELECT uniqExact(customer_id) AS c
    FROM feedback
    ARRAY JOIN topics AS topic, topic_sentiments AS aspect
    WHERE ${complaintsWhere(w)}`);
  return Number(row?.c ?? 0);
}
