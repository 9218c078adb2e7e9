import { describe, expect, it } from 'vitest';
import { countKeywords } from '../enrich/keywords.ts';
import { findEmergingTopics, trackCandidates, type KeywordedMessage } from './emerging.ts';

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

describe('covered phrases', () => {
  // A new face-payment problem: "刷脸" is new, "支付" is a taxonomy term that surges with it.
  const base = messages('b', [...background, [50, ['支付', '失败']], [2, ['今晚']]]);
  const latest = messages('w', [
    [40, ['送餐', '太慢']],
    [30, ['味道', '好吃']],
    [20, ['包装', '洒了']],
    [30, ['刷脸', '支付', '刷脸支付']],
    [5, ['支付', '失败']],
    // an incident on a covered topic, with an uncovered word riding along in a third of it
    [20, ['图片', '加载']],
    [10, ['图片', '加载', '今晚']]
  ]).map((m) => ({ ...m, topics: m.keywords.includes('支付') ? ['payment.failed'] : m.keywords.includes('加载') ? ['app.slow'] : [] }));
  const covered = (p: string) => ['支付', '刷脸支付', '图片', '加载'].includes(p);
  const found = () =>
    findEmergingTopics(
      { window: countKeywords(latest.map((m) => m.keywords)), baseline: countKeywords(base.map((m) => m.keywords)), messages: latest },
      { covered }
    );

  it('keeps a new phrase grouped with the covered phrases it surges with, offering only the new one as a term', () => {
    const face = found().find((t) => t.phrases.includes('刷脸'));
    expect(face).toBeDefined();
    expect(face!.phrases).toEqual(['刷脸']);
    expect(face!.related).toEqual(expect.arrayContaining(['支付']));
    expect(face!.terms.zh).toEqual(['刷脸']);
    expect(face!.suggestedParent).toBe('payment');
  });

  it('drops a surge of a known topic even when an uncovered word rides along', () => {
    const topics = found();
    expect(topics.some((t) => t.phrases.includes('今晚'))).toBe(false);
    expect(topics.some((t) => t.phrases.includes('图片') || t.phrases.includes('加载'))).toBe(false);
  });
});

describe('a generic word rising inside a known topic', () => {
  it('is that topic\'s surge unless it is new vocabulary', () => {
    // "出来" (as in 刷不出来) rises ~4x with an app-loading incident; its messages are tagged app.slow.
    const base = messages('b', [...background, [40, ['出来', '好吃']]]);
    const tagged = (ms: KeywordedMessage[]) => ms.map((m) => ({ ...m, topics: m.keywords.includes('刷不') ? ['app.slow'] : [] }));
    const latest = tagged(messages('w', [...background.map(([n, k]) => [n / 10, k] as [number, string[]]), [12, ['出来', '刷不']], [4, ['出来', '好吃']]]));
    const input = { window: countKeywords(latest.map((m) => m.keywords)), baseline: countKeywords(base.map((m) => m.keywords)), messages: latest };
    const covered = (p: string) => p === '刷不';
    expect(findEmergingTopics(input, { covered, minCount: 5 }).some((t) => t.phrases.includes('出来'))).toBe(false);
    // The same messages with nothing known about their topics would be a candidate.
    const untagged = { ...input, messages: latest.map((m) => ({ ...m, topics: [] })) };
    expect(findEmergingTopics(untagged, { covered, minCount: 5 }).some((t) => t.phrases.includes('出来'))).toBe(true);
  });
});

describe('trackCandidates', () => {
  const T0 = Date.UTC(2026, 10, 23, 12, 0);
  it('continues the known candidate sharing most phrases and names new ones by minute and label', () => {
    const known = [
      { id: 'em-a', firstSeen: T0 - 600_000, lastSeen: T0 - 60_000, phrases: ['盲盒', '隐藏'] },
      { id: 'em-b', firstSeen: T0 - 600_000, lastSeen: T0 - 60_000, phrases: ['刷脸'] }
    ];
    const out = trackCandidates([{ label: '隐藏', phrases: ['隐藏', '盲盒', '抽奖'] }, { label: 'coupon', phrases: ['coupon'] }], known, T0);
    expect(out[0]).toMatchObject({ id: 'em-a', firstSeen: T0 - 600_000 });
    expect(out[1].id).toMatch(/^em-\d+-[0-9a-f]{8}$/);
    expect(out[1].firstSeen).toBe(T0);
    const again = trackCandidates([{ label: 'coupon', phrases: ['coupon'] }], [], T0 + 5_000);
    expect(again[0].id).toBe(out[1].id);
  });

  it('continues a known candidate only once', () => {
    const known = [{ id: 'em-a', firstSeen: T0, lastSeen: T0, phrases: ['x', 'y'] }];
    const out = trackCandidates([{ label: 'x', phrases: ['x'] }, { label: 'y', phrases: ['y'] }], known, T0);
    expect(out.map((o) => o.id)[0]).toBe('em-a');
    expect(out[1].id).not.toBe('em-a');
  });
});
