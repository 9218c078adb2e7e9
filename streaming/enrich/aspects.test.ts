import { describe, expect, it } from 'vitest';
import type { Lang } from '../../schemas/feedback.ts';
import { aspectSentiments, countHan, countWords, hasSentenceEnd, type ClauseScorer } from './aspects.ts';
import { tokenize, type Tokens } from './tokens.ts';
import { matchTopics } from './topics.ts';

// A deliberately tiny lexicon scorer: enough to show which clause a topic was scored on.
const POS = new Set(['快', '很快', '好吃', '不错', 'fast', 'great', 'delicious', 'good']);
const NEG = new Set(['凉', '慢', '太慢', '难吃', 'cold', 'slow', 'late', 'terrible']);
const lexicon: ClauseScorer = (_text: string, tokens: Tokens) => {
  let s = 0;
  for (const w of tokens.lemmas) s += POS.has(w) ? 1 : NEG.has(w) ? -1 : 0;
  return Math.max(-1, Math.min(1, s));
};

function aspects(text: string, lang: Lang) {
  const tokens = tokenize(text, lang);
  const topics = matchTopics(text, lang, tokens);
  const scores = aspectSentiments(text, lang, tokens, topics, lexicon);
  return Object.fromEntries(topics.map((t, i) => [t, scores[i]]));
}

describe('aspectSentiments', () => {
  it('scores each topic on its own clause across a contrast word', () => {
    const a = aspects('送餐很快，但是菜是凉的', 'zh');
    expect(a['delivery.late']).toBeGreaterThan(0);
    expect(a['food.temperature']).toBeLessThan(0);
  });

  it('splits on contrast words without punctuation', () => {
    const a = aspects('Delivery was fast but the soup was cold', 'en');
    expect(a['delivery.late']).toBeGreaterThan(0);
    expect(a['food.temperature']).toBeLessThan(0);
  });

  it('averages over every clause that mentions the topic', () => {
    const a = aspects('味道不错。味道难吃', 'zh');
    expect(a['food.taste']).toBeCloseTo(0, 5); // +1 and -1 clauses
  });

  it('hands the scorer the clause text and a slice of the message tokens', () => {
    const seen: string[] = [];
    const text = '送餐太慢了，饭都凉了';
    const tokens = tokenize(text, 'zh');
    aspectSentiments(text, 'zh', tokens, ['delivery.late', 'food.temperature'], (t, tk) => {
      seen.push(t + '|' + tk.words.join('/'));
      return 0;
    });
    expect(seen).toHaveLength(2);
    expect(seen[0]).toMatch(/^送餐太慢了/);
    expect(seen[1]).toContain('凉');
  });

  it('falls back to the whole message for a topic it cannot locate', () => {
    const text = 'Great food';
    const scores = aspectSentiments(text, 'en', tokenize(text, 'en'), ['payment.invoice'], lexicon);
    expect(scores).toEqual([1]);
  });

  it('returns [] for no topics without calling the scorer', () => {
    let calls = 0;
    aspectSentiments('x', 'en', { words: ['x'], lemmas: ['x'] }, [], () => ++calls);
    expect(calls).toBe(0);
  });
});

describe('aspectSentiments: subject-less follow-up clauses', () => {
  it('scores a topic with the topic-less opinion clause after it (subject ellipsis)', () => {
    expect(aspects('客服主动回电确认，不错', 'zh')['service.support']).toBeGreaterThan(0);
    expect(aspects('Customer support followed up the next day, very good', 'en')['service.support']).toBeGreaterThan(0);
  });

  it('does not attach a clause that mentions another topic', () => {
    const a = aspects('送餐很快，菜是凉的', 'zh');
    expect(a['delivery.late']).toBeGreaterThan(0);
    expect(a['food.temperature']).toBeLessThan(0);
  });

  it('does not attach across a sentence end or a clause with its own subject', () => {
    expect(aspects('客服回电确认。太慢', 'zh')['service.support']).toBe(0);
    expect(aspects('Customer support called back, I was slow to answer', 'en')['service.support']).toBe(0);
  });
});

describe('follow-up clause counts (loops in place of split / match)', () => {
  const samples = ['', ' ', 'so polite', '  very   thoughtful\tand\nkind  ', '很负责', '客服 主动回电，很负责！', 'a\u00a0b\u3000c\u2028d', '你好abc世界', '\ud840\udc00字'];
  it('count words as split(/\\s+/).filter(Boolean) does', () => {
    for (const s of samples) expect(countWords(s)).toBe(s.split(/\s+/).filter(Boolean).length);
  });
  it('count Han as match(/[\\u4e00-\\u9fff]/g) does', () => {
    for (const s of samples) expect(countHan(s)).toBe(s.match(/[\u4e00-\u9fff]/g)?.length ?? 0);
  });
  it('find a sentence end between two offsets as the regex on the slice does', () => {
    const t = '送餐很快。但是菜是凉的, really! ok?\n好';
    for (let a = 0; a <= t.length + 1; a++) for (let b = 0; b <= t.length + 1; b++) {
      expect(hasSentenceEnd(t, a, b)).toBe(/[。！？!?.\n]/.test(t.slice(a, b)));
    }
  });
});
