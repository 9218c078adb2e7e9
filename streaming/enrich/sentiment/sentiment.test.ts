import { describe, expect, it } from 'vitest';
import { tokenize } from '../tokens.ts';
import { loadSentimentModel, scoreSentiment, labelFor, NEUTRAL_BAND, SENTIMENT_MODEL_VERSION } from './index.ts';

const score = (text: string, lang: 'zh' | 'en') => scoreSentiment(text, lang, tokenize(text, lang));

describe('scoreSentiment', () => {
  it('loads the shipped model quickly and with the version the code expects', () => {
    const t0 = performance.now();
    const model = loadSentimentModel();
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(model.version).toBe(SENTIMENT_MODEL_VERSION);
    expect(model.zh.weights.length).toBe(1 << model.zh.bits);
    expect(model.en.lexicon.size).toBeGreaterThan(5000);
  });

  it.each([
    ['送餐太慢了，饭都凉了', 'zh', 'negative'],
    ['送餐很快，味道很好', 'zh', 'positive'],
    ['not bad at all', 'en', 'positive'],
    ["I don't like it", 'en', 'negative'],
    ['The app keeps crashing, terrible', 'en', 'negative']
  ] as const)('%s → %s', (text, lang, label) => {
    const r = score(text, lang);
    expect(r.label).toBe(label);
    expect(Math.sign(r.score)).toBe(label === 'positive' ? 1 : -1);
  });

  it('negation flips the verdict in both languages', () => {
    expect(score('I like it', 'en').score).toBeGreaterThan(0);
    expect(score('I do not like it', 'en').score).toBeLessThan(0);
    expect(score('这个很好用', 'zh').score).toBeGreaterThan(0);
    expect(score('这个不好用', 'zh').score).toBeLessThan(0);
  });

  it('knows review opinion words that VADER does not rate (Hu & Liu lexicon)', () => {
    // sent-2026.11-6 left both in the neutral band (−0.27, −0.12)
    expect(score('It is not reliable.', 'en').label).toBe('negative');
    expect(score('The menus are clunky and buggy.', 'en').label).toBe('negative');
    expect(loadSentimentModel().en.opinion?.get('flimsy')).toBe(-1);
    // the lexicon's service words and degree adverbs are not praise in a complaint
    expect(loadSentimentModel().en.opinion?.has('refund')).toBe(false);
    expect(score('Delivery was super late, 55 min for pizza.', 'en').score).toBeLessThan(0);
  });

  it('the clause after "but" decides', () => {
    expect(score('The food was great but the service was terrible', 'en').score).toBeLessThan(0);
    expect(score('The service was terrible but the food was great', 'en').score).toBeGreaterThan(0);
  });

  it('keeps scores in [-1, 1] and returns neutral 0 for other languages', () => {
    const texts = ['', 'ok', '!!!', 'terrible terrible terrible awful worst hate '.repeat(50), '好'.repeat(2000)];
    for (const t of texts) {
      for (const lang of ['zh', 'en'] as const) {
        const { score: s } = score(t, lang);
        expect(s).toBeGreaterThanOrEqual(-1);
        expect(s).toBeLessThanOrEqual(1);
      }
    }
    expect(scoreSentiment('Das ist gut', 'other', tokenize('Das ist gut', 'other'))).toEqual({ score: 0, label: 'neutral' });
  });

  it('scores mixed Chinese/English text with the Chinese model', () => {
    expect(score('这个app太卡了，老是闪退', 'zh').score).toBeLessThan(0);
    const t = '这个app太卡了，老是闪退';
    expect(scoreSentiment(t, 'mixed', tokenize(t, 'mixed')).score).toBeLessThan(0);
  });

  it('labels by the documented neutral band', () => {
    expect(labelFor(NEUTRAL_BAND)).toBe('positive');
    expect(labelFor(-NEUTRAL_BAND)).toBe('negative');
    expect(labelFor(NEUTRAL_BAND / 2)).toBe('neutral');
    expect(labelFor(0)).toBe('neutral');
  });
});
