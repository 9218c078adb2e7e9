import { describe, expect, it } from 'vitest';
import { margin, nbRatios, trainLogistic, type SparseRow } from './logistic.ts';

const row = (idx: number[], val = idx.map(() => 1)): SparseRow => ({ idx: Int32Array.from(idx), val: Float32Array.from(val) });

// Feature 1 only in positives, 2 only in negatives, 3 in both, 7 a dense real-valued slot.
const rows = [row([1, 3, 7], [1, 1, 0.8]), row([1, 7], [1, 0.5]), row([2, 3, 7], [1, 1, -0.6]), row([2, 7], [1, -0.9])];
const labels = [1, 1, 0, 0];

describe('NB-LR', () => {
  it('gives class-specific features log-count ratios of the right sign and shared ones about zero', () => {
    const r = nbRatios(rows, labels, null, 4, 1, 1, [7]);
    expect(r[1]).toBeGreaterThan(0.5);
    expect(r[2]).toBeLessThan(-0.5);
    expect(Math.abs(r[3])).toBeLessThan(1e-6);
    expect(r[7]).toBe(1); // dense slots keep their scale
  });

  it('folds the ratios into the weights, so scoring stays a plain dot product', () => {
    const m = trainLogistic(rows, labels, null, { bits: 4, epochs: 50, learningRate: 0.5, l2: 0, seed: 1, nbAlpha: 1 }, [7]);
    for (let i = 0; i < rows.length; i++) {
      const z = margin(m, rows[i].idx, rows[i].val, rows[i].idx.length);
      expect(z > 0 ? 1 : 0).toBe(labels[i]);
    }
    // a feature seen in both classes carries ratio 0, so its folded weight is 0
    expect(m.weights[3]).toBe(0);
  });

  it('NBSVM interpolation adds a naive-Bayes vote to the n-gram weights and leaves dense slots alone', () => {
    const opts = { bits: 4, epochs: 50, learningRate: 0.5, l2: 0, seed: 1, nbAlpha: 1 };
    const plain = trainLogistic(rows, labels, null, opts, [7]);
    const mixed = trainLogistic(rows, labels, null, { ...opts, nbMix: 0.5 }, [7]);
    const r = nbRatios(rows, labels, null, 4, 1, 1, [7]);
    for (const j of [1, 2, 3]) expect(mixed.weights[j]).toBeCloseTo(plain.weights[j] + 0.5 * r[j], 5);
    expect(mixed.weights[7]).toBe(plain.weights[7]);
  });

  it('weights samples: a heavily weighted row pulls the shared decision its way', () => {
    const conflict = [row([5]), row([5])];
    const toPositive = trainLogistic(conflict, [1, 0], [10, 1], { bits: 4, epochs: 30, learningRate: 0.5, l2: 0, seed: 1 });
    const toNegative = trainLogistic(conflict, [1, 0], [1, 10], { bits: 4, epochs: 30, learningRate: 0.5, l2: 0, seed: 1 });
    expect(margin(toPositive, Int32Array.from([5]), Float32Array.from([1]), 1)).toBeGreaterThan(0);
    expect(margin(toNegative, Int32Array.from([5]), Float32Array.from([1]), 1)).toBeLessThan(0);
  });
});
