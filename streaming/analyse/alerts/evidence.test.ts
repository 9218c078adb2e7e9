import { describe, expect, it } from 'vitest';
import { buildEvidence, type EvidenceMessage } from './evidence.ts';

let n = 0;
const msg = (text: string, keywords: string[], over: Partial<EvidenceMessage> = {}): EvidenceMessage => ({
  id: `m${n++}`, text, topics: ['app.slow'], keywords, channel: 'in_app', region: 'east', app_version: 'Android 5.12.2',
  customer: `c${n}`, tier: 'regular', sentiment: -0.5, ...over
});

describe('evidence', () => {
  // Window: 40 image complaints from East/Android plus 10 ordinary; baseline (4× longer): 40 ordinary + 8 image ones spread out.
  const window = [
    ...Array.from({ length: 40 }, (_, i) => msg(`图片加载不出来 ${i % 12}`, ['图片', '加载', '图片加载'], { sentiment: -0.3 - (i % 7) * 0.1, tier: i < 6 ? 'vip' : 'regular' })),
    ...Array.from({ length: 10 }, () => msg('送餐有点慢', ['送餐', '慢'], { region: 'north', app_version: 'iOS 5.12.2', channel: 'chat' })),
    msg('图片加载不出来 0', ['图片', '加载', '图片加载'], { sentiment: -0.95 })
  ];
  const baseline = [
    ...Array.from({ length: 40 }, () => msg('送餐有点慢', ['送餐', '慢'], { region: 'north', app_version: 'iOS 5.12.2', channel: 'chat' })),
    ...Array.from({ length: 8 }, (_, i) => msg('图片有点慢', ['图片', '慢'], { region: i % 2 ? 'south' : 'east' }))
  ];
  const ev = buildEvidence(window, baseline, { baselineScale: 0.25 });

  it('names the keywords that surged, not the ones always there', () => {
    expect(ev.keywords[0].keyword).toMatch(/加载/);
    expect(ev.keywords.map((k) => k.keyword)).not.toContain('送餐');
  });

  it("names what customers say when an incident speaks the slice's usual words, only louder", () => {
    // The slice's usual talk, 18× as often: 30 messages in 2 minutes against 30 in the hour before.
    const usual = (i: number) => msg(`订单详情页图片加载不出来 ${i}`, ['图片', '加载', '转圈'].slice(0, 2 + (i % 2)));
    const loud = buildEvidence(Array.from({ length: 30 }, (_, i) => usual(i)), Array.from({ length: 30 }, (_, i) => usual(i)), { baselineScale: 2 / 60 });
    expect(loud.keywords.map((k) => k.keyword)).toEqual(['加载', '图片', '转圈']);
    expect(loud.keywords[0]).toMatchObject({ count: 30, baseline: 30 });
    expect(loud.keywords[0].ratio).toBeGreaterThan(10);
    // A word of a few complaints in a slice quiet the hour before is not a surge to report.
    const few = buildEvidence([msg('打开就转圈', ['打开', '转圈']), ...Array.from({ length: 3 }, () => msg('饭团外卖打不开', ['饭团外卖', '打开']))], [], { baselineScale: 2 / 60 });
    expect(few.keywords.filter((k) => k.keyword === '饭团外卖' || k.keyword === '打开')).toEqual([]);
    // As busy as usual: nothing surged.
    const calm = buildEvidence(Array.from({ length: 30 }, (_, i) => usual(i)), Array.from({ length: 30 }, (_, i) => usual(i)), { baselineScale: 1 });
    expect(calm.keywords).toEqual([]);
  });

  it('gives five distinct examples, the most negative among them', () => {
    expect(ev.examples).toHaveLength(5);
    expect(new Set(ev.examples.map((e) => e.text)).size).toBe(5);
    expect(Math.min(...ev.examples.map((e) => e.sentiment))).toBe(-0.95);
  });

  it('splits the excess over regions and app versions', () => {
    const region = ev.contributions.filter((c) => c.dimension === 'region');
    expect(region[0]).toMatchObject({ value: 'east' });
    expect(region[0].share).toBeGreaterThan(0.9);
    expect(ev.contributions.find((c) => c.dimension === 'app_version')?.value).toBe('Android 5.12.2');
  });

  it('counts distinct customers with VIPs weighted up', () => {
    expect(ev.impact.customers).toBe(51);
    expect(ev.impact.vipCustomers).toBe(6);
    expect(ev.impact.weightedCustomers).toBe(51 + 6 * 4);
  });
});
