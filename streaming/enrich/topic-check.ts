import type { Lang } from '../../schemas/feedback.ts';
import type { Tokens } from './tokens.ts';

/**
 * A learned second look at the taxonomy's matches: for each leaf the rules fired, a logistic model over
 * the message's words says how likely the leaf is what the message talks about, and a match below the
 * threshold is dropped. It only ever vetoes — it never adds a topic — so a term that did not fire stays
 * the taxonomy's business, and a leaf the model was not trained on (a newly promoted one) is kept as is.
 *
 * Features of a (message, fired leaf) pair, all binary: the leaf's bias; each distinct word (jieba word
 * or English lemma) with the leaf; each other leaf that fired, with the leaf; the message's length in
 * tokens and how many leaves fired, bucketed, with the leaf. "room" says little, "room" for stay.room in a
 * short message where nothing else about a hotel fired says more. (Words alone and with the leaf's parent
 * were tried: the same CV curve for twice the weights; the scorer still reads `w|` and `p|` keys.)
 *
 * The weights are compiled per word into one Map entry (its leaf-conjoined weights side by side), so
 * scoring a message costs one Map lookup per token plus a scan of that word's leaves. Off by default
 * (topics.ts, `TOPIC_CHECK=1`). Training: scripts/train-topic-check.ts; figures in BENCHMARKS.md.
 */

export interface TopicCheckModel {
  version: 1;
  /** veto a fired leaf when its probability is below this */
  threshold: number;
  /** feature → weight; see `featureKeys` for the names */
  weights: Record<string, number>;
}

/** Distinct words of a message as the check sees them: lower-case English lemmas, jieba words; no 1-character Latin/digits. */
export function checkWords(tokens: Tokens, lang: Lang): string[] {
  const seen = new Set<string>();
  const { words, lemmas } = tokens;
  for (let i = 0; i < words.length; i++) {
    const w = lang === 'zh' ? words[i] : lemmas[i] || words[i];
    if (w.length < 2 && w.charCodeAt(0) < 0x2e80) continue;
    seen.add(w);
  }
  return [...seen];
}

/** Feature names, shared by training and the compiled scorer. */
export const feature = {
  bias: (leaf: string) => `b|${leaf}`,
  word: (w: string) => `w|${w}`,
  leafWord: (leaf: string, w: string) => `l|${leaf}|${w}`,
  parentWord: (parent: string, w: string) => `p|${parent}|${w}`,
  other: (leaf: string, other: string) => `o|${leaf}|${other}`,
  /** message length (tokens) and how many leaves fired, bucketed, with the leaf */
  shape: (leaf: string, bucket: string) => `s|${leaf}|${bucket}`
};

/** Length (tokens) and crowding buckets: a leaf in a long hotel review naming six things is often said in passing. */
export function shapeBuckets(nTokens: number, nFired: number): [string, string] {
  return [`n${lengthBucket(nTokens)}`, `f${Math.min(nFired, 4)}`];
}
const lengthBucket = (n: number) => (n < 8 ? 0 : n < 20 ? 1 : n < 40 ? 2 : 3);

/** All feature names of one (message, leaf) pair, for training. */
export function featureKeys(words: readonly string[], leaf: string, fired: readonly string[], nTokens: number): string[] {
  const out = [feature.bias(leaf)];
  for (const w of words) out.push(feature.leafWord(leaf, w));
  for (const o of fired) if (o !== leaf) out.push(feature.other(leaf, o));
  for (const b of shapeBuckets(nTokens, fired.length)) out.push(feature.shape(leaf, b));
  return out;
}

const parentOf = (leaf: string) => leaf.slice(0, leaf.indexOf('.'));

interface WordEntry {
  /** the word's own weight, whatever the leaf */
  own: number;
  /** leaf indices and their leaf- plus parent-conjoined weights, side by side */
  leaves?: Int32Array;
  weights?: Float64Array;
  /** the last message that counted this word (a word counts once per message) */
  stamp: number;
}

export interface TopicCheck {
  /** the fired leaves to keep: each whose probability is at least the threshold, and every leaf the model does not know */
  keep(tokens: Tokens, lang: Lang, fired: readonly string[]): Set<string>;
  /** probability per fired leaf, for evaluation (NaN for a leaf the model does not know) */
  probabilities(tokens: Tokens, lang: Lang, fired: readonly string[]): number[];
  threshold: number;
}

/**
 * Compiles the weights for scoring; `leaves` are every leaf id the scorer may be asked about. The hot
 * path allocates one small array per message with a match, compares log-odds (no exp), and looks each
 * token up once: a word seen twice in a message is skipped by its stamp, as training counted it once.
 */
export function compileTopicCheck(model: TopicCheckModel, leaves: readonly string[]): TopicCheck {
  const L = leaves.length;
  const leafIndex = new Map(leaves.map((l, i) => [l, i]));
  const bias = new Float64Array(L).fill(NaN);
  const other = new Float64Array(L * L);
  const shape = new Float64Array(L * 9);
  const byLeaf = new Map<string, Map<number, number>>();
  const own = new Map<string, number>();
  const addByLeaf = (w: string, leaf: number, x: number) => {
    const m = byLeaf.get(w) ?? byLeaf.set(w, new Map()).get(w)!;
    m.set(leaf, (m.get(leaf) ?? 0) + x);
  };
  for (const [key, x] of Object.entries(model.weights)) {
    const [kind, a, b] = splitKey(key);
    const i = leafIndex.get(a);
    if (kind === 'b') {
      if (i !== undefined) bias[i] = x;
    } else if (kind === 'w') own.set(a, (own.get(a) ?? 0) + x);
    else if (kind === 'l') {
      if (i !== undefined) addByLeaf(b, i, x);
    } else if (kind === 'p') {
      leaves.forEach((leaf, j) => {
        if (parentOf(leaf) === a) addByLeaf(b, j, x);
      });
    } else if (kind === 'o') {
      const j = leafIndex.get(b);
      if (i !== undefined && j !== undefined) other[i * L + j] = x;
    } else if (kind === 's') {
      // n0..n3 → 0..3, f0..f4 → 4..8
      if (i !== undefined) shape[i * 9 + (b[0] === 'n' ? Number(b.slice(1)) : 4 + Number(b.slice(1)))] = x;
    }
  }
  const words = new Map<string, WordEntry>();
  for (const w of new Set([...own.keys(), ...byLeaf.keys()])) {
    const m = byLeaf.get(w);
    words.set(w, { own: own.get(w) ?? 0, leaves: m && Int32Array.from(m.keys()), weights: m && Float64Array.from(m.values()), stamp: 0 });
  }
  const cut = Math.log(model.threshold / (1 - model.threshold));
  let stamp = 0;

  /** log-odds per fired leaf (NaN for unknown leaves) */
  function logOdds(tokens: Tokens, lang: Lang, fired: readonly string[]): Float64Array {
    const n = fired.length;
    const idx = new Int32Array(n);
    const z = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const i = leafIndex.get(fired[k]) ?? -1;
      idx[k] = i;
      z[k] = i < 0 ? NaN : bias[i];
    }
    stamp++;
    let common = 0;
    const { words: ws, lemmas } = tokens;
    for (let t = 0; t < ws.length; t++) {
      const w = lang === 'zh' ? ws[t] : lemmas[t] || ws[t];
      const e = words.get(w);
      if (e === undefined || e.stamp === stamp) continue;
      e.stamp = stamp;
      common += e.own;
      const ls = e.leaves;
      if (ls === undefined) continue;
      for (let q = 0; q < ls.length; q++) {
        const leaf = ls[q];
        for (let k = 0; k < n; k++) if (idx[k] === leaf) z[k] += e.weights![q];
      }
    }
    const len = lengthBucket(ws.length);
    const crowd = 4 + Math.min(n, 4);
    for (let k = 0; k < n; k++) {
      const i = idx[k];
      if (i < 0) continue;
      z[k] += common + shape[i * 9 + len] + shape[i * 9 + crowd];
      for (let q = 0; q < n; q++) if (q !== k && idx[q] >= 0) z[k] += other[i * L + idx[q]];
    }
    return z;
  }

  return {
    threshold: model.threshold,
    keep(tokens, lang, fired) {
      const kept = new Set<string>();
      if (fired.length === 0) return kept;
      const z = logOdds(tokens, lang, fired);
      // NaN (a leaf the model never saw) fails the comparison, so it is kept.
      for (let k = 0; k < fired.length; k++) if (!(z[k] < cut)) kept.add(fired[k]);
      return kept;
    },
    probabilities: (tokens, lang, fired) => [...logOdds(tokens, lang, fired)].map((v) => 1 / (1 + Math.exp(-v)))
  };
}

/** "l|stay.room|房间" → ["l", "stay.room", "房间"]; a word may itself hold "|". */
function splitKey(key: string): [string, string, string] {
  const kind = key.slice(0, 1);
  const rest = key.slice(2);
  if (kind === 'w' || kind === 'b') return [kind, rest, ''];
  const bar = rest.indexOf('|');
  return [kind, rest.slice(0, bar), rest.slice(bar + 1)];
}
