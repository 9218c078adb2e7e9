import { mulberry32 } from '../../random.ts';
import { shuffle, trainLogistic, type LinearWeights, type SparseRow, type TrainOptions } from './logistic.ts';

/**
 * A small non-linear layer beside the linear model (fastText-style): every feature of the message looks up
 * a short vector in a hashed embedding table, the vectors are summed weighted by the feature's value (the
 * n-gram block is L2-normalised, so this is a weighted mean), passed through a ReLU hidden layer, and the
 * hidden units' weighted sum is added to the linear margin. The linear model can only add evidence up; the
 * hidden units can learn interactions ("good" next to a complaint about the room, praise before 可是) that
 * one weight per n-gram cannot.
 *
 * Trained as a residual: on each training row's *out-of-fold* linear margin (the margin of a linear model
 * that never saw the row), so the layer learns what the linear model gets wrong on text it has not seen,
 * not the near-zero residuals of its own training fit.
 */
export interface HiddenLayer {
  /** the embedding table has 2^bits rows; a feature's row is its (already hashed) index's low bits */
  bits: number;
  dims: number;
  /** row-major, (1 << bits) × dims */
  table: Float32Array;
  hiddenBias: Float32Array;
  out: Float32Array;
  outBias: number;
  /** ReLU is cheapest; tanh never goes dead (a ReLU unit negative on every row stops learning) */
  activation: 'relu' | 'tanh';
}

export interface HiddenTrainOptions {
  bits: number;
  dims: number;
  epochs: number;
  learningRate: number;
  /** L2 penalty on the embedding rows a row touches (lazy, as in logistic.ts) and on the output weights */
  l2: number;
  seed: number;
  /** initial embedding and output weights are uniform in ±init / dims (0: zero table, output ±1 / dims) */
  init?: number;
  activation?: 'relu' | 'tanh';
  /** joint training with an averaged linear model: average the layer over the same epochs */
  average?: boolean;
}

let acc = new Float64Array(64);

/** The layer's contribution to the margin for the first n entries of a feature vector. */
export function hiddenMargin(layer: HiddenLayer, idx: Int32Array, val: Float32Array, n: number): number {
  const { dims, table, hiddenBias, out } = layer;
  const mask = (1 << layer.bits) - 1;
  if (acc.length < dims) acc = new Float64Array(dims);
  for (let d = 0; d < dims; d++) acc[d] = hiddenBias[d];
  for (let k = 0; k < n; k++) {
    const row = (idx[k] & mask) * dims;
    const v = val[k];
    for (let d = 0; d < dims; d++) acc[d] += v * table[row + d];
  }
  let z = layer.outBias;
  if (layer.activation === 'tanh') for (let d = 0; d < dims; d++) z += out[d] * Math.tanh(acc[d]);
  else for (let d = 0; d < dims; d++) if (acc[d] > 0) z += out[d] * acc[d];
  return z;
}

/**
 * Fits the layer by AdaGrad on the logistic loss of (base[r] + layer margin), base fixed. Pure: same data,
 * options and seed give the same layer bit for bit.
 */
export function trainHidden(
  rows: readonly SparseRow[],
  labels: ArrayLike<number>,
  sampleWeights: ArrayLike<number> | null,
  base: ArrayLike<number>,
  opts: HiddenTrainOptions
): HiddenLayer {
  const random = mulberry32(opts.seed);
  const step = hiddenStepper(opts, random);
  const order = Array.from({ length: rows.length }, (_, i) => i);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    shuffle(order, random);
    for (const r of order) {
      const { idx, val } = rows[r];
      const p = 1 / (1 + Math.exp(-(base[r] + step.forward(idx, val))));
      step.backward(idx, val, (p - labels[r]) * (sampleWeights ? sampleWeights[r] : 1));
    }
  }
  return step.layer;
}

/**
 * Joint training (experiment): the linear model exactly as trainLogistic (NB scaling, AdaGrad, averaging,
 * NB mix) with the hidden layer's margin added to every row's margin, both updated from the same gradient.
 * The layer is averaged over epochs only with `hidden.average` (the mean of a non-linear layer's epochs is not
 * the layer of the mean weights, but it matches averaged linear weights better; measured both ways).
 */
export function trainJoint(
  rows: readonly SparseRow[],
  labels: ArrayLike<number>,
  sampleWeights: ArrayLike<number> | null,
  opts: TrainOptions,
  hidden: HiddenTrainOptions,
  keep: readonly number[] = []
): LinearWeights & { hidden: HiddenLayer } {
  const step = hiddenStepper(hidden, mulberry32(hidden.seed));
  // averaging the layer too (hidden.average) keeps it matched to the averaged linear weights it is added to
  const hiddenSum = opts.average && hidden.average ? { table: new Float64Array(step.layer.table.length), hiddenBias: new Float64Array(hidden.dims), out: new Float64Array(hidden.dims), outBias: 0 } : null;
  let epoch = 0;
  const linear = trainLogistic(rows, labels, sampleWeights, opts, keep, {
    forward: (idx, val) => step.forward(idx, val),
    backward: (idx, val, g) => {
      if (epoch < hidden.epochs) step.backward(idx, val, g);
    },
    epochEnd: () => {
      if (hiddenSum) addLayer(hiddenSum, step.layer);
      epoch++;
    }
  });
  if (hiddenSum) {
    const L = step.layer;
    for (let i = 0; i < L.table.length; i++) L.table[i] = hiddenSum.table[i] / opts.epochs;
    for (let d = 0; d < L.dims; d++) (L.hiddenBias[d] = hiddenSum.hiddenBias[d] / opts.epochs), (L.out[d] = hiddenSum.out[d] / opts.epochs);
    L.outBias = hiddenSum.outBias / opts.epochs;
  }
  return { ...linear, hidden: step.layer };
}

function addLayer(sum: { table: Float64Array; hiddenBias: Float64Array; out: Float64Array; outBias: number }, l: HiddenLayer): void {
  for (let i = 0; i < l.table.length; i++) sum.table[i] += l.table[i];
  for (let d = 0; d < l.dims; d++) (sum.hiddenBias[d] += l.hiddenBias[d]), (sum.out[d] += l.out[d]);
  sum.outBias += l.outBias;
}

/** One AdaGrad step of the hidden layer at a time, for a trainer that owns the loop. */
function hiddenStepper(opts: HiddenTrainOptions, random: () => number) {
  const { dims } = opts;
  const size = 1 << opts.bits;
  const mask = size - 1;
  const a = (opts.init ?? 1) / dims;
  const table = new Float32Array(size * dims);
  // init 0: a zero table (the random output weights still tell the units apart), so the many n-grams
  // seen once or never add no random vector to the sum
  if (a !== 0) for (let i = 0; i < table.length; i++) table[i] = (2 * random() - 1) * a;
  const out = new Float32Array(dims);
  for (let d = 0; d < dims; d++) out[d] = (2 * random() - 1) * (a || 1 / dims);
  const hiddenBias = new Float32Array(dims);
  const tanh = opts.activation === 'tanh';
  const layer: HiddenLayer = { bits: opts.bits, dims, table, hiddenBias, out, outBias: 0, activation: tanh ? 'tanh' : 'relu' };
  const g2Table = new Float32Array(size * dims).fill(1e-6);
  const g2Out = new Float64Array(dims).fill(1e-6);
  const g2Hidden = new Float64Array(dims).fill(1e-6);
  let g2OutBias = 1e-6;
  const h = new Float64Array(dims);
  const dh = new Float64Array(dims);
  const lr = opts.learningRate;
  return {
    layer,
    forward(idx: Int32Array, val: Float32Array): number {
      for (let d = 0; d < dims; d++) h[d] = hiddenBias[d];
      for (let k = 0; k < idx.length; k++) {
        const row = (idx[k] & mask) * dims;
        const v = val[k];
        for (let d = 0; d < dims; d++) h[d] += v * table[row + d];
      }
      let z = layer.outBias;
      for (let d = 0; d < dims; d++) {
        if (tanh) {
          const t = Math.tanh(h[d]);
          h[d] = t;
          dh[d] = 1 - t * t;
        } else if (h[d] > 0) dh[d] = 1;
        else (h[d] = 0), (dh[d] = 0);
        z += out[d] * h[d];
      }
      return z;
    },
    backward(idx: Int32Array, val: Float32Array, g: number): void {
      for (let d = 0; d < dims; d++) {
        dh[d] *= g * out[d];
        const go = g * h[d] + opts.l2 * out[d];
        g2Out[d] += go * go;
        out[d] -= (lr * go) / Math.sqrt(g2Out[d]);
        if (dh[d] !== 0) {
          g2Hidden[d] += dh[d] * dh[d];
          hiddenBias[d] -= (lr * dh[d]) / Math.sqrt(g2Hidden[d]);
        }
      }
      g2OutBias += g * g;
      layer.outBias -= (lr * g) / Math.sqrt(g2OutBias);
      for (let k = 0; k < idx.length; k++) {
        const row = (idx[k] & mask) * dims;
        const v = val[k];
        for (let d = 0; d < dims; d++) {
          if (dh[d] === 0) continue;
          const j = row + d;
          const gr = v * dh[d] + opts.l2 * table[j];
          g2Table[j] += gr * gr;
          table[j] -= (lr * gr) / Math.sqrt(g2Table[j]);
        }
      }
    }
  };
}
