import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import type { Lang } from '../../schemas/feedback.ts';
import { LEAF_IDS } from '../../schemas/taxonomy.ts';
import { checkWords, compileTopicCheck, featureKeys, type TopicCheckModel } from './topic-check.ts';
import { tokenize } from './tokens.ts';
import { checkedSpans, loadTopicCheck, matchRuleTopics, matchTopics, TOPIC_CHECK_FILE, topicsOf } from './topics.ts';

const tok = (text: string, lang: Lang) => tokenize(text, lang);

/** A two-leaf model by hand: "room" is a hotel room only beside "hotel"; tweets about a "pool" are no stay. */
const model: TopicCheckModel = {
  version: 1,
  threshold: 0.5,
  weights: {
    'b|stay.room': 0.5,
    'l|stay.room|pool': -3,
    'l|stay.room|hotel': 3,
    'b|delivery.late': 1,
    'o|stay.room|delivery.late': -1,
    's|stay.room|n3': -0.2
  }
};
const leaves = ['stay.room', 'delivery.late', 'stay.new_leaf'];
const check = compileTopicCheck(model, leaves);

describe('learned topic check (mechanics)', () => {
  it('vetoes a fired leaf whose words make it unlikely, keeps it otherwise', () => {
    expect(check.keep(tok('the room by the pool', 'en'), 'en', ['stay.room'])).toEqual(new Set());
    expect(check.keep(tok('hotel room by the pool', 'en'), 'en', ['stay.room'])).toEqual(new Set(['stay.room']));
    expect(check.keep(tok('a quiet room', 'en'), 'en', ['stay.room'])).toEqual(new Set(['stay.room']));
  });

  it('never touches a leaf it was not trained on (a newly promoted leaf) and never adds one', () => {
    expect(check.keep(tok('pool pool pool', 'en'), 'en', ['stay.new_leaf'])).toEqual(new Set(['stay.new_leaf']));
    expect(check.keep(tok('hotel hotel', 'en'), 'en', [])).toEqual(new Set());
  });

  it('counts a word once per message, as training does, and uses the other fired leaves', () => {
    const once = check.probabilities(tok('pool', 'en'), 'en', ['stay.room'])[0];
    const twice = check.probabilities(tok('pool pool', 'en'), 'en', ['stay.room'])[0];
    expect(twice).toBeCloseTo(once, 12);
    const alone = check.probabilities(tok('a room', 'en'), 'en', ['stay.room'])[0];
    const crowded = check.probabilities(tok('a room', 'en'), 'en', ['stay.room', 'delivery.late'])[0];
    expect(crowded).toBeLessThan(alone);
  });

  it('scores exactly the sum of the training features (compiled tables = featureKeys)', () => {
    for (const [text, lang, fired] of [
      ['hotel room next to the pool and the late delivery of breakfast', 'en', ['stay.room', 'delivery.late']],
      ['酒店房间很干净，送餐很慢', 'zh', ['stay.room', 'delivery.late']]
    ] as const) {
      const t = tok(text, lang);
      const p = check.probabilities(t, lang, fired);
      fired.forEach((leaf, k) => {
        const z = featureKeys(checkWords(t, lang), leaf, fired, t.words.length).reduce((s, key) => s + (model.weights[key] ?? 0), 0);
        expect(p[k]).toBeCloseTo(1 / (1 + Math.exp(-z)), 12);
      });
    }
  });
});

describe('the shipped check', () => {
  it('is there, knows every leaf of the taxonomy it was trained with, and is small', () => {
    expect(existsSync(TOPIC_CHECK_FILE)).toBe(true);
    const shipped = JSON.parse(readFileSync(TOPIC_CHECK_FILE, 'utf8')) as TopicCheckModel;
    const trained = Object.keys(shipped.weights).filter((k) => k.startsWith('b|')).map((k) => k.slice(2));
    for (const leaf of trained) expect(LEAF_IDS).toContain(leaf);
    expect(shipped.threshold).toBeGreaterThan(0);
    expect(shipped.threshold).toBeLessThan(0.5);
    expect(readFileSync(TOPIC_CHECK_FILE).length).toBeLessThan(1_500_000);
  });

  it('only ever removes: the checked topics and spans are a subset of the rules’ ones', () => {
    const shipped = loadTopicCheck()!;
    for (const [text, lang] of [
      ['送餐太慢了，饭都凉了，米饭也没给', 'zh'],
      ['酒店位置很好，离地铁近，房间干净，早餐一般', 'zh'],
      ['There, 700 pictures gone over. I love digital cameras.', 'en'],
      ['Got someone else\'s order instead of my ramen, the drink never came', 'en']
    ] as const) {
      const t = tok(text, lang);
      const rules = matchRuleTopics(text, lang, t);
      const spans = checkedSpans(text, lang, t, shipped);
      for (const leaf of topicsOf(spans)) expect(rules).toContain(leaf);
    }
  });

  it('is off in the product unless TOPIC_CHECK=1 (it cost hold-out recall): matchTopics is the rules', () => {
    if (process.env.TOPIC_CHECK === '1') return;
    const text = 'app 一直闪退, refund please';
    const t = tok(text, 'mixed');
    expect(matchTopics(text, 'mixed', t)).toEqual(matchRuleTopics(text, 'mixed', t));
  });
});
