import { describe, expect, it } from 'vitest';
import { tokenize } from '../tokens.ts';
import { tokenBreaks } from './clauses.ts';
import { replySpan } from './features-zh.ts';
import { scoreSentiment } from './index.ts';
import { readEnglish } from './readings-en.ts';

const read = (text: string) => {
  const t = tokenize(text, 'en');
  return readEnglish(t.words, t.lemmas, tokenBreaks(text, t.words, new Uint8Array(t.words.length)));
};
const score = (text: string, lang: 'zh' | 'en') => scoreSentiment(text, lang, tokenize(text, lang)).score;

describe('English construction readings (sent-2026.11-13)', () => {
  it.each([
    ['Had to send the player back.', 'returns'],
    ['I will return it for a refund.', 'returns'],
    ["Setup couldn't be easier.", 'unbeatable'],
    ['It does not get any better than this.', 'unbeatable'],
    ["I can't recommend it enough!", 'unbeatable'],
    ['What more could you ask for?', 'unbeatable'],
    ['Save your money.', 'elsewhere'],
    ['Get better headphones.', 'elsewhere'],
    ['You can find a much nicer kettle for the price.', 'elsewhere'],
    ['The charger quit after three days.', 'failure'],
    ['Worked fine for two weeks.', 'failure'],
    ['It stopped working.', 'failure']
  ] as const)('%s → %s', (text, kind) => {
    expect(read(text)[kind]).toBe(1);
  });

  it('leaves the look-alikes alone', () => {
    const none = { returns: 0, unbeatable: 0, elsewhere: 0, failure: 0 };
    // the product losing, a complaint, improvement, a battery's life, a return policy
    for (const text of ['It is not as good as my old one.', "I couldn't be more disappointed.", 'They keep getting better and better.', 'We will get better.', 'The battery lasted for 10 hours.', 'The return policy is generous.', 'I would never go back to my old player.']) {
      expect(read(text), text).toEqual(none);
    }
  });

  it('reads unbeatable praise as praise and advice to buy elsewhere as a complaint', () => {
    // sent-2026.11-12: +0.25 (neutral), +0.10, +0.22 — the praise word counted for the product
    expect(score("Setup couldn't be easier.", 'en')).toBeGreaterThan(0.3);
    expect(score('Save your money and get a better brand.', 'en')).toBeLessThan(-0.3);
    expect(score('Worked great for two weeks, then died.', 'en')).toBeLessThan(-0.3);
  });
});

describe('a merchant reply quoted in a Chinese review', () => {
  const complaint = '房间太吵了，一晚上没睡好。';
  const reply = '宾馆反馈2008年7月7日：您好！非常感谢您的宝贵意见，对您带来的不便深表歉意，期待您的再次光临！';

  it('is found from its marker to the customer’s next addition', () => {
    expect(replySpan(complaint + reply)).toEqual([complaint.length, (complaint + reply).length]);
    expect(replySpan(complaint + reply + '补充点评：早餐不错')).toEqual([complaint.length, (complaint + reply).length]);
    expect(replySpan(complaint)).toBeNull();
  });

  it('does not soften the customer’s complaint', () => {
    // sent-2026.11-12 read the complaint −0.87 alone but −0.34 with the hotel's apology and thanks after it
    expect(Math.abs(score(complaint + reply, 'zh') - score(complaint, 'zh'))).toBeLessThan(0.05);
    expect(score('隔音很差，空调坏了。商家回复：亲，非常抱歉，感谢您的反馈，欢迎下次光临！', 'zh')).toBeLessThan(-0.3);
  });
});
