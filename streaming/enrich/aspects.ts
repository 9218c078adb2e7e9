import type { Lang } from '../../schemas/feedback.ts';
import type { Tokens } from './tokens.ts';
import { matchTopicSpans, segmentClauses, type Clause, type TopicSpan } from './topics.ts';

/**
 * Aspect sentiment: one score per topic, from the clauses that mention it, so "送餐很快，但是菜是凉的"
 * gives delivery a positive and food temperature a negative score instead of one blurred average.
 *
 * The sentiment model is injected as `score` (the pipeline passes its scoreSentiment), which keeps this
 * step independent of how sentiment is computed. Clause tokens are slices of the message's tokens —
 * tokens are in text order — so nothing is tokenised twice.
 */
export type ClauseScorer = (clauseText: string, clauseTokens: Tokens) => number;

/**
 * Scores in the same order as `topics`. A topic with no mention found in the text (e.g. assigned by a
 * rule upstream) gets the whole message's score.
 *
 * A topic's clause is scored together with the short topic-less clauses that follow it in the same
 * sentence: the opinion on a topic is often a subject-less follow-up ("客服主动回电确认，很负责",
 * "Customer support followed up the next day, very thoughtful"), and the topic clause alone carries
 * only service words that lean negative in reviews. A following clause that mentions any topic, starts
 * a new sentence, is long, or has its own first/second-person subject ("我们…", "I …") is not attached, so
 * one topic's verdict does not leak into another's. Attribute topics (ATTRIBUTE_TOPICS) do not stop the
 * attachment: "很细心", "so polite" name the manner of whoever the clause before named, so they are that
 * topic's verdict too (the attribute topic keeps its own score from its own clause).
 */
export function aspectSentiments(
  text: string,
  lang: Lang,
  tokens: Tokens,
  topics: string[],
  score: ClauseScorer,
  spans: TopicSpan[] = matchTopicSpans(text, lang, tokens)
): number[] {
  if (topics.length === 0) return [];
  const { clauses, clauseOfToken } = segmentClauses(text, lang, tokens, true);
  // Scratch arrays shared across calls (a typed array costs more to allocate than this whole loop);
  // only [0, clauses.length) is read, and reset here. The scorer never calls back into this function.
  if (withTopicScratch.length < clauses.length) {
    withTopicScratch = new Uint8Array(clauses.length * 2);
    clauseScoresScratch = new Float64Array(clauses.length * 2);
  }
  const withTopic = withTopicScratch;
  withTopic.fill(0, 0, clauses.length);
  for (const s of spans) if (s.start < clauseOfToken.length && !ATTRIBUTE_TOPICS.has(s.topic)) withTopic[clauseOfToken[s.start]] = 1;
  // Each clause is scored at most once, however many topics it mentions (NaN = not scored yet).
  const clauseScores = clauseScoresScratch;
  clauseScores.fill(NaN, 0, clauses.length);
  const mentioned: number[] = [];
  let whole: number | undefined;
  const out: number[] = [];
  for (const topic of topics) {
    mentioned.length = 0;
    for (const s of spans) {
      if (s.topic !== topic || s.start >= clauseOfToken.length) continue;
      const c = clauseOfToken[s.start];
      if (!mentioned.includes(c)) mentioned.push(c);
    }
    if (mentioned.length === 0) {
      out.push((whole ??= score(text, tokens)));
      continue;
    }
    let sum = 0;
    for (const c of mentioned) {
      if (Number.isNaN(clauseScores[c])) {
        const last = followUpEnd(text, lang, clauses, withTopic, c);
        const { start, charStart } = clauses[c];
        const { end, charEnd } = clauses[last];
        const words = tokens.words.slice(start, end);
        // Chinese tokens are their own lemmas (one array): one slice serves both, as in the message.
        const lemmas = tokens.lemmas === tokens.words ? words : tokens.lemmas.slice(start, end);
        clauseScores[c] = score(text.slice(charStart, charEnd), { words, lemmas });
      }
      sum += clauseScores[c];
    }
    out.push(sum / mentioned.length);
  }
  return out;
}

let withTopicScratch = new Uint8Array(64);
let clauseScoresScratch = new Float64Array(64);

/** Topics matched on a predicate about a person (attitude words), not on a subject of their own. */
const ATTRIBUTE_TOPICS: ReadonlySet<string> = new Set(['service.attitude']);

/** At most this many follow-up clauses are attached, each at most this long (Han characters / words). */
const MAX_FOLLOW_UPS = 2;
const FOLLOW_UP_ZH = 8;
const FOLLOW_UP_EN = 6;
// Counted in loops over tables rather than with split/match, which built an array (of one-character
// strings, for the Han count) per follow-up clause looked at.
const SENTENCE_END = new Uint8Array(0x10000);
for (const c of '。！？!?.\n') SENTENCE_END[c.charCodeAt(0)] = 1;
/** \s as a regex reads it (no u flag: per UTF-16 unit) */
const SPACE = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) SPACE[c] = /\s/.test(String.fromCharCode(c)) ? 1 : 0;

/** Whether text[from, to) holds a sentence end: /[。！？!?.\n]/.test(text.slice(from, to)) for offsets ≥ 0. */
export function hasSentenceEnd(text: string, from: number, to: number): boolean {
  for (let i = Math.max(0, from); i < Math.min(to, text.length); i++) if (SENTENCE_END[text.charCodeAt(i)] === 1) return true;
  return false;
}

/** Whitespace-separated words: s.split(/\s+/).filter(Boolean).length. */
export function countWords(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const space = SPACE[s.charCodeAt(i)] === 1;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/** Characters in U+4E00–U+9FFF: s.match(/[\u4e00-\u9fff]/g)?.length ?? 0. */
export function countHan(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) n++;
  }
  return n;
}
// An own subject: the clause is about the writer or the reader, not the topic before it.
const ZH_SUBJECT = /^\s*(?:我|你|您|咱|他们|她们|大家)/;
const EN_SUBJECT = /^\s*(?:i|i'm|i've|we|we're|you|you're|they|my|our)\b/i;

/** Index of the last clause to score with clause c: c itself, or the subject-less follow-ups after it. */
function followUpEnd(text: string, lang: Lang, clauses: readonly Clause[], withTopic: Uint8Array, c: number): number {
  let last = c;
  while (last + 1 < clauses.length && last - c < MAX_FOLLOW_UPS) {
    const next = clauses[last + 1];
    if (withTopic[last + 1]) break;
    // The gap between the clauses holds the punctuation; a sentence end there ends the topic's reach.
    if (hasSentenceEnd(text, clauses[last].charEnd, next.charStart)) break;
    const body = text.slice(next.charStart, next.charEnd);
    const size = lang === 'en' ? countWords(body) : countHan(body);
    if (size > (lang === 'en' ? FOLLOW_UP_EN : FOLLOW_UP_ZH)) break;
    if ((lang === 'en' ? EN_SUBJECT : ZH_SUBJECT).test(body)) break;
    last++;
  }
  return last;
}
