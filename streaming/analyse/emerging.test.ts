import { describe, expect, it } from 'vitest';
import { countKeywords } from '../enrich/keywords.ts';
import { findEmergingTopics, type KeywordedMessage } from './emerging.ts';

// Synthetic windows: a steady background of food/delivery talk, and in the latest window a new
// image-loading problem (three phrases that co-occur) plus an unrelated new coupon complaint.
function messages(prefix: string, spec: [number, string[]][]): KeywordedMessage[] {
  const out: KeywordedMessage[] = [];
  for (const [n, keywords] of spec) for (let i = 0; i < n; i++) out.push({ id: `${prefix}${out.length}`, keywords });
  return out;
}

const background: [number, string[]][] = [
  [400, ['送餐', '太慢']],
  [300, ['味道', '好吃']],
  [200, ['包装', '洒了']],
  [100, ['退款']]
];
const baselineMsgs = messages('b', [...background, [3, ['图片']], [2, ['优惠券']]]);
const latest = messages('w', [
  [40, ['送餐', '太慢']],
  [30, ['味道', '好吃']],
  [20, ['包装', '洒了']],
  [10, ['退款']],
  [25, ['图片', '加载', '图片加载']],
  [10, ['图片', '加载']],
  [12, ['优惠券', '用不了']]
]);

const input = () => ({
  window: countKeywords(latest.map((m) => m.keywords)),
  baseline: countKeywords(baselineMsgs.map((m) => m.keywords)),
  messages: latest
});

describe('findEmergingTopics', () => {
  it('finds the surging phrase group and groups co-occurring phrases', () => {
    const topics = findEmergingTopics(input());
    const image = topics.find((t) => t.phrases.includes('图片'));
    expect(image).toBeDefined();
    expect(image!.phrases).toEqual(expect.arrayContaining(['图片', '加载', '图片加载']));
    expect(image!.count).toBe(35);
    expect(image!.ratio).toBeGreaterThan(3);
    expect(image!.g2).toBeGreaterThan(10.83);
    expect(image!.examples).toHaveLength(5);
    // messages that carry all three phrases are the best examples
    for (const id of image!.examples) expect(latest.find((m) => m.id === id)!.keywords).toContain('图片加载');
    expect(image!.terms.zh).toContain('图片加载');
  });

  it('keeps an unrelated surge as its own topic', () => {
    const topics = findEmergingTopics(input());
    const coupon = topics.find((t) => t.phrases.includes('优惠券'));
    expect(coupon).toBeDefined();
    expect(coupon!.phrases).not.toContain('图片');
    expect(coupon!.phrases).toContain('用不了');
  });

  it('reports nothing for stable phrases', () => {
    const topics = findEmergingTopics(input());
    for (const stable of ['送餐', '太慢', '味道', '好吃', '包装', '退款']) {
      expect(topics.some((t) => t.phrases.includes(stable))).toBe(false);
    }
  });

  it('reports nothing when the latest window looks like the baseline', () => {
    const same = messages('s', background.map(([n, k]) => [Math.round(n / 10), k]));
    expect(
      findEmergingTopics({
        window: countKeywords(same.map((m) => m.keywords)),
        baseline: countKeywords(baselineMsgs.map((m) => m.keywords)),
        messages: same
      })
    ).toEqual([]);
  });

  it('honours ignore (e.g. phrases the taxonomy already covers)', () => {
    const topics = findEmergingTopics(input(), { ignore: (p) => p === '优惠券' || p === '用不了' });
    expect(topics.some((t) => t.phrases.includes('优惠券'))).toBe(false);
  });

  it('applies the minimum count', () => {
    expect(findEmergingTopics(input(), { minCount: 50 })).toEqual([]);
  });
});
