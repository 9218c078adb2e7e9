import { describe, expect, it } from 'vitest';
import { tokenize } from '../tokens.ts';
import { scoreSentiment, scoreSentimentAs } from './index.ts';
import { readRegister } from './register.ts';
import { readRequests } from './requests.ts';
import { REQUEST_CASES } from './requests.cases.ts';
import { readFileSync } from 'node:fs';
import { createEnricher } from '../index.ts';
import { feedbackFromText } from '../../../scripts/lib/feedback-doc.ts';

const label = (text: string, lang: 'zh' | 'en') => scoreSentiment(text, lang, tokenize(text, lang)).label;

describe('readRequests: courtesy and wishes are not opinion', () => {
  it.each([
    ['建议App支持长辈模式，方便家里老人用', 'zh'],
    ['希望能保存多个常用地址，切换方便一点', 'zh'],
    ['Please add dark mode', 'en'],
    ['How do I change my delivery address? Cheers', 'en'],
    ['Would love a dark mode', 'en'],
    ['Can I add an item to an order I just placed? Thanks!', 'en']
  ] as const)('reads a suggestion or polite question neutral: %s', (text, lang) => {
    expect(label(text, lang)).toBe('neutral');
  });

  it('hides the wished-for benefit, not a verdict on what is there', () => {
    expect(readRequests('建议增加语音下单，方便老人使用', 'zh').hidden.length).toBe(1);
    expect(readRequests('下单很方便，希望多点商家', 'zh').hidden.length).toBe(0);
  });

  it('hides courtesy only in a message that asks or suggests', () => {
    expect(readRequests('Please add dark mode. Cheers', 'en').hidden.length).toBeGreaterThan(0);
    expect(readRequests('Super fast delivery, cheers', 'en').hidden.length).toBe(0);
  });

  it('in a message that asks, keeps 能不能 (it marks the asking), hides 好不好 (不好 is no verdict there)', () => {
    expect(readRequests('能不能加个夜间模式', 'zh').hidden).toEqual([[5, 9]]);
    expect(readRequests('建议加个长辈模式，不知道好不好实现', 'zh').hidden).toEqual([[12, 15]]);
    // a verdict, not a question: "京东你行不行啊"; and no A-not-A in 不错不错
    expect(readRequests('京东你行不行啊', 'zh').hidden).toEqual([]);
    expect(readRequests('请问不错不错是什么意思', 'zh').hidden).toEqual([]);
  });

  it.each([
    ['希望你们别再这样了', 'zh', 'negative'],
    ['建议你们好好培训一下骑手，态度太差了', 'zh', 'negative'],
    ['送餐很快，希望继续保持', 'zh', 'positive'],
    ['Great food, please add more vegan options', 'en', 'positive']
  ] as const)('leaves a wish with its own complaint or praise to the model: %s', (text, lang, want) => {
    expect(label(text, lang)).toBe(want);
  });
});

describe('readRequests: failures stated as facts', () => {
  it.each([
    ['配送员把餐放在门口没有通知', 'zh'],
    ['饭送到的时候已经是凉的', 'zh'],
    ['Finally got my food, stone cold', 'en'],
    ['Order says delivered but nothing here', 'en'],
    ['Ordered a large, received a small', 'en'],
    ['Thanks for nothing', 'en']
  ] as const)('reads a bare failure as a complaint: %s', (text, lang) => {
    expect(readRequests(text, lang).failures).toBeGreaterThan(0);
    expect(label(text, lang)).toBe('negative');
  });

  it.each([
    ['The rider carried the soup so carefully, not a drop spilled', 'en'],
    ['Nothing spilled, 5 stars', 'en'],
    ['Customer requested a copy of the invoice, sent by email.', 'en'],
    ['配送员把餐放在门口还发了照片，特别贴心', 'zh']
  ] as const)('counts no failure in a negated or satisfied report: %s', (text, lang) => {
    expect(readRequests(text, lang).failures).toBe(0);
  });

  it('is a complaint fact in the register reading (net −1), off for sent-2026.11-10', () => {
    expect(readRegister('Driver drove off while I was at the door', 'en').net).toBe(-1);
    expect(readRegister('Driver drove off while I was at the door', 'en', false).net).toBe(0);
  });

  it('does not read long texts (reviews)', () => {
    const review = 'Soup spilled all over the bag. ' + 'The rest of the meal was wonderful and the portions were generous as always '.repeat(2);
    expect(readRegister(review, 'en').acts).toBe(0);
  });

  it('scoreSentimentAs(10) is the score without this reading', () => {
    const text = 'Finally got my food, stone cold';
    const tokens = tokenize(text, 'en');
    expect(scoreSentimentAs(10, text, 'en', tokens).label).toBe('neutral');
    expect(scoreSentiment(text, 'en', tokens).label).toBe('negative');
  });
});

// Misreads of realistic messages (tests/fixtures/voc-fresh.jsonl's classes, reworded here; scripts/eval-fresh.ts).
describe('readRequests: a request to fix is a complaint, a wish for something new is not', () => {
  it.each([
    ['Hope you fix the checkout soon', 'en'],
    ['please sort out the map', 'en'],
    ['Please bring back the old layout', 'en'],
    ['When will the search be fixed?', 'en'],
    ['希望尽快修复', 'zh'],
    ['什么时候能修好啊', 'zh']
  ] as const)('reads a request to fix as a complaint: %s', (text, lang) => {
    expect(readRequests(text, lang).failures).toBeGreaterThan(0);
    expect(label(text, lang)).toBe('negative');
  });

  it.each([
    ['Hope you add Apple Pay soon', 'en'],
    ['hope you add a dark mode some day', 'en'],
    ['希望能加个夜间模式', 'zh']
  ] as const)('leaves a wish for something new neutral: %s', (text, lang) => {
    expect(readRequests(text, lang).failures).toBe(0);
    expect(label(text, lang)).toBe('neutral');
  });

  it.each([
    ['终于修好了，谢谢', 'zh'],
    ['The update fixed the crashes', 'en']
  ] as const)('reads no request in a fix reported: %s', (text, lang) => {
    expect(readRequests(text, lang).failures).toBe(0);
  });
});

describe('readRequests: sarcasm and bare failures in unseen wordings', () => {
  it.each([
    ['Oh great, the app broke again. Love it', 'en'],
    ['Wonderful, my order is late again', 'en']
  ] as const)('reads praise wrapped around a failure as sarcasm: %s', (text, lang) => {
    expect(label(text, lang)).toBe('negative');
  });

  it.each([
    ['Great, fast delivery and hot food', 'en'],
    ['真棒，送得很快', 'zh'],
    ['Great food, but it came a bit late', 'en']
  ] as const)('counts no sarcasm in plain praise or a review weighing both: %s', (text, lang) => {
    expect(readRequests(text, lang).failures).toBe(0);
  });

  it.each([
    ['The place order button does nothing', 'en'],
    ["I can't log in", 'en'],
    ['Someone got into my account', 'en'],
    ['外卖盒压扁了', 'zh'],
    ['汤洒得到处都是', 'zh']
  ] as const)('reads a bare failure as a complaint: %s', (text, lang) => {
    expect(label(text, lang)).toBe('negative');
  });

  it('counts no failure in a time (11点不到) nor in a search for something better (找不到比这更好的)', () => {
    expect(readRequests('11点不到下的单', 'zh').failures).toBe(0);
    expect(readRequests('找不到比这更好吃的了', 'zh').failures).toBe(0);
  });
});

// Measured figure, not row asserts: the held-out half of the requests fixture (2026-11-24, sent-2026.11-11:
// zh 0.871, en 0.742 three-class message accuracy; sent-2026.11-10 had 0.806 and 0.516;
// scripts/sentiment-requests.ts --test).
describe('requests fixture, held-out half', () => {
  it.each([
    ['zh', 0.85],
    ['en', 0.7]
  ] as const)('labels the %s test half (three classes)', (lang, floor) => {
    const cases = REQUEST_CASES.filter((c) => c.lang === lang && c.split === 'test');
    expect(cases.length).toBeGreaterThanOrEqual(30);
    const right = cases.filter((c) => label(c.text, c.lang) === c.label).length;
    expect(right / cases.length).toBeGreaterThanOrEqual(floor);
  });
});

// Measured figure: tests/fixtures/voc-fresh.jsonl's odd lines, never read while the rules were chosen
// (scripts/eval-fresh.ts; 2026-11-24: sent-2026.11-11 as shipped 0.791, with the fix-request, sarcasm and
// failure readings 0.836, three classes).
describe('voc-fresh fixture, held-out half', () => {
  it('labels the held-out half of realistic short messages (three classes)', () => {
    const rows = readFileSync(new URL('../../../tests/fixtures/voc-fresh.jsonl', import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { text: string; label: string })
      .filter((_, i) => i % 2 === 1);
    expect(rows.length).toBeGreaterThanOrEqual(60);
    const enrich = createEnricher();
    const right = rows.filter((r, i) => enrich(feedbackFromText(r.text, `fresh-${i}`, 1_763_900_000_000)).sentiment_label === r.label).length;
    expect(right / rows.length).toBeGreaterThanOrEqual(0.82);
  });
});
