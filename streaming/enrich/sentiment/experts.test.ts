import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_EXPERT, expertIndex, expertMargin, predictDomain, scoreExperts, trainDomainClassifier, withExpert } from './experts.ts';
import { margin, trainLogistic, type SparseRow } from './logistic.ts';
import { DEFAULT_EN_OPTIONS } from './features-en.ts';
import { DEFAULT_ZH_OPTIONS } from './features-zh.ts';
import { loadModel, saveModel, type SentimentModel } from './model.ts';

const BITS = 6;
const row = (idx: number[], sparse = idx.length): SparseRow => ({ idx: Int32Array.from(idx), val: Float32Array.from(idx.map(() => 1)), sparse });

// Two domains with their own vocabulary (1–4 vs 11–14) and one word (20) whose sign flips between them;
// feature 40 is a dense slot after the n-gram block.
const rows: SparseRow[] = [];
const labels: number[] = [];
const domains: number[] = [];
for (let i = 0; i < 40; i++) {
  const d = i % 2;
  const label = (i >> 1) % 2;
  const vocab = d === 0 ? [1 + label, 3] : [11 + label, 13];
  rows.push(row([...vocab, 20, 40], 3));
  labels.push(d === 0 ? label : 1 - label); // 20 co-occurs with positives in domain 0, negatives in domain 1
  domains.push(d);
}

describe('domain experts', () => {
  it('the naive-Bayes classifier tells the domains apart from their n-grams alone', () => {
    const c = trainDomainClassifier(rows, domains, ['a', 'b'], 8);
    for (let i = 0; i < rows.length; i++) expect(predictDomain(c, rows[i].idx, rows[i].val, rows[i].sparse!)).toBe(domains[i]);
  });

  it('adds a private copy of each n-gram (never of dense slots) in the upper half of the table', () => {
    const r = withExpert(rows[0], 1, BITS);
    expect(r.idx.length).toBe(rows[0].idx.length + 3);
    expect([...r.idx.slice(0, 4)]).toEqual([...rows[0].idx]);
    for (const j of r.idx.slice(4)) expect(j >= 1 << BITS).toBe(true);
    expect(r.idx[4]).toBe((1 << BITS) | expertIndex(rows[0].idx[0], 1, (1 << BITS) - 1));
  });

  it('private weights learn what a shared word means in each domain', () => {
    // Word 20 marks positives in domain 0 and negatives in domain 1 (word 21 the other class): the shared
    // weight cannot tell, each domain's private weight can.
    const r2: SparseRow[] = [];
    const l2: number[] = [];
    const d2: number[] = [];
    for (let i = 0; i < 40; i++) {
      const d = i % 2;
      const has20 = (i >> 1) % 2 === 0;
      r2.push(withExpert(row([has20 ? 20 : 21]), d, BITS));
      l2.push(has20 === (d === 0) ? 1 : 0);
      d2.push(d);
    }
    const m = trainLogistic(r2, l2, null, { bits: BITS + 1, epochs: 30, learningRate: 0.5, l2: 0, seed: 1 });
    const expert = m.weights.subarray(1 << BITS);
    const w20 = row([20]);
    expect(expertMargin(expert, w20.idx, w20.val, 1, 0)).toBeGreaterThan(0.5);
    expect(expertMargin(expert, w20.idx, w20.val, 1, 1)).toBeLessThan(-0.5);
    for (let i = 0; i < r2.length; i++) {
      const z = margin({ weights: m.weights.subarray(0, 1 << BITS), bias: m.bias }, r2[i].idx, r2[i].val, 1) + expertMargin(expert, r2[i].idx, r2[i].val, 1, d2[i]);
      expect(z > 0 ? 1 : 0).toBe(l2[i]);
    }
  });

  it("a domain named 'none' contributes nothing", () => {
    const c = trainDomainClassifier(rows, domains, [NO_EXPERT, 'b'], 8);
    const e = { ...c, weights: new Float32Array(1 << BITS).fill(1) };
    expect(scoreExperts(e, rows[0].idx, rows[0].val, 3)).toBe(0);
    expect(scoreExperts(e, rows[1].idx, rows[1].val, 3)).toBe(3);
  });

  it('survives a save and load of the model', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sent-experts-'));
    try {
      const c = trainDomainClassifier(rows, domains, ['a', 'b'], 8);
      const weights = Float32Array.from({ length: 1 << BITS }, (_, j) => j / 7);
      const model: SentimentModel = {
        version: 'test',
        zh: { bits: BITS, bias: 0.5, options: DEFAULT_ZH_OPTIONS, weights, experts: { ...c, weights: weights.map((w) => -w) } },
        en: { bits: BITS, bias: 0, options: DEFAULT_EN_OPTIONS, weights, lexicon: new Map([['good', 1.9]]) }
      };
      saveModel(dir, model);
      const back = loadModel(dir);
      expect(back.en.experts).toBeUndefined();
      expect(back.zh.experts!.names).toEqual(['a', 'b']);
      expect([...back.zh.experts!.logProb]).toEqual([...c.logProb]);
      expect([...back.zh.experts!.logPrior]).toEqual([...c.logPrior]);
      expect([...back.zh.experts!.weights]).toEqual([...weights.map((w) => -w)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
