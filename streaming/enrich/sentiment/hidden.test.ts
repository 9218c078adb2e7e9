import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hiddenMargin, trainHidden, type HiddenLayer } from './hidden.ts';
import { trainLogistic, margin, type SparseRow } from './logistic.ts';
import { loadModel, saveModel } from './model.ts';
import { MODEL_DIR, loadSentimentModel, scoreSentiment } from './index.ts';
import { extractFeatures } from './features.ts';
import { FeatureVector } from './vector.ts';
import { tokenize } from '../tokens.ts';

const row = (idx: number[], val = idx.map(() => 1)): SparseRow => ({ idx: Int32Array.from(idx), val: Float32Array.from(val) });

describe('hidden layer forward pass', () => {
  it('sums the features’ rows weighted by value, applies ReLU and the output weights', () => {
    // 2^2 buckets × 2 dims; feature 5 lands in bucket 1 (5 & 3), feature 2 in bucket 2.
    const layer: HiddenLayer = {
      bits: 2,
      dims: 2,
      table: Float32Array.from([0, 0, 1, -2, 0.5, 3, 0, 0]),
      hiddenBias: Float32Array.from([0.25, 0.5]),
      out: Float32Array.from([2, -1]),
      outBias: 0.125,
      activation: 'relu'
    };
    // unit 0: 0.25 + 0.5·1 + 2·0.5 = 1.75 → ReLU 1.75; unit 1: 0.5 + 0.5·(−2) + 2·3 = 5.5
    // margin 0.125 + 2·1.75 − 1·5.5 = −1.875
    expect(hiddenMargin(layer, Int32Array.from([5, 2]), Float32Array.from([0.5, 2]), 2)).toBeCloseTo(-1.875, 6);
    // a negative unit contributes nothing: unit 0 = 0.25 − 1 = −0.75 → 0; unit 1 = 0.5 + 2 = 2.5
    expect(hiddenMargin(layer, Int32Array.from([1]), Float32Array.from([-1]), 1)).toBeCloseTo(0.125 - 2.5, 6);
    // only the first n entries count
    expect(hiddenMargin(layer, Int32Array.from([5, 2]), Float32Array.from([0.5, 2]), 1)).toBeCloseTo(0.125 + 2 * 0.75, 6);
    // tanh keeps a negative unit's (negative) output
    const t = { ...layer, activation: 'tanh' as const };
    expect(hiddenMargin(t, Int32Array.from([1]), Float32Array.from([-1]), 1)).toBeCloseTo(0.125 + 2 * Math.tanh(-0.75) - Math.tanh(2.5), 6);
  });
});

describe('hidden layer training', () => {
  // XOR of features 1 and 2 (feature 3 always on): no linear model separates it, a hidden layer can.
  const rows = [row([3]), row([1, 3]), row([2, 3]), row([1, 2, 3])];
  const labels = [0, 1, 1, 0];
  const loss = (z: (i: number) => number) => rows.reduce((s, _, i) => s + Math.log(1 + Math.exp(labels[i] === 1 ? -z(i) : z(i))), 0) / rows.length;

  it('reduces the loss and fits a set the linear model cannot', () => {
    const lin = trainLogistic(rows, labels, null, { bits: 4, epochs: 200, learningRate: 0.5, l2: 0, seed: 1 });
    const base = rows.map((r) => margin(lin, r.idx, r.val, r.idx.length));
    const linearRight = rows.filter((_, i) => (base[i] > 0 ? 1 : 0) === labels[i]).length;
    expect(linearRight).toBeLessThan(4);
    const opts = { bits: 4, dims: 8, learningRate: 0.3, l2: 0, seed: 1, init: 4, activation: 'tanh' as const };
    const before = trainHidden(rows, labels, null, base, { ...opts, epochs: 0 });
    const after = trainHidden(rows, labels, null, base, { ...opts, epochs: 300 });
    const z = (layer: HiddenLayer) => (i: number) => base[i] + hiddenMargin(layer, rows[i].idx, rows[i].val, rows[i].idx.length);
    expect(loss(z(after))).toBeLessThan(loss(z(before)) / 4);
    for (let i = 0; i < rows.length; i++) expect(z(after)(i) > 0 ? 1 : 0).toBe(labels[i]);
  });

  it('is deterministic for a seed', () => {
    const base = [0, 0, 0, 0];
    const a = trainHidden(rows, labels, null, base, { bits: 4, dims: 4, epochs: 5, learningRate: 0.1, l2: 1e-4, seed: 9 });
    const b = trainHidden(rows, labels, null, base, { bits: 4, dims: 4, epochs: 5, learningRate: 0.1, l2: 1e-4, seed: 9 });
    expect(Buffer.from(a.table.buffer).equals(Buffer.from(b.table.buffer))).toBe(true);
    expect(a.outBias).toBe(b.outBias);
  });
});

describe('hidden layer on disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'voc-hidden-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    loadSentimentModel();
  });
  const rows = [row([3, 17]), row([1, 3, 40]), row([2, 3]), row([1, 2, 3, 99])];
  const layer = trainHidden(rows, [0, 1, 1, 0], null, [0, 0, 0, 0], { bits: 6, dims: 4, epochs: 20, learningRate: 0.2, l2: 0, seed: 5 });

  it('a saved and loaded model scores identically', () => {
    const shipped = loadModel(MODEL_DIR);
    saveModel(dir, { ...shipped, zh: { ...shipped.zh, hidden: layer } });
    const loaded = loadModel(dir);
    expect(loaded.en.hidden).toBeUndefined();
    const h = loaded.zh.hidden!;
    expect([h.bits, h.dims, h.outBias]).toEqual([layer.bits, layer.dims, layer.outBias]);
    for (const r of rows) expect(hiddenMargin(h, r.idx, r.val, r.idx.length)).toBe(hiddenMargin(layer, r.idx, r.val, r.idx.length));
    expect(Buffer.from(loaded.zh.weights.buffer).equals(Buffer.from(shipped.zh.weights.buffer))).toBe(true);
  });

  it('the scorer adds the loaded layer to the margin', () => {
    const text = '房间很干净，可是隔音太差了';
    const tokens = tokenize(text, 'zh');
    // gate 1, no acts, no verdicts: score = tanh(margin / 2)
    const shipped = loadSentimentModel();
    const zOld = 2 * Math.atanh(scoreSentiment(text, 'zh', tokens, 1, 0, false).score);
    const withLayer = loadSentimentModel(dir);
    const zNew = 2 * Math.atanh(scoreSentiment(text, 'zh', tokens, 1, 0, false).score);
    const vec = new FeatureVector(shipped.zh.bits);
    extractFeatures(text, 'zh', tokens, withLayer, vec);
    const h = hiddenMargin(withLayer.zh.hidden!, vec.idx, vec.val, vec.n);
    expect(Math.abs(h)).toBeGreaterThan(1e-3);
    expect(zNew - zOld).toBeCloseTo(h, 4);
  });

  it('refuses a manifest whose hidden layer entry is incomplete or whose file is truncated', () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    delete manifest.zh.hidden.dims;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    expect(() => loadModel(dir)).toThrow(/hidden layer lacks dims/);
    manifest.zh.hidden.dims = 4;
    manifest.zh.hidden.bits = 7;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    expect(() => loadModel(dir)).toThrow(/expected/);
  });
});
