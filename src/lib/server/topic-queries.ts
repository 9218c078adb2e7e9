import type { Lang } from '../../../schemas/feedback.ts';
import type { EmergingTopic, TopicKeywords } from '../../../schemas/topics.ts';
import { growthRatio, specificKeywords, type KeywordWindow } from '../../../streaming/enrich/keywords.ts';
import type { KeywordedMessage } from '../../../streaming/analyse/emerging.ts';
import type { Db } from '../../../streaming/store/db.ts';
import { list, sql, type Sql } from '../../../streaming/store/sql.ts';

/**
 * Every query behind keywords per (topic, window) and emerging topics; each runs on ClickHouse 18.16 and
 * the current engine (tests/integration/topic-queries.test.ts). Counts are of messages ("documents"):
 * a message's keywords are distinct (streaming/enrich/keywords.ts), so counting array-joined rows
 * counts messages. Noise and near-duplicate copies are left out, as in the rollups: a copy-pasted
 * campaign is one voice, not a surge.
 *
 * The baseline a window is compared with:
 * - 'same-hours': the window's hours ±1 h on each of the previous `baselineDays` days. Vocabulary follows
 *   the daily rhythm (breakfast at 8, "tonight" in the evening); comparing an evening hour with whole days
 *   would make every evening word "surge".
 * - 'previous-days': everything in the `baselineDays` days before the window, when the same hours hold too
 *   little history (a fresh install), or for windows too long for a band.
 * Bands are 24-hour periods back from the window's end, so they need no time zone.
 */

export type BaselineKind = 'same-hours' | 'previous-days';

export interface WindowSpec {
  /** window end, epoch seconds (exclusive) */
  endS: number;
  minutes: number;
  baselineDays: number;
}

const DAY = 86_400;
/** how far the same-hours band reaches beyond the window on each side */
export const BAND_MARGIN_S = 3600;
/** the same-hours band is used when it holds at least this many messages */
export const MIN_BAND_DOCS = 1000;
const CLEAN = sql`noise = '' AND dup_of = ''`;

const startOf = (w: WindowSpec) => w.endS - w.minutes * 60;
const lowest = (w: WindowSpec) => startOf(w) - w.baselineDays * DAY - BAND_MARGIN_S;
const bandFits = (w: WindowSpec) => w.minutes * 60 + 2 * BAND_MARGIN_S < DAY;

function inWindow(w: WindowSpec): Sql {
  return sql`(ts >= toDateTime(${startOf(w)}) AND ts < toDateTime(${w.endS}))`;
}

function inBaseline(w: WindowSpec, kind: BaselineKind): Sql {
  if (kind === 'previous-days' || !bandFits(w)) {
    return sql`(ts >= toDateTime(${startOf(w) - w.baselineDays * DAY}) AND ts < toDateTime(${startOf(w)}))`;
  }
  // (end + margin - t) mod 1 day falls within [0, window + 2 margins) on the same hours of every day;
  // the first bound keeps today's hours before the window out.
  return sql`(ts >= toDateTime(${lowest(w)}) AND ts < toDateTime(${w.endS - DAY + BAND_MARGIN_S})
    AND ((${w.endS + BAND_MARGIN_S} - toUnixTimestamp(ts)) % ${DAY}) < ${w.minutes * 60 + 2 * BAND_MARGIN_S})`;
}

function inRange(w: WindowSpec): Sql {
  return sql`ts >= toDateTime(${lowest(w)}) AND ts < toDateTime(${w.endS}) AND ${CLEAN}`;
}

export interface WindowDocs {
  window: number;
  sameHours: number;
  previousDays: number;
}

export async function windowDocs(db: Db, w: WindowSpec): Promise<WindowDocs> {
  const [row] = await db.query<Record<'w' | 'sh' | 'pd', number | string>>(sql`
    SELECT countIf(${inWindow(w)}) AS w, countIf(${inBaseline(w, 'same-hours')}) AS sh, countIf(${inBaseline(w, 'previous-days')}) AS pd
    FROM feedback WHERE ${inRange(w)}`);
  return { window: Number(row?.w ?? 0), sameHours: Number(row?.sh ?? 0), previousDays: Number(row?.pd ?? 0) };
}

export function chooseBaseline(w: WindowSpec, docs: WindowDocs, minBandDocs = MIN_BAND_DOCS): { kind: BaselineKind; docs: number } {
  return bandFits(w) && docs.sameHours >= minBandDocs ? { kind: 'same-hours', docs: docs.sameHours } : { kind: 'previous-days', docs: docs.previousDays };
}

/**
 * Document frequencies of the keywords seen in at least `minCount` window messages, in the window and in
 * the baseline (only those keywords: the rest cannot surge).
 */
export async function keywordWindows(
  db: Db,
  w: WindowSpec,
  baseline: { kind: BaselineKind; docs: number },
  windowDocsN: number,
  minCount: number
): Promise<{ window: KeywordWindow; baseline: KeywordWindow }> {
  const win = inWindow(w);
  const base = inBaseline(w, baseline.kind);
  const rows = await db.query<{ kw: string; w: number | string; b: number | string }>(sql`
    SELECT kw, countIf(${win}) AS w, countIf(${base}) AS b
    FROM feedback ARRAY JOIN keywords AS kw
    WHERE ${inRange(w)} AND (${win} OR ${base})
    GROUP BY kw HAVING w >= ${minCount}`);
  const window: KeywordWindow = { counts: new Map(), docs: windowDocsN };
  const base2: KeywordWindow = { counts: new Map(), docs: baseline.docs };
  for (const r of rows) {
    window.counts.set(r.kw, Number(r.w));
    base2.counts.set(r.kw, Number(r.b));
  }
  return { window, baseline: base2 };
}

/** The window's messages that mention any of `phrases`, with only those keywords, for co-occurrence. */
export async function messagesWithPhrases(db: Db, w: WindowSpec, phrases: readonly string[], limit = 20_000): Promise<KeywordedMessage[]> {
  if (phrases.length === 0) return [];
  const rows = await db.query<{ id: string; kws: string[]; topics: string[] }>(sql`
    SELECT id, arrayFilter(k -> has(${phrases}, k), keywords) AS kws, topics
    FROM feedback
    WHERE ${inWindow(w)} AND ${CLEAN} AND arrayExists(k -> has(${phrases}, k), keywords)
    ORDER BY ts DESC, id LIMIT ${limit}`);
  return rows.map((r) => ({ id: r.id, keywords: r.kws, topics: r.topics }));
}

export interface ExampleRow {
  id: string;
  text: string;
  lang: Lang;
  ts: number;
}

/** Texts of window messages by id (PII was redacted before storage), cut for display. */
export async function exampleTexts(db: Db, w: WindowSpec, ids: readonly string[], maxChars = 280): Promise<Map<string, ExampleRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: string; text: string; lang: Lang; ts_ms: number | string }>(sql`
    SELECT id, substringUTF8(text, 1, ${maxChars}) AS text, lang, ts_ms
    FROM feedback WHERE ${inWindow(w)} AND id IN ${list(ids)}`);
  return new Map(rows.map((r) => [r.id, { id: r.id, text: r.text, lang: r.lang, ts: Number(r.ts_ms) }]));
}

/**
 * The keywords most specific to each topic in the window (specificKeywords: not the words every topic
 * shares), most frequent first, with their growth against the topic's own baseline (a keyword rising
 * inside a topic is the "why" of a topic spike). `topic` narrows to one leaf.
 */
export async function topicKeywords(
  db: Db,
  w: WindowSpec,
  kind: BaselineKind,
  opts: { topic?: string; perTopic?: number; minCount?: number } = {}
): Promise<TopicKeywords[]> {
  const { topic, perTopic = 20, minCount = 2 } = opts;
  const win = inWindow(w);
  const base = inBaseline(w, kind);
  const only = topic === undefined ? sql`1` : sql`has(topics, ${topic})`;
  const onlyTopic = topic === undefined ? sql`1` : sql`topic = ${topic}`;
  // The most frequent words of a topic are the candidates; how specific each is needs its count in the
  // whole window.
  const candidates = perTopic * CANDIDATES_PER_KEYWORD;
  const [docs, words] = await Promise.all([
    db.query<{ topic: string; w: number | string; b: number | string }>(sql`
      SELECT arrayJoin(topics) AS topic, countIf(${win}) AS w, countIf(${base}) AS b
      FROM feedback WHERE ${inRange(w)} AND (${win} OR ${base}) AND ${only}
      GROUP BY topic HAVING w > 0 AND ${onlyTopic}`),
    db.query<{ topic: string; kw: string; w: number | string; b: number | string }>(sql`
      SELECT arrayJoin(topics) AS topic, arrayJoin(keywords) AS kw, countIf(${win}) AS w, countIf(${base}) AS b
      FROM feedback WHERE ${inRange(w)} AND (${win} OR ${base}) AND ${only}
      GROUP BY topic, kw HAVING w >= ${minCount} AND ${onlyTopic}
      ORDER BY topic, w DESC, kw LIMIT ${candidates} BY topic`)
  ]);
  const seen = [...new Set(words.map((r) => r.kw))];
  const [totals, overall] = seen.length
    ? await Promise.all([
        db.query<{ n: number | string }>(sql`SELECT count() AS n FROM feedback WHERE ${win} AND ${CLEAN}`),
        db.query<{ kw: string; c: number | string }>(sql`
          SELECT kw, count() AS c FROM feedback ARRAY JOIN keywords AS kw
          WHERE ${win} AND ${CLEAN} AND has(${seen}, kw) GROUP BY kw`)
      ])
    : [[], []];
  const allDocs = Number(totals[0]?.n ?? 0);
  const allCounts = new Map(overall.map((r) => [r.kw, Number(r.c)]));
  const byTopic = new Map<string, TopicKeywords & { baseDocs: number }>();
  for (const d of docs) byTopic.set(d.topic, { topic: d.topic, n: Number(d.w), baseDocs: Number(d.b), keywords: [] });
  for (const r of words) {
    const t = byTopic.get(r.topic);
    if (!t) continue;
    t.keywords.push({ keyword: r.kw, count: Number(r.w), ratio: round2(growthRatio(Number(r.w), t.n, Number(r.b), t.baseDocs)) });
  }
  return [...byTopic.values()]
    .sort((a, b) => b.n - a.n || (a.topic < b.topic ? -1 : 1))
    .map(({ topic: id, n, keywords }) => ({ topic: id, n, keywords: specificKeywords(keywords, n, allCounts, allDocs, perTopic) }));
}

/** Candidates read per keyword shown: enough that a topic's own words are among them under the shared ones. */
const CANDIDATES_PER_KEYWORD = 4;

const round2 = (x: number) => Math.round(x * 100) / 100;

// ---------------------------------------------------------------------------------------------------------
// Stored candidates (migrations/006_emerging.sql)

export interface EmergingRow {
  id: string;
  observed_at: number;
  first_seen: number;
  window_minutes: number;
  baseline_kind: BaselineKind;
  label: string;
  phrases: string[];
  related: string[];
  terms_zh: string[];
  terms_en: string[];
  messages: number;
  window_docs: number;
  baseline_messages: number;
  baseline_docs: number;
  ratio: number;
  g2: number;
  suggested_parent: string;
  example_ids: string[];
  example_texts: string[];
  example_langs: string[];
  example_ts: number[];
}

export async function insertEmerging(db: Db, rows: readonly EmergingRow[]): Promise<void> {
  await db.insert('emerging_topics', rows);
}

/** How long the page lists a candidate after its surge faded. */
export const EMERGING_LIST_HOURS = 24;

/** A candidate counts as active while the last few runs saw it (epoch seconds). */
export const activeSince = (nowMs: number, periodMs: number): number => Math.floor((nowMs - Math.max(180_000, 3 * periodMs)) / 1000);

export interface KnownRow {
  id: string;
  firstSeen: number;
  lastSeen: number;
  phrases: string[];
}

/** Candidates seen since `sinceS`, for carrying identity to the next run (epoch ms). */
export async function knownCandidates(db: Db, sinceS: number): Promise<KnownRow[]> {
  const rows = await db.query<{ id: string; fs: number | string; ls: number | string; ph: string[] }>(sql`
    SELECT id, toUnixTimestamp(min(first_seen)) AS fs, toUnixTimestamp(max(observed_at)) AS ls, argMax(phrases, observed_at) AS ph
    FROM emerging_topics WHERE observed_at >= toDateTime(${sinceS}) GROUP BY id`);
  return rows.map((r) => ({ id: r.id, firstSeen: Number(r.fs) * 1000, lastSeen: Number(r.ls) * 1000, phrases: r.ph }));
}

interface ListRow {
  id: string;
  fs: number | string;
  ls: number | string;
  l_label: string;
  l_phrases: string[];
  l_related: string[];
  l_zh: string[];
  l_en: string[];
  l_messages: number | string;
  l_wdocs: number | string;
  l_bmessages: number | string;
  l_bdocs: number | string;
  l_ratio: number | string;
  l_g2: number | string;
  peak: number | string;
  l_parent: string;
  l_ex_ids: string[];
  l_ex_texts: string[];
  l_ex_langs: string[];
  l_ex_ts: (number | string)[];
}

/**
 * Candidates seen since `sinceS`, each as its latest observation; `active` when seen at or after
 * `activeSinceS`. Active ones first, strongest first.
 */
export async function listEmerging(db: Db, sinceS: number, activeSinceS: number, limit = 50): Promise<EmergingTopic[]> {
  const rows = await db.query<ListRow>(sql`
    SELECT id,
      toUnixTimestamp(min(first_seen)) AS fs, toUnixTimestamp(max(observed_at)) AS ls,
      argMax(label, observed_at) AS l_label, argMax(phrases, observed_at) AS l_phrases,
      argMax(related, observed_at) AS l_related, argMax(terms_zh, observed_at) AS l_zh, argMax(terms_en, observed_at) AS l_en,
      argMax(messages, observed_at) AS l_messages, argMax(window_docs, observed_at) AS l_wdocs,
      argMax(baseline_messages, observed_at) AS l_bmessages, argMax(baseline_docs, observed_at) AS l_bdocs,
      argMax(ratio, observed_at) AS l_ratio, argMax(g2, observed_at) AS l_g2, max(g2) AS peak,
      argMax(suggested_parent, observed_at) AS l_parent,
      argMax(example_ids, observed_at) AS l_ex_ids, argMax(example_texts, observed_at) AS l_ex_texts,
      argMax(example_langs, observed_at) AS l_ex_langs, argMax(example_ts, observed_at) AS l_ex_ts
    FROM emerging_topics WHERE observed_at >= toDateTime(${sinceS})
    GROUP BY id ORDER BY ls DESC, l_g2 DESC LIMIT ${limit}`);
  return rows
    .map((r): EmergingTopic => ({
      id: r.id,
      label: r.l_label,
      phrases: r.l_phrases,
      related: r.l_related,
      terms: { zh: r.l_zh, en: r.l_en },
      count: Number(r.l_messages),
      windowDocs: Number(r.l_wdocs),
      baselineCount: Number(r.l_bmessages),
      baselineDocs: Number(r.l_bdocs),
      ratio: Number(r.l_ratio),
      g2: Number(r.l_g2),
      peakG2: Number(r.peak),
      suggestedParent: r.l_parent || null,
      examples: r.l_ex_ids.map((id, i) => ({ id, text: r.l_ex_texts[i] ?? '', lang: (r.l_ex_langs[i] ?? 'other') as Lang, ts: Number(r.l_ex_ts[i] ?? 0) })),
      firstSeen: Number(r.fs) * 1000,
      lastSeen: Number(r.ls) * 1000,
      active: Number(r.ls) >= activeSinceS
    }))
    .sort((a, b) => Number(b.active) - Number(a.active) || b.g2 - a.g2);
}
