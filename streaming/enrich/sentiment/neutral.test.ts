import { describe, expect, it } from 'vitest';
import { applyVerdict, readVerdict } from './resolution.ts';
import { tokenize } from '../tokens.ts';
import { createEnricher } from '../index.ts';
import { extractFeatures } from './features.ts';
import { margin } from './logistic.ts';
import { scoreExperts } from './experts.ts';
import { FeatureVector } from './vector.ts';
import { loadSentimentModel, scoreSentiment } from './index.ts';
import { NO_OPINION_FACTOR, hasOpinionEvidence } from './subjectivity.ts';
import { actPrior, readRegister } from './register.ts';
import { NEUTRAL_CASES } from './neutral.cases.ts';

const score = (text: string, lang: 'zh' | 'en') => scoreSentiment(text, lang, tokenize(text, lang));

/** The model's margin without the opinion-evidence gate, computed as index.ts does before it. */
const model = loadSentimentModel();
const vectors = new Map<string, FeatureVector>();
function ungatedMargin(text: string, lang: 'zh' | 'en'): number {
  const m = model;
  let vec = vectors.get(lang);
  if (!vec) vectors.set(lang, (vec = new FeatureVector(m[lang].bits)));
  extractFeatures(text, lang, tokenize(text, lang), m, vec);
  let z = margin(m[lang], vec.idx, vec.val, vec.n, vec.offset);
  if (m[lang].experts) z += scoreExperts(m[lang].experts!, vec.idx, vec.val, vec.sparse);
  return z;
}

describe('opinion-evidence gate', () => {
  // Each of these was labelled negative or positive by sent-2026.11-7 (score in brackets).
  it.each([
    ['请问你们几点开始配送', 'zh'], // −0.92
    ['您的订单已发货，预计明天送达', 'zh'], // −0.89
    ['客户咨询门店营业时间，已解答', 'zh'], // −0.49
    ['麻烦给我发一下电子收据', 'zh'], // −0.96
    ['建议把客服入口放到首页', 'zh'], // −0.74
    ['Can I pay with Apple Pay?', 'en'], // −0.83
    ['Please merge my two accounts.', 'en'], // +0.63
    ['Customer requested a copy of the invoice, sent by email.', 'en'] // −0.84
  ] as const)('%s → neutral', (text, lang) => {
    expect(score(text, lang).label).toBe('neutral');
  });

  it.each([
    ['为什么我的外卖一个小时还没到？', 'zh'],
    ['能不能快点？都等半天了', 'zh'],
    ['请问还要等多久？已经超时四十分钟了', 'zh'],
    ['客户来电投诉餐品漏送，情绪激动，已登记补偿', 'zh'],
    ['Why is my order still not here after an hour?', 'en'],
    ['Can you hurry up? It has been 50 minutes.', 'en']
  ] as const)('a complaint phrased as a question, request or call note stays negative: %s', (text, lang) => {
    expect(hasOpinionEvidence(text, lang, tokenize(text, lang), model.en)).toBe(true);
    expect(score(text, lang).label).toBe('negative');
  });

  it('courtesy and wishes are not opinion evidence', () => {
    const en = model.en;
    for (const t of ['Please cancel my order, thanks!', 'It would be great to have a family plan.', 'Kindly help me update my address.']) expect(hasOpinionEvidence(t, 'en', tokenize(t, 'en'), en)).toBe(false);
    for (const t of ['请帮我取消这个订单，谢谢', '如果能支持多个收货地址就好了', '你好，在哪里修改登录密码']) expect(hasOpinionEvidence(t, 'zh', tokenize(t, 'zh'), en)).toBe(false);
  });

  it("a topic's clause takes its message's evidence (aspect sentiment through the enricher)", () => {
    // Judged alone, "请问退款什么时候到" is a question; in this message it is the complaint's own clause.
    const text = '请问退款什么时候到？都一周了';
    const enrich = createEnricher();
    const r = enrich({ id: 'n1', ts: 0, channel: 'in_app', text, lang: null, customer: { id: 'c', region: 'east', segment: 's', tier: 't' }, product: 'p', app_version: '1', nps: null, csat: null, meta: {} });
    expect(r.sentiment_label).toBe('negative');
    const refund = r.topics.indexOf('aftersales.refund');
    expect(refund).toBeGreaterThanOrEqual(0);
    const clause = '请问退款什么时候到';
    const alone = scoreSentiment(clause, 'zh', tokenize(clause, 'zh')).score;
    const withMessage = scoreSentiment(clause, 'zh', tokenize(clause, 'zh'), 1).score;
    expect(Math.abs(alone)).toBeLessThan(Math.abs(withMessage));
    // The topic-less follow-up "都一周了" is the refund's own verdict (aspects.ts attaches it), so the topic
    // is scored on both clauses, with the message's gate.
    expect(r.topic_sentiments[refund]).toBeCloseTo(scoreSentiment(text, 'zh', tokenize(text, 'zh'), 1).score, 2);
  });

  it('only shrinks the margin: the sign (the binary decision the eval scores) changes only by a speech act or a resolution', () => {
    for (const c of NEUTRAL_CASES) {
      const z = ungatedMargin(c.text, c.lang);
      const { score: s } = score(c.text, c.lang);
      const prior = actPrior(readRegister(c.text, c.lang));
      const verdict = readVerdict(c.text, c.lang);
      if (prior === 0 && !verdict.resolved) expect(Math.sign(s)).toBe(Math.sign(z));
      const gated = !hasOpinionEvidence(c.text, c.lang, tokenize(c.text, c.lang), model.en);
      expect(s).toBeCloseTo(Math.tanh(applyVerdict((gated ? NO_OPINION_FACTOR : 1) * z + prior, verdict) / 2), 6);
    }
  });

  // Floors a few points under what the gate reached on the hand-labelled fixture (2026-11-24: zh 0.957,
  // en 0.871 three-class accuracy; sent-2026.11-7 had 0.512 and 0.525).
  it.each([
    ['zh', 0.93],
    ['en', 0.84]
  ] as const)('labels the %s fixture right (three classes)', (lang, floor) => {
    const cases = NEUTRAL_CASES.filter((c) => c.lang === lang);
    const right = cases.filter((c) => score(c.text, c.lang).label === c.label).length;
    expect(right / cases.length).toBeGreaterThanOrEqual(floor);
    const neutral = cases.filter((c) => c.label === 'neutral');
    expect(neutral.filter((c) => score(c.text, c.lang).label === 'negative').length / neutral.length).toBeLessThanOrEqual(0.05);
  });

  it('the fixture is big enough and in both languages', () => {
    expect(NEUTRAL_CASES.filter((c) => c.lang === 'zh').length).toBeGreaterThanOrEqual(150);
    expect(NEUTRAL_CASES.filter((c) => c.lang === 'en').length).toBeGreaterThanOrEqual(100);
  });
});
