import { fmix32 } from '../../hash.ts';
import type { SparseRow } from './logistic.ts';

/**
 * Domain experts ("frustratingly easy domain adaptation", Daumé III 2007). A word means different
 * things in different kinds of review: 慢 decides a hotel review but barely moves a food-delivery rating,
 * which follows the food; "unpredictable" praises a film and damns a kettle. One shared weight table
 * cannot hold both, so every n-gram also gets a second weight private to the message's domain, trained
 * jointly with the shared ones (the shared weights keep what all domains agree on, the private ones only
 * the difference). The domain is never given at scoring time: a multinomial naive-Bayes classifier over
 * the same feature vector guesses it from the text (food words → delivery reviews, room words → hotels).
 * A message from a kind of source no domain resembles still gets the shared weights plus the nearest
 * domain's small corrections.
 *
 * Training domains come from the source files (and a file's product category), never from the text, so
 * the dev sets' sources are what the classifier learns to tell apart.
 */

/** The domain name whose messages get no private weights (scored by the shared table alone). */
export const NO_EXPERT = 'none';

export interface DomainClassifier {
  /** hash bits of the classifier's own (smaller) table */
  bits: number;
  /** domain names, index = domain id */
  names: string[];
  /**
   * log P(feature | domain), bucket-major ([j · D + d]): the D values a feature needs share a cache line,
   * so classifying costs one memory access per feature, not D.
   */
  logProb: Float32Array;
  /** log P(domain) */
  logPrior: Float32Array;
}

/** Domain d's private copy of feature bucket j: a fixed per-domain XOR, i.e. a permutation of the table. */
export function expertIndex(j: number, d: number, mask: number): number {
  return (j ^ fmix32(0x3001 + d)) & mask;
}

/**
 * Multinomial naive Bayes over the n-gram block's values (L2-normalised weights), add-alpha smoothed. One
 * pass over the data; the dense features (lexicon sums, length) say nothing about the domain.
 */
export function trainDomainClassifier(rows: readonly SparseRow[], domains: ArrayLike<number>, names: string[], bits: number, alpha = 0.1): DomainClassifier {
  const size = 1 << bits;
  const mask = size - 1;
  const D = names.length;
  const counts = new Float64Array(D * size);
  const totals = new Float64Array(D);
  const docs = new Float64Array(D);
  for (let r = 0; r < rows.length; r++) {
    const d = domains[r];
    docs[d]++;
    const { idx, val } = rows[r];
    const n = rows[r].sparse ?? idx.length;
    for (let k = 0; k < n; k++) {
      counts[(idx[k] & mask) * D + d] += val[k];
      totals[d] += val[k];
    }
  }
  const logProb = new Float32Array(D * size);
  const logPrior = new Float32Array(D);
  for (let d = 0; d < D; d++) {
    const denom = Math.log(totals[d] + alpha * size);
    for (let j = 0; j < size; j++) logProb[j * D + d] = Math.log(counts[j * D + d] + alpha) - denom;
    logPrior[d] = Math.log((docs[d] + 1) / (rows.length + D));
  }
  return { bits, names, logProb, logPrior };
}

let scores = new Float64Array(16);

/** The most likely domain of a feature vector's n-gram block (its first `n` entries). */
export function predictDomain(c: DomainClassifier, idx: Int32Array, val: Float32Array, n: number): number {
  const D = c.names.length;
  if (scores.length < D) scores = new Float64Array(D);
  const mask = (1 << c.bits) - 1;
  const lp = c.logProb;
  for (let d = 0; d < D; d++) scores[d] = c.logPrior[d];
  for (let k = 0; k < n; k++) {
    const base = (idx[k] & mask) * D;
    const v = val[k];
    for (let d = 0; d < D; d++) scores[d] += v * lp[base + d];
  }
  let best = 0;
  for (let d = 1; d < D; d++) if (scores[d] > scores[best]) best = d;
  return best;
}

/**
 * A training row for the joint model: the shared features in [0, 2^bits) and the n-grams' domain-private
 * copies in [2^bits, 2^bits + 2^expertBits), so one logistic regression over bits+1 learns both tables at
 * once. The private table is smaller than the shared one: it holds corrections, and every scored feature
 * looks it up, so it should stay in the CPU's cache as far as possible.
 */
export function withExpert(row: SparseRow, d: number, bits: number, expertBits = bits): SparseRow {
  const mask = (1 << expertBits) - 1;
  const { idx, val } = row;
  const m = row.sparse ?? idx.length;
  const outIdx = new Int32Array(idx.length + m);
  const outVal = new Float32Array(idx.length + m);
  outIdx.set(idx);
  outVal.set(val);
  for (let k = 0; k < m; k++) {
    outIdx[idx.length + k] = (1 << bits) | expertIndex(idx[k], d, mask);
    outVal[idx.length + k] = val[k];
  }
  return { idx: outIdx, val: outVal, offset: row.offset, sparse: row.sparse };
}

/** Domain-private margin of a scored vector: 0 for a message classified into a domain without experts. */
export function scoreExperts(e: DomainClassifier & { weights: Float32Array }, idx: Int32Array, val: Float32Array, sparse: number): number {
  const d = predictDomain(e, idx, val, sparse);
  return e.names[d] === NO_EXPERT ? 0 : expertMargin(e.weights, idx, val, sparse, d);
}

/** The expert table's contribution to the margin for domain d, over the first `n` (n-gram) entries. */
export function expertMargin(expert: Float32Array, idx: Int32Array, val: Float32Array, n: number, d: number): number {
  const mask = expert.length - 1;
  const salt = fmix32(0x3001 + d);
  let z = 0;
  for (let k = 0; k < n; k++) z += expert[(idx[k] ^ salt) & mask] * val[k];
  return z;
}
