import { describe, expect, it } from 'vitest';
import type { Lang } from '../../schemas/feedback.ts';
import {
  countKeywords,
  extractKeywords,
  frequentKeywords,
  growthRatio,
  logLikelihood,
  mergeWindows,
  rateLogLikelihood,
  specificKeywords,
  topicSpecificity,
  topKeys,
  topKeywords
} from './keywords.ts';
import { tokenize } from './tokens.ts';

const kw = (text: string, lang: Lang, max = 8) => extractKeywords(tokenize(text, lang), lang, max, text);

describe('extractKeywords', () => {
  it('keeps Chinese content words and adjacent-word bigrams, drops particles', () => {
    const k = kw('送餐太慢了，饭都凉了，图片加载也很慢', 'zh', 10);
    expect(k).toEqual(expect.arrayContaining(['送餐', '太慢', '图片加载']));
    for (const stop of ['了', '都', '也']) expect(k).not.toContain(stop);
  });

  it('uses English lemmas and keeps noun bigrams', () => {
    const k = kw('The battery life is great but refunds took weeks', 'en');
    expect(k).toEqual(expect.arrayContaining(['battery', 'battery life', 'refund']));
    expect(k).not.toContain('the');
  });

  it('does not glue words across punctuation when the text is given', () => {
    const k = kw('房间很干净，早餐丰富', 'zh', 20);
    expect(k).not.toContain('干净早餐');
    expect(k).toContain('早餐丰富');
  });

  it('drops numbers and ranks lone Han characters last', () => {
    const words = ['汤', '2', '小时', '凉'];
    expect(extractKeywords({ words, lemmas: words }, 'zh')).toEqual(['小时', '汤', '凉']);
  });

  it('respects max and returns each keyword once', () => {
    const k = kw('slow slow slow delivery, slow app, slow refund, slow support', 'en', 3);
    expect(k).toHaveLength(3);
    expect(k[0]).toBe('slow');
    expect(new Set(k).size).toBe(k.length);
  });

  it('returns [] for pure function words', () => {
    expect(kw('我的也是了', 'zh')).toEqual([]);
  });
});

describe('keyword windows', () => {
  const repeat = (n: number, list: string[]) => Array.from({ length: n }, () => list);

  it('counts each keyword once per message', () => {
    const w = countKeywords([['a1', 'a1', 'b2'], ['a1']]);
    expect(w.docs).toBe(2);
    expect(w.counts.get('a1')).toBe(2);
    expect(w.counts.get('b2')).toBe(1);
  });

  it('merges windows', () => {
    const w = mergeWindows(countKeywords([['x']]), countKeywords([['x'], ['y']]));
    expect(w).toEqual({ counts: new Map([['x', 2], ['y', 1]]), docs: 3 });
  });

  it('G² is 0 for equal rates and grows with the difference', () => {
    expect(logLikelihood(10, 100, 100, 1000)).toBeCloseTo(0, 9);
    expect(logLikelihood(30, 100, 100, 1000)).toBeGreaterThan(logLikelihood(20, 100, 100, 1000));
    expect(logLikelihood(30, 100, 100, 1000)).toBeGreaterThan(10.83);
  });

  it('growth ratio stays finite for keywords unseen in the baseline', () => {
    expect(growthRatio(10, 100, 0, 1000)).toBeGreaterThan(100);
    expect(Number.isFinite(growthRatio(10, 100, 0, 1000))).toBe(true);
  });

  it('topKeywords ranks the surging keyword and leaves stable ones out', () => {
    const baseline = countKeywords([...repeat(900, ['送餐', '味道']), ...repeat(100, ['送餐', '加载'])]);
    const window = countKeywords([...repeat(60, ['送餐', '味道']), ...repeat(40, ['加载', '图片'])]);
    const top = topKeywords(window, baseline);
    expect(top[0].keyword).toBe('图片');
    expect(top.map((t) => t.keyword)).toContain('加载');
    expect(top.map((t) => t.keyword)).not.toContain('送餐');
    expect(top.map((t) => t.keyword)).not.toContain('味道');
  });

  it('ignores keywords below the minimum count', () => {
    const window = countKeywords([['新词'], ['新词'], ...repeat(50, ['x'])]);
    expect(topKeywords(window, countKeywords(repeat(100, ['x'])), { minCount: 3 })).toEqual([]);
  });

  it('frequentKeywords orders by count', () => {
    expect(frequentKeywords(countKeywords([['a'], ['a', 'b']]), 1)).toEqual([{ keyword: 'a', count: 2 }]);
  });
});

describe('topKeys', () => {
  it('ranks like a stable sort by descending score, cut to max', () => {
    const keys = ['a', 'b', 'c', 'd', 'e', 'f'];
    const scores = [1, 2, 0.5, 2, 1, 3];
    const stable = keys.map((_, k) => k).sort((x, y) => scores[y] - scores[x]).map((k) => keys[k]);
    expect(topKeys(keys, scores, 10)).toEqual(stable);
    expect(topKeys(keys, scores, 3)).toEqual(['f', 'b', 'd']);
    expect(topKeys(keys, scores, 0)).toEqual([]);
  });

  it('keeps first-mention order among equal scores', () => {
    expect(topKeys(['x', 'y', 'z'], [1, 1, 1], 2)).toEqual(['x', 'y']);
  });

  it('agrees with a stable sort on many random lists (ties, cuts, insertions anywhere)', () => {
    let seed = 1;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let r = 0; r < 500; r++) {
      const n = Math.floor(rnd() * 30);
      const keys = Array.from({ length: n }, (_, k) => `k${k}`);
      const scores = keys.map(() => Math.floor(rnd() * 5) / 2);
      const max = Math.floor(rnd() * 12);
      const stable = keys.map((_, k) => k).sort((x, y) => scores[y] - scores[x]).slice(0, max).map((k) => keys[k]);
      expect(topKeys(keys, scores, max)).toEqual(stable);
    }
  });
});

describe('keywords specific to a topic', () => {
  it('scores a word every message uses near zero and a word of the topic highest', () => {
    // 40 delivery messages in a window of 130; "外卖" is in all 130, "送餐" only in 30 delivery ones.
    expect(Math.abs(topicSpecificity(40, 40, 130, 130))).toBeLessThan(2);
    expect(topicSpecificity(30, 40, 30, 130)).toBeGreaterThan(30);
    // Said as often inside the topic as outside it: no lift, however frequent.
    expect(topicSpecificity(400, 1000, 4000, 10_000)).toBeCloseTo(0, 0);
  });

  it('keeps the words the topic shares with every topic out of its list, most frequent first', () => {
    const counts = [
      { keyword: '外卖', count: 40 },
      { keyword: '送餐', count: 30 },
      { keyword: '太慢', count: 25 },
      { keyword: '饭团外卖', count: 20 }
    ];
    const all = new Map([['外卖', 130], ['送餐', 31], ['太慢', 26], ['饭团外卖', 65]]);
    expect(specificKeywords(counts, 40, all, 130, 2).map((k) => k.keyword)).toEqual(['送餐', '太慢']);
    // The topic is the whole window: nothing is more specific than anything else, so frequency decides.
    expect(specificKeywords(counts, 130, new Map(counts.map((k) => [k.keyword, k.count])), 130, 2).map((k) => k.keyword)).toEqual(['外卖', '送餐']);
  });
});

describe('counts against a baseline rate', () => {
  it('is 0 when the window holds what the baseline rate predicts, large when it holds far more', () => {
    expect(rateLogLikelihood(10, 10, 1)).toBeCloseTo(0, 6);
    expect(rateLogLikelihood(1, 30, 1 / 30)).toBeCloseTo(0, 6);
    expect(rateLogLikelihood(30, 30, 1 / 30)).toBeGreaterThan(50);
    // Both counts are noisy: 4 against 0 in the hour before is weak evidence, not a certainty.
    expect(rateLogLikelihood(4, 0, 1 / 30)).toBeLessThan(rateLogLikelihood(40, 0, 1 / 30));
  });
});
