import { describe, expect, it } from 'vitest';
import { tokenize } from '../tokens.ts';
import { CLAUSE_BREAK, NO_BREAK, SENTENCE_BREAK, contrastWeights, tokenBreaks } from './clauses.ts';
import { extractEnglish, DEFAULT_EN_OPTIONS } from './features-en.ts';
import { extractChinese, DEFAULT_ZH_OPTIONS } from './features-zh.ts';
import { NS, combine, hashString } from './hash.ts';
import { FeatureVector } from './vector.ts';

const BITS = 20;
const MASK = (1 << BITS) - 1;

function features(text: string, lang: 'zh' | 'en', lexicon = new Map<string, number>()) {
  const v = new FeatureVector(BITS);
  if (lang === 'en') extractEnglish(text, tokenize(text, lang), lexicon, DEFAULT_EN_OPTIONS, v);
  else extractChinese(text, tokenize(text, lang), DEFAULT_ZH_OPTIONS, v);
  const out = new Map<number, number>();
  for (let i = 0; i < v.n; i++) out.set(v.idx[i], (out.get(v.idx[i]) ?? 0) + v.val[i]);
  return out;
}
const unigram = (lemma: string, negated = false) => {
  const h = hashString(lemma, NS.word);
  return (negated ? combine(h, NS.negated) : h) & MASK;
};

describe('clause breaks', () => {
  it('finds the punctuation the tokens dropped', () => {
    const words = ['good', 'food', 'but', 'slow', 'really', 'slow'];
    const kinds = tokenBreaks('Good food, but slow. Really slow', words, new Uint8Array(4));
    expect([...kinds.slice(0, 6)]).toEqual([NO_BREAK, NO_BREAK, CLAUSE_BREAK, NO_BREAK, SENTENCE_BREAK, NO_BREAK]);
  });

  it('bounds contrast weighting to the sentence holding the contrast word', () => {
    const words = ['nice', 'but', 'slow', 'great', 'staff'];
    const kinds = Uint8Array.from([0, 1, 0, SENTENCE_BREAK, 0]);
    const w = contrastWeights(words, new Set(['but']), kinds, 0.5, 1.5, new Float32Array(1));
    expect([...w.slice(0, 5)]).toEqual([0.5, 1, 1.5, 1, 1]);
  });
});

describe('English features', () => {
  it('marks words in a negation scope until the clause ends', () => {
    const f = features("I don't like the app, love the staff", 'en');
    expect(f.has(unigram('like', true))).toBe(true);
    expect(f.has(unigram('like'))).toBe(false);
    expect(f.has(unigram('love'))).toBe(true);
    expect(f.has(unigram('love', true))).toBe(false);
  });

  it('weights the lexicon after "but" above the one before', () => {
    const lexicon = new Map([['good', 2], ['bad', -2]]);
    const sum = hashString('lex_sum', NS.flag) & MASK;
    expect(features('good but bad', 'en', lexicon).get(sum)!).toBeLessThan(0);
    expect(features('bad but good', 'en', lexicon).get(sum)!).toBeGreaterThan(0);
    // negation flips (and dampens) a lexicon word
    expect(features('not bad', 'en', lexicon).get(sum)!).toBeGreaterThan(0);
  });
});

describe('opinion-lexicon features', () => {
  const opinion = new Map([['flimsy', -1], ['reliable', 1], ['dependable', 1]]);
  const opts = { ...DEFAULT_EN_OPTIONS, opinionScale: 2, opinionGrams: 1 };
  function en(text: string) {
    const v = new FeatureVector(BITS);
    extractEnglish(text, tokenize(text, 'en'), new Map(), opts, v, opinion);
    const out = new Map<number, number>();
    for (let i = 0; i < v.n; i++) out.set(v.idx[i], (out.get(v.idx[i]) ?? 0) + v.val[i]);
    return out;
  }
  const flag = (name: string) => hashString(name, NS.flag) & MASK;

  it('counts review opinion words the valence lexicon lacks, by polarity and negation', () => {
    const f = en('The hinge feels flimsy');
    expect(f.get(flag('op_neg_plain'))).toBeGreaterThan(0);
    expect(f.has(flag('op_pos_plain'))).toBe(false);
    const g = en('It is not reliable');
    expect(g.get(flag('op_pos_negated'))).toBeGreaterThan(0);
    expect(g.has(flag('op_pos_plain'))).toBe(false);
    // a scale of 0 switches them off whatever the list holds
    const v = new FeatureVector(BITS);
    extractEnglish('The hinge feels flimsy', tokenize('The hinge feels flimsy', 'en'), new Map(), { ...opts, opinionScale: 0, opinionGrams: 0 }, v, opinion);
    expect([...v.idx.slice(0, v.n)].includes(flag('op_neg_plain'))).toBe(false);
  });

  it('gives two opinion words of one class a shared context feature', () => {
    const a = en('not reliable');
    const b = en('not dependable');
    const outside = en('not sturdy'); // not in the list
    // beyond what any "not X" shares (the word "not"), the two listed words share their class features
    const shared = [...a.keys()].filter((k) => b.has(k) && !outside.has(k));
    expect(shared.length).toBeGreaterThanOrEqual(2);
  });
});

describe('Chinese features', () => {
  it('rates VoC words from the lexicon: praise for a fix is positive, a negated complaint word too', () => {
    const pos = hashString('lex+', NS.flag) & MASK;
    const neg = hashString('lex-', NS.flag) & MASK;
    const fixed = features('图片加载变快了，选菜顺畅多了', 'zh');
    expect(fixed.get(pos)).toBeGreaterThan(0);
    expect(fixed.has(neg)).toBe(false);
    expect(features('图片一直转圈，太卡了', 'zh').get(neg)).toBeGreaterThan(0);
    const negated = features('现在不慢了', 'zh');
    expect(negated.get(pos)).toBeGreaterThan(0);
    expect(negated.has(neg)).toBe(false);
  });

  it('marks the words after a negator within reach', () => {
    const f = features('不好吃', 'zh');
    const words = tokenize('不好吃', 'zh').words;
    expect(words[0]).toBe('不');
    expect(f.has(unigram(words[1], true))).toBe(true);
    expect(f.has(unigram(words[1]))).toBe(false);
  });

  it('tags the words on each side of a contrast word', () => {
    const f = features('味道很好，但是送餐太慢', 'zh');
    const after = (w: string) => combine(hashString(w, NS.word), NS.afterContrast) & MASK;
    const before = (w: string) => combine(hashString(w, NS.word), NS.beforeContrast) & MASK;
    expect(f.has(after('送餐'))).toBe(true);
    expect(f.has(before('味道'))).toBe(true);
    expect(f.has(after('味道'))).toBe(false);
  });

  it('does not build character n-grams across punctuation', () => {
    const bigram = (a: string, b: string) => combine(combine(NS.char, b.charCodeAt(0)), a.charCodeAt(0)) & MASK;
    expect(features('好，慢', 'zh').has(bigram('好', '慢'))).toBe(false);
    expect(features('好慢', 'zh').has(bigram('好', '慢'))).toBe(true);
  });
});
