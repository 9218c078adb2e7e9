import { growthRatio, logLikelihood, topKeywords, type KeywordWindow } from '../enrich/keywords.ts';

/**
 * Emerging topics: what customers suddenly talk about that the taxonomy does not cover yet.
 *
 * 1. Phrases (keywords and bigrams) whose share of messages surged against a baseline window, by
 *    log-likelihood G², with a minimum count (a surge of 3 is noise) and a minimum growth ratio (a huge
 *    stable phrase can have a large G² from a small relative change).
 * 2. Surging phrases that occur in the same messages are one topic: greedy single-link clustering on the
 *    Jaccard overlap of their message sets, strongest phrase first. "图片", "加载", "图片加载" end up
 *    together; an unrelated surge stays apart.
 * Each candidate carries what an analyst needs to promote it into the taxonomy: phrases split by
 * language as ready-made terms, counts, growth, significance and example messages.
 */

export interface KeywordedMessage {
  id: string;
  keywords: readonly string[];
}

export interface EmergingInput {
  /** keyword document frequencies of the latest window */
  window: KeywordWindow;
  /** the same over a (longer) baseline period */
  baseline: KeywordWindow;
  /** the latest window's messages, for co-occurrence and examples */
  messages: readonly KeywordedMessage[];
}

export interface EmergingOptions {
  minCount?: number;
  minRatio?: number;
  /** 10.83 ≈ p < 0.001 for one test; many phrases are tested each window, so stay strict */
  minG2?: number;
  /** phrases whose message sets overlap at least this much belong to one topic */
  minJaccard?: number;
  /** how many surging phrases to consider at all */
  maxPhrases?: number;
  maxTopics?: number;
  /** e.g. phrases the taxonomy already matches, or brand names */
  ignore?: (phrase: string) => boolean;
}

export interface EmergingTopic {
  /** the strongest phrase, a working name until an analyst labels it */
  label: string;
  /** strongest first */
  phrases: string[];
  /** phrases as taxonomy terms, by script */
  terms: { zh: string[]; en: string[] };
  /** window messages mentioning any of the phrases */
  count: number;
  /** upper bound of baseline messages mentioning any phrase (sum over phrases), so growth is conservative */
  baselineCount: number;
  ratio: number;
  g2: number;
  /** up to 5 message ids, those with most of the phrases first */
  examples: string[];
}

const HAN = /\p{Script=Han}/u;

export function findEmergingTopics(input: EmergingInput, opts: EmergingOptions = {}): EmergingTopic[] {
  const { minCount = 5, minRatio = 3, minG2 = 10.83, minJaccard = 0.3, maxPhrases = 60, maxTopics = 10, ignore } = opts;
  const { window, baseline, messages } = input;
  const surging = topKeywords(window, baseline, { minCount, minRatio, minG2, max: Number.MAX_SAFE_INTEGER })
    .filter((s) => !ignore?.(s.keyword))
    .slice(0, maxPhrases);
  if (surging.length === 0) return [];

  const wanted = new Map(surging.map((s, i) => [s.keyword, i]));
  const sets = surging.map(() => new Set<number>());
  messages.forEach((m, mi) => {
    for (const k of m.keywords) {
      const i = wanted.get(k);
      if (i !== undefined) sets[i].add(mi);
    }
  });

  // Greedy single link: a phrase joins the cluster holding its most-overlapping earlier phrase.
  const clusters: number[][] = [];
  for (let i = 0; i < surging.length; i++) {
    let best = -1;
    let bestJ = minJaccard;
    clusters.forEach((members, ci) => {
      for (const j of members) {
        const jac = jaccard(sets[i], sets[j]);
        if (jac >= bestJ) { bestJ = jac; best = ci; }
      }
    });
    if (best >= 0) clusters[best].push(i);
    else clusters.push([i]);
  }

  return clusters
    .map((members) => describe(members, surging, sets, messages, window, baseline))
    .sort((a, b) => b.g2 - a.g2)
    .slice(0, maxTopics);
}

function describe(
  members: number[],
  surging: ReturnType<typeof topKeywords>,
  sets: Set<number>[],
  messages: readonly KeywordedMessage[],
  window: KeywordWindow,
  baseline: KeywordWindow
): EmergingTopic {
  const phrases = members.map((i) => surging[i].keyword);
  const union = new Set<number>();
  for (const i of members) for (const m of sets[i]) union.add(m);
  // Without message sets for co-occurrence the union is unknown: fall back to the largest phrase.
  const count = union.size > 0 ? union.size : Math.max(...members.map((i) => surging[i].count));
  const baselineCount = Math.min(baseline.docs, members.reduce((s, i) => s + surging[i].baseline, 0));
  const hitsOf = (mi: number) => members.reduce((s, i) => s + (sets[i].has(mi) ? 1 : 0), 0);
  const examples = [...union]
    .sort((a, b) => hitsOf(b) - hitsOf(a) || a - b)
    .slice(0, 5)
    .map((mi) => messages[mi].id);
  return {
    label: phrases[0],
    phrases,
    terms: { zh: phrases.filter((p) => HAN.test(p)), en: phrases.filter((p) => !HAN.test(p)) },
    count,
    baselineCount,
    ratio: growthRatio(count, window.docs, baselineCount, baseline.docs),
    g2: logLikelihood(count, window.docs, baselineCount, baseline.docs),
    examples
  };
}

function jaccard(a: Set<number>, b: Set<number>): number {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const x of small) if (large.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}
