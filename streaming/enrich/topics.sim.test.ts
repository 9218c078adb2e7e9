import { describe, expect, it } from 'vitest';
import { simTopicExamples } from '../../scripts/lib/sim-topic-examples.ts';
import { SCENARIO_TOPIC } from '../sim/scenarios.ts';
import { tokenize } from './tokens.ts';
import { checkedSpans, loadTopicCheck, matchTopics, topicsOf } from './topics.ts';

/**
 * The product's own traffic: every complaint scenario of the simulator, composed in Chinese and in English
 * (all channels, call notes included), must keep the topic its incidents are alerted on. The floors sit a
 * few points under what the matcher (rules and the learned check together) reached when they were set
 * (2026-11-24, 150 messages per scenario and language, seed below), for the rules and for the rules with
 * the learned check (topic-check.ts, opt-in): a taxonomy edit or a retrained check that drops an
 * incident's topic from the wall fails here. The texts are generated, never labelled data,
 * so they say nothing about accuracy on real messages.
 */
const FLOOR: Record<'zh' | 'en', Record<string, number>> = {
  zh: {
    late_delivery: 0.9, cold_food: 0.85, wrong_item: 0.85, rude_courier: 0.75, damaged_package: 0.8, bad_taste: 0.5,
    app_crash: 0.9, images_slow: 0.9, payment_failed: 0.55, refund_delay: 0.8, coupon_price: 0.7, cs_wait: 0.8, login_code: 0.95
  },
  en: {
    late_delivery: 0.55, cold_food: 0.95, wrong_item: 0.55, rude_courier: 0.95, damaged_package: 0.75, bad_taste: 0.55,
    app_crash: 0.85, images_slow: 0.5, payment_failed: 0.4, refund_delay: 0.8, coupon_price: 0.5, cs_wait: 0.75, login_code: 0.62
  }
};
// en coupon_price (was 0.65) and login_code (was 0.7) sat at or above their rates: over 4 × 500 messages
// the rules reach 0.575 and 0.723 before the call notes were composed, 0.606 and 0.721 after (2026-11-24,
// sim-variety); with 150 a draw, the standard error is about 4 points, and the new draw fell below.

describe('simulated incidents keep their topics', () => {
  const examples = simTopicExamples(150, 'topics-sim-test');
  const check = loadTopicCheck();
  const share = new Map<string, [number, number]>();
  for (const e of examples) {
    const tokens = tokenize(e.text, e.lang);
    const found = { rules: matchTopics(e.text, e.lang, tokens), check: check ? topicsOf(checkedSpans(e.text, e.lang, tokens, check)) : [] };
    for (const [how, topics] of Object.entries(found)) {
      const key = `${how} ${e.lang} ${e.scenario}`;
      const s = share.get(key) ?? [0, 0];
      s[0]++;
      if (topics.includes(e.topic)) s[1]++;
      share.set(key, s);
    }
  }

  for (const how of ['rules', 'check'] as const) {
    for (const lang of ['zh', 'en'] as const) {
      it(`${lang}, ${how === 'rules' ? 'the matcher as shipped' : 'with the learned check on'}: every complaint scenario reaches its topic`, () => {
        if (how === 'check') expect(check).not.toBeNull();
        for (const scenario of Object.keys(SCENARIO_TOPIC)) {
          const [n, hit] = share.get(`${how} ${lang} ${scenario}`)!;
          expect(n).toBe(150);
          expect(hit / n, `${lang} ${scenario} → ${SCENARIO_TOPIC[scenario]}`).toBeGreaterThanOrEqual(FLOOR[lang][scenario]);
        }
      });
    }
  }
});

/**
 * …and none of the topics its words carry in another sense. During the live demo's "Android images slow in
 * East China" incident the wall and the alert showed food.taste, product.features and product.defect rising:
 * pictures of dishes (菜品图片), menu photos, photos as evidence and an app that "won't load images" were read
 * as taste and a device's features and defects. Each pair below is a leaf the scenario's messages must not
 * carry beyond CEILING. Measured 2026-11-25 (150 messages per scenario and language, the seed above, the
 * shipped rules): main 15 / 69 / 28 / 15 % on the images incident (zh food.taste, en product.features,
 * product.defect, packaging.quality), 20–23 % on the others; after the taxonomy round 0 % everywhere but zh
 * images_slow → product.features (1.3 %). Then (topics-split): a version's dots no longer end a clause, so 闪退
 * reaches 更新 ("更新到5.12.2之后一打开就闪退"), and a call note's 反映 ("reports", 来电反映 / 客户反映 / 称已多次反映)
 * is no longer read as 反应: zh damaged_package / bad_taste → product.features 6.7 / 10.0 % → 0, zh app_crash →
 * product.software 22.0 → 17.3 % (held under its own ceiling below). Left out, still over the ceiling (no word
 * in the message tells the app from a device, or the stray is a real co-topic): app_crash → product.defect
 * (zh 17 %, en 14 %: "更新以后用不了了", "打开App就黑屏"), en app_crash → product.software (8 %), zh cold_food →
 * delivery.late (3.3 %, under the ceiling but close: "配送慢导致小龙虾变凉" is a delay).
 */
const STRAY: [scenario: string, leaf: string, langs: ('zh' | 'en')[], ceiling?: number][] = [
  ['images_slow', 'food.taste', ['zh', 'en']],
  ['images_slow', 'product.features', ['zh', 'en']],
  ['images_slow', 'product.defect', ['zh', 'en']],
  ['images_slow', 'packaging.quality', ['zh', 'en']],
  ['login_code', 'delivery.wrong_missing', ['zh', 'en']],
  ['refund_delay', 'delivery.wrong_missing', ['zh', 'en']],
  ['payment_failed', 'price.value', ['zh', 'en']],
  ['cold_food', 'delivery.late', ['en']],
  ['wrong_item', 'payment.invoice', ['zh', 'en']],
  ['damaged_package', 'product.features', ['zh', 'en']],
  ['bad_taste', 'product.features', ['zh', 'en']],
  // "更新到5.12.2之后一打开就闪退"; what is left is "更新以后用不了了", which real tablet reviews say too
  ['app_crash', 'product.software', ['zh'], 0.2]
];
const CEILING = 0.05;

describe('simulated incidents carry no topic their words have in another sense', () => {
  const examples = simTopicExamples(150, 'topics-sim-test');
  it('the images, login, refund, payment, cold-food, wrong-item, damaged-package, bad-taste and crash incidents stay off the leaves of those other senses', () => {
    const over: string[] = [];
    for (const [scenario, leaf, langs, ceiling = CEILING] of STRAY) {
      for (const lang of langs) {
        const es = examples.filter((e) => e.scenario === scenario && e.lang === lang);
        expect(es.length).toBe(150);
        const n = es.filter((e) => matchTopics(e.text, e.lang, tokenize(e.text, e.lang)).includes(leaf)).length;
        if (n / es.length >= ceiling) over.push(`${lang} ${scenario} → ${leaf}: ${((100 * n) / es.length).toFixed(1)} %`);
      }
    }
    expect(over).toEqual([]);
  });
});
