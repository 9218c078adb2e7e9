import type { Lang } from '../../schemas/feedback.ts';
import { ZH_STOPWORDS, isLoneHan, isStopword } from './stopwords.ts';
import type { Tokens } from './tokens.ts';
import { segmentClauses } from './topics.ts';

/**
 * Keywords: per message (stored with it, the raw material of word clouds) and per window (which of them
 * surged against a baseline — the "keywords that surged" of an alert).
 */

const WORDLIKE = /[\p{L}\p{N}]/u;
const HAN = /\p{Script=Han}/u;
// Beyond this a Chinese "bigram" is usually two unrelated words that happen to touch.
const MAX_ZH_BIGRAM_CHARS = 5;

/**
 * Up to `max` keywords of one message, most informative first: content words (English lemmas, so
 * "refunds" and "refunded" count together) and bigrams of adjacent content words ("battery life",
 * "图片加载"). Stop words, numbers and one-letter Latin are dropped; lone Han characters rank last.
 * Tokens carry no punctuation, so pass `text` to keep bigrams from spanning two clauses ("干净，早餐").
 */
export function extractKeywords(tokens: Tokens, lang: Lang, max = 8, text?: string): string[] {
  const seq = lang === 'en' ? tokens.lemmas : tokens.words;
  const stopLang = lang === 'en' ? 'en' : 'zh';
  // A message has a few dozen candidates at most: parallel arrays and a linear search beat a Map of
  // objects, and allocate next to nothing.
  const keys: string[] = [];
  const scores: number[] = [];
  const clauseOf = text === undefined ? null : segmentClauses(text, lang, tokens, false).clauseOfToken;
  let prevContent = '';
  let prevClass = 0;
  for (let i = 0; i < seq.length; i++) {
    const t = seq[i];
    if (clauseOf && i > 0 && clauseOf[i] !== clauseOf[i - 1]) prevContent = '';
    const c = classify(t, stopLang);
    if (!(c & CONTENT)) { prevContent = ''; continue; }
    const lone = (c & LONE_HAN) !== 0;
    addKeyword(keys, scores, t, lone ? 0.5 : 1);
    if (prevContent && !lone && !(prevClass & LONE_HAN)) {
      const zh = ((c | prevClass) & HAS_HAN) !== 0;
      const bigram = zh ? prevContent + t : prevContent + ' ' + t;
      if (!zh || bigram.length <= MAX_ZH_BIGRAM_CHARS) addKeyword(keys, scores, bigram, 1);
    }
    prevContent = t;
    prevClass = c;
  }
  return topKeys(keys, scores, max);
}

/**
 * The `max` highest-scoring keys, highest first; ties keep first-mention order (keys are in that order),
 * as a stable sort would. An insertion into a short list: a sort with a comparator made a closure per
 * message, and tsx names every closure it makes (BENCHMARKS.md).
 */
export function topKeys(keys: readonly string[], scores: readonly number[], max: number): string[] {
  const out: string[] = [];
  const top: number[] = [];
  for (let k = 0; k < keys.length; k++) {
    const s = scores[k];
    let j = top.length;
    // strictly lower scores move down: an equal score mentioned earlier stays ahead
    while (j > 0 && scores[top[j - 1]] < s) j--;
    if (j >= max) continue;
    // insert at j by shifting (splice would allocate the array of removed items, empty, every call)
    top.push(k);
    for (let m = top.length - 1; m > j; m--) top[m] = top[m - 1];
    top[j] = k;
    if (top.length > max) top.length = max;
  }
  for (let j = 0; j < top.length; j++) out.push(keys[top[j]]);
  return out;
}

function addKeyword(keys: string[], scores: number[], k: string, weight: number): void {
  const at = keys.indexOf(k);
  if (at >= 0) scores[at] += weight;
  else {
    keys.push(k);
    scores.push(weight);
  }
}

const CONTENT = 1;
const LONE_HAN = 2;
const HAS_HAN = 4;

/**
 * What a token is for keywords. The two common shapes — a word starting with a Han character, a plain
 * lower-case Latin word — are decided with Set lookups; the Unicode regexes only see the rest. (A cache
 * per distinct token was slower: a Map the size of the vocabulary misses the CPU cache on every token.)
 */
function classify(t: string, stopLang: 'zh' | 'en'): number {
  const c0 = t.charCodeAt(0);
  if (c0 >= 0x4e00 && c0 <= 0x9fff && stopLang === 'zh') {
    // Han: a letter, never numeric, never an English stop word or a Latin-only rule.
    return (ZH_STOPWORDS.has(t) ? 0 : CONTENT) | (t.length === 1 ? LONE_HAN : 0) | HAS_HAN;
  }
  if (c0 >= 0x61 && c0 <= 0x7a && isLowerLatin(t)) {
    return isStopword(t, stopLang) ? 0 : CONTENT;
  }
  return (
    (WORDLIKE.test(t) && !isStopword(t, stopLang) ? CONTENT : 0) |
    (isLoneHan(t) ? LONE_HAN : 0) |
    (HAN.test(t) ? HAS_HAN : 0)
  );
}

function isLowerLatin(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 0x61 || c > 0x7a) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------
// Windows

/** Document frequencies: how many messages of the window carry each keyword. */
export interface KeywordWindow {
  counts: Map<string, number>;
  /** number of messages in the window */
  docs: number;
}

export function countKeywords(keywordLists: Iterable<readonly string[]>): KeywordWindow {
  const counts = new Map<string, number>();
  let docs = 0;
  for (const list of keywordLists) {
    docs++;
    for (const k of new Set(list)) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return { counts, docs };
}

/** Adds `b` into `a` (e.g. rolling several minutes into one baseline); returns `a`. */
export function mergeWindows(a: KeywordWindow, b: KeywordWindow): KeywordWindow {
  for (const [k, c] of b.counts) a.counts.set(k, (a.counts.get(k) ?? 0) + c);
  a.docs += b.docs;
  return a;
}

/**
 * Dunning's log-likelihood ratio G² for "a of n1 messages in the window vs b of n2 in the baseline".
 * Chi-square with 1 d.f.: 3.84 ≈ p 0.05, 10.83 ≈ p 0.001. Unlike a plain ratio it does not explode on
 * rare words, which is why it ranks surges.
 */
export function logLikelihood(a: number, n1: number, b: number, n2: number): number {
  const c = n1 - a;
  const d = n2 - b;
  const n = n1 + n2;
  if (n1 <= 0 || n2 <= 0) return 0;
  const term = (o: number, e: number) => (o > 0 && e > 0 ? o * Math.log(o / e) : 0);
  const row1 = a + b;
  const row2 = c + d;
  return (
    2 *
    (term(a, (n1 * row1) / n) + term(b, (n2 * row1) / n) + term(c, (n1 * row2) / n) + term(d, (n2 * row2) / n))
  );
}

/**
 * Dunning's G² for a count against a baseline count over a different exposure: `a` in the window, `b` in
 * the baseline, `scale` = what one baseline occurrence stands for in the window (window length / baseline
 * length). Conditioned on a + b, a is binomial with p = scale / (1 + scale) when nothing changed; both
 * counts are noisy, so a baseline of 0 over a short hour is not read as a certain zero.
 */
export function rateLogLikelihood(a: number, b: number, scale: number): number {
  const n = a + b;
  if (n === 0 || scale <= 0) return 0;
  const ea = (n * scale) / (1 + scale);
  const term = (o: number, e: number) => (o > 0 ? o * Math.log(o / e) : 0);
  return 2 * (term(a, ea) + term(b, n - ea));
}

/** Ratio of the window's share to the baseline's, add-half smoothed so unseen baselines stay finite. */
export function growthRatio(a: number, n1: number, b: number, n2: number): number {
  return ((a + 0.5) / (n1 + 1)) / ((b + 0.5) / (n2 + 1));
}

/**
 * How much a keyword says about one topic rather than about the feedback in general: its count in the
 * topic weighted by the log of its lift (the topic's share of messages with it against all messages'
 * share, add-one smoothed). A word every message uses — the product's own name, "外卖" in a food app —
 * has a lift near 1 and scores about 0 however often it is said; the topic's own words score highest.
 */
export function topicSpecificity(inTopic: number, topicDocs: number, inAll: number, allDocs: number): number {
  const lift = ((inTopic + 1) / (topicDocs + 2)) / ((inAll + 1) / (allDocs + 2));
  return inTopic * Math.log(lift);
}

/**
 * The `max` keywords most specific to a topic (topicSpecificity), shown most frequent first: a topic's
 * word list reads as what its messages say, without the words every topic shares.
 */
export function specificKeywords<K extends { keyword: string; count: number }>(
  keywords: readonly K[],
  topicDocs: number,
  allCounts: ReadonlyMap<string, number>,
  allDocs: number,
  max: number
): K[] {
  const score = (k: K) => topicSpecificity(k.count, topicDocs, Math.max(allCounts.get(k.keyword) ?? 0, k.count), Math.max(allDocs, topicDocs));
  const byCount = (a: K, b: K) => b.count - a.count || (a.keyword < b.keyword ? -1 : 1);
  return [...keywords]
    .sort((a, b) => score(b) - score(a) || byCount(a, b))
    .slice(0, max)
    .sort(byCount);
}

export interface KeywordScore {
  keyword: string;
  /** messages in the window with the keyword */
  count: number;
  /** messages in the baseline with the keyword */
  baseline: number;
  ratio: number;
  g2: number;
}

export interface TopKeywordOptions {
  max?: number;
  /** ignore keywords seen in fewer window messages: a surge of 2 is noise */
  minCount?: number;
  minRatio?: number;
  minG2?: number;
}

/** Keywords over-represented in `window` relative to `baseline`, strongest surge first. */
export function topKeywords(window: KeywordWindow, baseline: KeywordWindow, opts: TopKeywordOptions = {}): KeywordScore[] {
  const { max = 20, minCount = 3, minRatio = 1.5, minG2 = 3.84 } = opts;
  const out: KeywordScore[] = [];
  for (const [keyword, count] of window.counts) {
    if (count < minCount) continue;
    const base = baseline.counts.get(keyword) ?? 0;
    const ratio = growthRatio(count, window.docs, base, baseline.docs);
    if (ratio < minRatio) continue;
    const g2 = logLikelihood(count, window.docs, base, baseline.docs);
    if (g2 < minG2) continue;
    out.push({ keyword, count, baseline: base, ratio, g2 });
  }
  return out.sort((a, b) => b.g2 - a.g2 || b.count - a.count).slice(0, max);
}

/** The window's most frequent keywords, for a word cloud when there is no baseline to compare with. */
export function frequentKeywords(window: KeywordWindow, max = 30): { keyword: string; count: number }[] {
  return [...window.counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, max)
    .map(([keyword, count]) => ({ keyword, count }));
}
