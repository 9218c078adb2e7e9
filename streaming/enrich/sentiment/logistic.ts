import { mulberry32 } from '../../random.ts';

export { mulberry32 };
/**
 * Logistic regression over hashed sparse features, trained with AdaGrad. Pure: same data, options and
 * seed give the same weights bit for bit (the shuffle uses its own seeded generator, never Math.random).
 */

export interface SparseRow {
  idx: Int32Array;
  val: Float32Array;
  /** rule-based margin added at scoring time; training ignores it so the weights cannot learn it away */
  offset?: number;
  /** entries [0, sparse) are n-grams, the rest dense features (see FeatureVector.sparse) */
  sparse?: number;
}

export interface TrainOptions {
  bits: number;
  epochs: number;
  learningRate: number;
  /** L2 penalty, applied lazily to the features a row touches */
  l2: number;
  seed: number;
  /** return the mean of the weights at the end of each epoch (smoother, generalises a little better) */
  average?: boolean;
  /**
   * NB-LR (Wang & Manning 2012): scale each feature by its naive-Bayes log-count ratio before the
   * logistic regression, then fold the ratio into the returned weights. 0 = off, else the add-alpha
   * smoothing of the per-class presence counts.
   */
  nbAlpha?: number;
  /** raise the ratio's magnitude to this power (1 = plain NB-LR); < 1 tempers rare, extreme ratios */
  nbPower?: number;
  /**
   * NBSVM interpolation (Wang & Manning 2012, β): add nbMix × the NB log-count ratio to each folded
   * n-gram weight, i.e. blend in a naive-Bayes vote over the same features. Still one weight per feature,
   * so scoring costs nothing more. Dense slots (`keep`) get no NB vote. 0/undefined = off; needs nbAlpha.
   */
  nbMix?: number;
}

/**
 * Per-bucket log-count ratio log((p_j/|p|) / (q_j/|q|)) over feature presence in positive (p) and
 * negative (q) rows; buckets in `keep` (dense, real-valued features such as lexicon sums) stay 1.
 */
export function nbRatios(
  rows: readonly SparseRow[],
  labels: ArrayLike<number>,
  sampleWeights: ArrayLike<number> | null,
  bits: number,
  alpha: number,
  power: number,
  keep: readonly number[]
): Float32Array {
  const dim = 1 << bits;
  const pos = new Float64Array(dim);
  const neg = new Float64Array(dim);
  const seen = new Int32Array(dim).fill(-1);
  for (let r = 0; r < rows.length; r++) {
    const counts = labels[r] === 1 ? pos : neg;
    const sw = sampleWeights ? sampleWeights[r] : 1;
    const { idx } = rows[r];
    for (let k = 0; k < idx.length; k++) {
      const j = idx[k];
      if (seen[j] === r) continue; // presence, not frequency
      seen[j] = r;
      counts[j] += sw;
    }
  }
  let pSum = 0;
  let qSum = 0;
  for (let j = 0; j < dim; j++) {
    pSum += pos[j] + alpha;
    qSum += neg[j] + alpha;
  }
  const ratio = new Float32Array(dim);
  for (let j = 0; j < dim; j++) {
    const r = Math.log((pos[j] + alpha) / pSum) - Math.log((neg[j] + alpha) / qSum);
    ratio[j] = Math.sign(r) * Math.pow(Math.abs(r), power);
  }
  for (const j of keep) ratio[j & (dim - 1)] = 1;
  return ratio;
}

export interface LinearWeights {
  weights: Float32Array;
  bias: number;
}

/**
 * A second term trained jointly with the linear weights (hidden.ts, an experiment): its margin is added to
 * every row's, and it steps on the same gradient of the loss with respect to the margin.
 */
export interface JointTerm {
  forward(idx: Int32Array, val: Float32Array): number;
  backward(idx: Int32Array, val: Float32Array, gradient: number): void;
  /** after each epoch (averaging, a schedule) */
  epochEnd?(): void;
}

export function trainLogistic(
  rows: readonly SparseRow[],
  labels: ArrayLike<number>,
  sampleWeights: ArrayLike<number> | null,
  opts: TrainOptions,
  keep: readonly number[] = [],
  joint?: JointTerm
): LinearWeights {
  const dim = 1 << opts.bits;
  const scale = opts.nbAlpha ? nbRatios(rows, labels, sampleWeights, opts.bits, opts.nbAlpha, opts.nbPower ?? 1, keep) : null;
  const w = new Float32Array(dim);
  const g2 = new Float32Array(dim).fill(1e-6);
  let bias = 0;
  let biasG2 = 1e-6;
  const order = Array.from({ length: rows.length }, (_, i) => i);
  const random = mulberry32(opts.seed);
  const sum = opts.average ? new Float64Array(dim) : null;
  let biasSum = 0;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    shuffle(order, random);
    for (const r of order) {
      const { idx, val } = rows[r];
      let z = bias;
      if (scale) for (let k = 0; k < idx.length; k++) z += w[idx[k]] * val[k] * scale[idx[k]];
      else for (let k = 0; k < idx.length; k++) z += w[idx[k]] * val[k];
      if (joint) z += joint.forward(idx, val);
      const p = 1 / (1 + Math.exp(-z));
      const g = (p - labels[r]) * (sampleWeights ? sampleWeights[r] : 1);
      if (joint) joint.backward(idx, val, g);
      for (let k = 0; k < idx.length; k++) {
        const j = idx[k];
        const grad = g * val[k] * (scale ? scale[j] : 1) + opts.l2 * w[j];
        g2[j] += grad * grad;
        w[j] -= (opts.learningRate * grad) / Math.sqrt(g2[j]);
      }
      biasG2 += g * g;
      bias -= (opts.learningRate * g) / Math.sqrt(biasG2);
    }
    if (sum) {
      for (let j = 0; j < dim; j++) sum[j] += w[j];
      biasSum += bias;
    }
    joint?.epochEnd?.();
  }
  if (sum) {
    for (let j = 0; j < dim; j++) w[j] = sum[j] / opts.epochs;
    bias = biasSum / opts.epochs;
  }
  // Folding the ratios into the weights keeps scoring a plain dot product.
  if (scale) for (let j = 0; j < dim; j++) w[j] *= scale[j];
  if (scale && opts.nbMix) {
    const dense = new Set(keep.map((j) => j & (dim - 1)));
    for (let j = 0; j < dim; j++) if (!dense.has(j)) w[j] += opts.nbMix * scale[j];
  }
  return { weights: w, bias };
}

/** w·x + b; positive means the positive class. */
export function margin(model: LinearWeights, idx: Int32Array, val: Float32Array, n: number, offset = 0): number {
  const w = model.weights;
  let z = model.bias + offset;
  for (let k = 0; k < n; k++) z += w[idx[k]] * val[k];
  return z;
}


export function shuffle(a: number[], random: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
