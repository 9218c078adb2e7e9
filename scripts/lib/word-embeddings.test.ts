import { describe, expect, it } from 'vitest';
import { FeatureVector } from '../../streaming/enrich/sentiment/vector.ts';
import { appendClusters, appendEmbedding, clusterWords, embedSlots, type EmbedOptions, type WordVectors } from './word-embeddings.ts';

// Toy 2-d vectors: two tight groups pointing different ways, in frequency order.
const toy: WordVectors = {
  dims: 2,
  vectors: new Map([
    ['good', Float32Array.from([1, 0.1])],
    ['bad', Float32Array.from([0.1, 1])],
    ['great', Float32Array.from([0.9, 0.05])],
    ['awful', Float32Array.from([0.05, 0.9])]
  ]),
  rank: new Map([
    ['good', 1],
    ['bad', 2],
    ['great', 3],
    ['awful', 4]
  ])
};
const opts: EmbedOptions = { scale: 1, pool: 'mean', negate: false, sif: 0 };

describe('word-embedding experiment features', () => {
  it('clusters words by direction', () => {
    const c = clusterWords(toy, 2, 4, 3);
    expect(c.get('good')).toBe(c.get('great'));
    expect(c.get('bad')).toBe(c.get('awful'));
    expect(c.get('good')).not.toBe(c.get('bad'));
  });

  it('emits one unit-norm mean block, sign-flipped in a negator scope when asked', () => {
    const slots = embedSlots(2, 'mean');
    const tokens = { words: ['not', 'good'], lemmas: ['not', 'good'] };
    const plain = new FeatureVector(18);
    appendEmbedding('not good', tokens, toy, opts, slots, plain);
    expect(plain.n).toBe(2);
    expect(plain.val[0] ** 2 + plain.val[1] ** 2).toBeCloseTo(1, 5);
    expect(plain.val[0]).toBeGreaterThan(0);
    const negated = new FeatureVector(18);
    appendEmbedding('not good', tokens, toy, { ...opts, negate: true }, slots, negated);
    expect(negated.val[0]).toBeLessThan(0);
  });

  it('marks cluster ids inside a negator scope apart from plain ones, and the scope ends at a comma', () => {
    const c = clusterWords(toy, 2, 4, 3);
    const v = new FeatureVector(18);
    appendClusters('good, not good, good', { words: ['good', 'not', 'good', 'good'], lemmas: ['good', 'not', 'good', 'good'] }, c, 1, v);
    expect(v.n).toBe(3);
    expect(v.idx[0]).toBe(v.idx[2]);
    expect(v.idx[1]).not.toBe(v.idx[0]);
  });
});
