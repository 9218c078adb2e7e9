import type { Lang } from '../../schemas/feedback.ts';
import type { Tokens } from './tokens.ts';

/**
 * A learned second look at the taxonomy's matches: for each leaf the rules fired, a logistic model over
 * the message's words says how likely the leaf is what the message talks about, and a match below the
 * threshold is dropped. It only ever vetoes — it never adds a topic — so a term that did not fire stays
 * the taxonomy's business, and a leaf the model was not trained on (a newly promoted one) is kept as is.
 *
 * Features of a (message, fired leaf) pair, all binary: the leaf's bias; each distinct word (jieba word
 * or English lemma) alone, with the leaf, and with the leaf's parent; each other leaf that fired, with the
 * leaf. "room" alone says little, "room" with stay.room in a tweet with no hotel word says more.
 *
 * The weights are compiled per word into one Map entry (the word's own weight plus a small table of its
 * leaf- and parent-conjoined weights by leaf), so scoring a message costs one Map lookup per distinct
 * word plus a table lookup per fired leaf. Training: scripts/train-topic-check.ts.
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
  /** message length (distinct words) and how many leaves fired, bucketed, with the leaf */
  shape: (leaf: string, bucket: string) => `s|${leaf}|${bucket}`
};

/** Length and crowding buckets: a leaf in a long hotel review naming six things is often said in passing. */
export function shapeBuckets(nWords: number, nFired: number): [string, string] {
  return [`n${nWords < 6 ? 0 : nWords < 15 ? 1 : nWords < 30 ? 2 : 3}`, `f${Math.min(nFired, 4)}`];
}

/** All feature names of one (message, leaf) pair, for training. */
export function featureKeys(words: readonly string[], leaf: string, fired: readonly string[]): string[] {
  const parent = parentOf(leaf);
  const out = [feature.bias(leaf)];
  for (const w of words) out.push(feature.word(w), feature.leafWord(leaf, w), feature.parentWord(parent, w));
  for (const o of fired) if (o !== leaf) out.push(feature.other(leaf, o));
  if (SHAPE) for (const b of shapeBuckets(words.length, fired.length)) out.push(feature.shape(leaf, b));
  if (BIGRAMS) for (let i = 1; i < words.length; i++) out.push(feature.leafWord(leaf, `${words[i - 1]}_${words[i]}`));
  return out;
}

const SHAPE = process.env.TC_SHAPE === '1';
const BIGRAMS = process.env.TC_BIGRAMS === '1';
const parentOf = (leaf: string) => leaf.slice(0, leaf.indexOf('.'));

interface WordEntry {
  /** the word's own weight, whatever the leaf */
  own: number;
  /** leaf index → leaf- plus parent-conjoined weight */
  byLeaf?: Map<number, number>;
}

export interface TopicCheck {
  /** probability per fired leaf (leaves the model does not know: NaN) */
  scores(words: readonly string[], fired: readonly string[]): number[];
  /** the fired leaves to keep */
  keep(tokens: Tokens, lang: Lang, fired: readonly string[]): Set<string>;
  threshold: number;
}

/** Compiles the weights for scoring; `leaves` are every leaf id the scorer may be asked about. */
export function compileTopicCheck(model: TopicCheckModel, leaves: readonly string[]): TopicCheck {
  const leafIndex = new Map(leaves.map((l, i) => [l, i]));
  const bias = new Float64Array(leaves.length).fill(NaN);
  const other = new Map<string, number>();
  const words = new Map<string, WordEntry>();
  const entry = (w: string) => words.get(w) ?? words.set(w, { own: 0 }).get(w)!;
  const addByLeaf = (w: string, leaf: number, x: number) => {
    const e = entry(w);
    e.byLeaf ??= new Map();
    e.byLeaf.set(leaf, (e.byLeaf.get(leaf) ?? 0) + x);
  };
  for (const [key, x] of Object.entries(model.weights)) {
    const [kind, a, b] = splitKey(key);
    if (kind === 'b') {
      const i = leafIndex.get(a);
      if (i !== undefined) bias[i] = x;
    } else if (kind === 'w') entry(a).own += x;
    else if (kind === 'l') {
      const i = leafIndex.get(a);
      if (i !== undefined) addByLeaf(b, i, x);
    } else if (kind === 'p') {
      leaves.forEach((leaf, i) => {
        if (parentOf(leaf) === a) addByLeaf(b, i, x);
      });
    } else if (kind === 'o') other.set(`${a}|${b}`, x);
  }
  // Leaves with a bias but no parent weights of their own still get their parent's (added above).
  const scores = (ws: readonly string[], fired: readonly string[]): number[] => {
    let own = 0;
    const z = fired.map((leaf) => bias[leafIndex.get(leaf) ?? -1] ?? NaN);
    const idx = fired.map((leaf) => leafIndex.get(leaf) ?? -1);
    for (const w of ws) {
      const e = words.get(w);
      if (!e) continue;
      own += e.own;
      if (e.byLeaf) for (let k = 0; k < idx.length; k++) z[k] += e.byLeaf.get(idx[k]) ?? 0;
    }
    if (other.size) {
      for (let k = 0; k < fired.length; k++) {
        for (const o of fired) if (o !== fired[k]) z[k] += other.get(`${fired[k]}|${o}`) ?? 0;
      }
    }
    return z.map((v) => 1 / (1 + Math.exp(-(v + own))));
  };
  return {
    threshold: model.threshold,
    scores,
    keep(tokens, lang, fired) {
      const kept = new Set<string>();
      if (fired.length === 0) return kept;
      const p = scores(checkWords(tokens, lang), fired);
      // NaN (a leaf the model never saw) fails the comparison, so it is kept.
      fired.forEach((leaf, k) => {
        if (!(p[k] < model.threshold)) kept.add(leaf);
      });
      return kept;
    }
  };
}

/** "l|stay.room|房间" → ["l", "stay.room", "房间"]; a word may itself hold "|". */
function splitKey(key: string): [string, string, string] {
  const kind = key.slice(0, 1);
  const rest = key.slice(2);
  if (kind === 'w') return [kind, rest, ''];
  if (kind === 'b') return [kind, rest, ''];
  const bar = rest.indexOf('|');
  return [kind, rest.slice(0, bar), rest.slice(bar + 1)];
}
