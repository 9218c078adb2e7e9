import { topKeywords } from '../../../streaming/enrich/keywords.ts';
import { isLoneHan } from '../../../streaming/enrich/stopwords.ts';
import { findEmergingTopics, trackCandidates } from '../../../streaming/analyse/emerging.ts';
import type { Db } from '../../../streaming/store/db.ts';
import {
  chooseBaseline,
  exampleTexts,
  insertEmerging,
  keywordWindows,
  knownCandidates,
  messagesWithPhrases,
  windowDocs,
  type BaselineKind,
  type EmergingRow,
  type WindowSpec
} from './topic-queries.ts';

/**
 * One run of emerging-topic detection: ClickHouse counts → surging phrases grouped into candidates
 * (streaming/analyse/emerging.ts) → identity carried from earlier runs → one history row per candidate.
 */

export interface EmergingJobOptions {
  windowMinutes: number;
  baselineDays?: number;
  /** a phrase must reach this share of the window's messages (and at least 5 of them) */
  minShare?: number;
  minRatio?: number;
  minG2?: number;
  /** phrases the taxonomy already covers */
  covered?: (phrase: string) => boolean;
  /**
   * Find and store candidates (default). Only one web node does, or each would write its own history
   * row per run; the others only read what it stored.
   */
  detect?: boolean;
}

export interface EmergingRun {
  spec: WindowSpec;
  baseline: BaselineKind;
  windowDocs: number;
  baselineDocs: number;
  rows: EmergingRow[];
}

const MAX_PHRASES = 60;
/**
 * ≈ p < 1e-5. Each run tests every phrase in 5+ messages — hundreds to thousands — every minute, so
 * p < 0.001 (10.83) lets a few chance bigrams through per day: on simulated hours with incidents,
 * "说真的打开" (7 messages, G² 12) and "omg一位" (5, G² 16) emerged at 10.83 and none at 20, while a
 * 30-message new complaint scores about 60.
 */
export const MIN_G2 = 20;
// A candidate unseen this long starts a new history when it comes back.
const REMEMBER_S = 6 * 3600;

export async function runEmerging(db: Db, nowMs: number, opts: EmergingJobOptions): Promise<EmergingRun> {
  const { windowMinutes, baselineDays = 7, minShare = 0.0005, minRatio = 3, minG2 = MIN_G2, covered } = opts;
  const spec: WindowSpec = { endS: Math.floor(nowMs / 1000), minutes: windowMinutes, baselineDays };
  const docs = await windowDocs(db, spec);
  const baseline = chooseBaseline(spec, docs);
  const run: EmergingRun = { spec, baseline: baseline.kind, windowDocs: docs.window, baselineDocs: baseline.docs, rows: [] };
  if (opts.detect === false || docs.window === 0 || baseline.docs === 0) return run;

  // At 20 messages/s an hour holds 72,000 messages: five mentions of a typo are not a topic.
  const minCount = Math.max(5, Math.ceil(docs.window * minShare));
  const windows = await keywordWindows(db, spec, baseline, docs.window, minCount);
  const thresholds = { minCount, minRatio, minG2 };
  // A lone Han character ("生", "款") is a fragment of words, not a term a taxonomy could match on.
  const ignore = isLoneHan;
  const phrases = topKeywords(windows.window, windows.baseline, { ...thresholds, max: Number.MAX_SAFE_INTEGER })
    .filter((k) => !ignore(k.keyword))
    .slice(0, MAX_PHRASES)
    .map((k) => k.keyword);
  if (phrases.length === 0) return run;
  const messages = await messagesWithPhrases(db, spec, phrases);
  const clusters = findEmergingTopics({ ...windows, messages }, { ...thresholds, maxPhrases: MAX_PHRASES, ignore, covered });
  if (clusters.length === 0) return run;

  const known = await knownCandidates(db, spec.endS - REMEMBER_S);
  const tracked = trackCandidates(clusters, known, nowMs);
  const texts = await exampleTexts(db, spec, clusters.flatMap((c) => c.examples));
  run.rows = tracked.map(({ id, firstSeen, cluster: c }) => {
    const examples = c.examples.map((e) => texts.get(e)).filter((e) => e !== undefined);
    return {
      id,
      observed_at: spec.endS,
      first_seen: Math.floor(firstSeen / 1000),
      window_minutes: windowMinutes,
      baseline_kind: baseline.kind,
      label: c.label,
      phrases: c.phrases,
      related: c.related,
      terms_zh: c.terms.zh,
      terms_en: c.terms.en,
      messages: c.count,
      window_docs: docs.window,
      baseline_messages: c.baselineCount,
      baseline_docs: baseline.docs,
      ratio: round3(c.ratio),
      g2: round3(c.g2),
      suggested_parent: c.suggestedParent ?? '',
      example_ids: examples.map((e) => e.id),
      example_texts: examples.map((e) => e.text),
      example_langs: examples.map((e) => e.lang),
      example_ts: examples.map((e) => e.ts)
    };
  });
  await insertEmerging(db, run.rows);
  return run;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
