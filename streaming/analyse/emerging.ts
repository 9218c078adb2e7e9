import { growthRatio, logLikelihood, topKeywords, type KeywordWindow } from '../enrich/keywords.ts';

/**
 * Emerging topics: what customers suddenly talk about that the taxonomy does not cover yet.
 *
 * 1. Phrases (keywords and bigrams) whose share of messages surged against a baseline window, by
 *    log-likelihood G², with a minimum count (a surge of 3 is noise) and a minimum growth ratio (a huge
 *    stable phrase can have a large G² from a small relative change).
 * 2. Surging phrases that occur in the same messages are one topic: greedy single-link clustering on the
 *    overlap of their message sets (shared / the smaller set, so a phrase mostly said *within* another
 *    surge — "抽奖" inside the "盲盒" complaints — joins it, where Jaccard would split it off), strongest
 *    phrase first. "图片", "加载", "图片加载" end up together; an unrelated surge stays apart.
 * 3. Phrases the taxonomy already covers (`covered`) take part in the grouping — "刷脸" surging with
 *    "支付" is a new kind of payment problem — but are not offered as terms, and a group whose
 *    uncovered phrases reach fewer than half of its messages is a surge of a known topic (the alerts'
 *    business), not an emerging one: "今晚" riding on an image-loading incident is not a new topic.
 * 4. Likewise a candidate whose messages are mostly tagged with taxonomy topics already must be new
 *    vocabulary (growth ≥ `minNewRatio`) to count: "出来" rising 3.6× because "刷不出来" fills an
 *    app-loading incident is that incident; "刷脸" going from nothing to 30 payment messages is new.
 * Each candidate carries what an analyst needs to promote it into the taxonomy: phrases split by
 * language as ready-made terms, counts, growth, significance, example messages and the taxonomy parent
 * its messages already lean to.
 */

export interface KeywordedMessage {
  id: string;
  keywords: readonly string[];
  /** taxonomy leaf ids of the message, for the suggested parent */
  topics?: readonly string[];
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
  /** phrases sharing at least this share of the smaller one's messages belong to one topic */
  minOverlap?: number;
  /** how many surging phrases to consider at all */
  maxPhrases?: number;
  maxTopics?: number;
  /** growth a candidate needs when most of its messages already carry a taxonomy topic (see 4.) */
  minNewRatio?: number;
  /** phrases left out entirely, e.g. brand names */
  ignore?: (phrase: string) => boolean;
  /** phrases the taxonomy already matches: they group but are not the new topic (see above) */
  covered?: (phrase: string) => boolean;
}

export interface EmergingCluster {
  /** the strongest phrase, a working name until an analyst labels it */
  label: string;
  /** strongest first; never a covered phrase */
  phrases: string[];
  /** covered phrases that surged in the same messages, strongest first ("支付" beside "刷脸") */
  related: string[];
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
  /** the taxonomy parent most of its messages already carry (≥ 40% of them), or null */
  suggestedParent: string | null;
}

const HAN = /\p{Script=Han}/u;

export function findEmergingTopics(input: EmergingInput, opts: EmergingOptions = {}): EmergingCluster[] {
  const { minCount = 5, minRatio = 3, minG2 = 10.83, minOverlap = 0.5, maxPhrases = 60, maxTopics = 10, minNewRatio = 10, ignore, covered } = opts;
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
    let bestO = minOverlap;
    clusters.forEach((members, ci) => {
      for (const j of members) {
        const o = overlap(sets[i], sets[j]);
        if (o >= bestO) { bestO = o; best = ci; }
      }
    });
    if (best >= 0) clusters[best].push(i);
    else clusters.push([i]);
  }

  const isCovered = surging.map((s) => covered?.(s.keyword) ?? false);
  return clusters
    .map((members) => {
      const fresh = members.filter((i) => !isCovered[i]);
      if (fresh.length === 0) return null;
      const related = members.filter((i) => isCovered[i]);
      // Known-topic surge: the new phrases are a minority of the group's messages.
      if (related.length > 0 && union(fresh, sets).size * 2 < union(members, sets).size) return null;
      const c = describe(fresh, related, surging, sets, messages, window, baseline);
      // A few-fold rise of a word inside messages already about known topics is their surge.
      const tagged = [...union(fresh, sets)].filter((mi) => (messages[mi].topics?.length ?? 0) > 0).length;
      return tagged * 2 > c.count && c.ratio < minNewRatio ? null : c;
    })
    .filter((c): c is EmergingCluster => c !== null)
    .sort((a, b) => b.g2 - a.g2)
    .slice(0, maxTopics);
}

function union(members: number[], sets: Set<number>[]): Set<number> {
  const out = new Set<number>();
  for (const i of members) for (const m of sets[i]) out.add(m);
  return out;
}

function describe(
  members: number[],
  related: number[],
  surging: ReturnType<typeof topKeywords>,
  sets: Set<number>[],
  messages: readonly KeywordedMessage[],
  window: KeywordWindow,
  baseline: KeywordWindow
): EmergingCluster {
  const phrases = members.map((i) => surging[i].keyword);
  const inCluster = union(members, sets);
  // Without message sets for co-occurrence the union is unknown: fall back to the largest phrase.
  const count = inCluster.size > 0 ? inCluster.size : Math.max(...members.map((i) => surging[i].count));
  const baselineCount = Math.min(baseline.docs, members.reduce((s, i) => s + surging[i].baseline, 0));
  const hitsOf = (mi: number) => members.reduce((s, i) => s + (sets[i].has(mi) ? 1 : 0), 0);
  const examples = [...inCluster]
    .sort((a, b) => hitsOf(b) - hitsOf(a) || a - b)
    .slice(0, 5)
    .map((mi) => messages[mi].id);
  return {
    label: phrases[0],
    phrases,
    related: related.map((i) => surging[i].keyword),
    terms: { zh: phrases.filter((p) => HAN.test(p)), en: phrases.filter((p) => !HAN.test(p)) },
    count,
    baselineCount,
    ratio: growthRatio(count, window.docs, baselineCount, baseline.docs),
    g2: logLikelihood(count, window.docs, baselineCount, baseline.docs),
    examples,
    suggestedParent: leaningParent([...inCluster].map((mi) => messages[mi].topics ?? []))
  };
}

function leaningParent(topicLists: (readonly string[])[]): string | null {
  const counts = new Map<string, number>();
  for (const topics of topicLists) for (const p of new Set(topics.map((t) => t.split('.')[0]))) counts.set(p, (counts.get(p) ?? 0) + 1);
  let best: string | null = null;
  let bestN = 0;
  for (const [p, n] of counts) if (n > bestN || (n === bestN && best !== null && p < best)) { best = p; bestN = n; }
  return best !== null && bestN >= 0.4 * topicLists.length ? best : null;
}

function overlap(a: Set<number>, b: Set<number>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const x of small) if (large.has(x)) inter++;
  return inter / small.size;
}

// ---------------------------------------------------------------------------------------------------------
// Identity over time: the same surge is recomputed every run, and its history must stay one candidate.

export interface KnownCandidate {
  id: string;
  /** epoch ms */
  firstSeen: number;
  lastSeen: number;
  phrases: readonly string[];
}

export interface TrackedCluster<T> {
  id: string;
  firstSeen: number;
  cluster: T;
}

/**
 * A cluster continues the known candidate it shares most phrases with (ties: the most recently seen);
 * each known candidate is continued at most once, strongest cluster first. Otherwise it is new, with an
 * id made of the minute and its label, so two web nodes computing the same data name it alike.
 */
export function trackCandidates<T extends { label: string; phrases: readonly string[] }>(
  clusters: readonly T[],
  known: readonly KnownCandidate[],
  nowMs: number
): TrackedCluster<T>[] {
  const taken = new Set<string>();
  return clusters.map((cluster) => {
    const mine = new Set(cluster.phrases);
    let best: KnownCandidate | null = null;
    let bestShared = 0;
    for (const k of known) {
      if (taken.has(k.id)) continue;
      const shared = k.phrases.reduce((s, p) => s + (mine.has(p) ? 1 : 0), 0);
      if (shared > bestShared || (shared === bestShared && shared > 0 && best !== null && k.lastSeen > best.lastSeen)) {
        best = k;
        bestShared = shared;
      }
    }
    if (best) {
      taken.add(best.id);
      return { id: best.id, firstSeen: best.firstSeen, cluster };
    }
    const minute = Math.floor(nowMs / 60_000);
    return { id: `em-${minute}-${fnv1a(cluster.label)}`, firstSeen: nowMs, cluster };
  });
}

function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (const ch of new TextEncoder().encode(s)) h = Math.imul(h ^ ch, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}
