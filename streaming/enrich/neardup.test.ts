import { describe, expect, it } from 'vitest';
import { NearDuplicateIndex, canonicalForDedupe, hammingDistance, simhash64 } from './neardup.ts';

const T0 = Date.UTC(2026, 10, 23, 12);
const CAMPAIGN = '你们的骑手送餐太慢了，订单号2026112312345678等了两个小时饭都凉了，强烈要求退款并处理骑手！';
const CAMPAIGN_EN = 'Your courier was two hours late again, order 123456, the food was stone cold. I demand a full refund now!';

describe('simhash64', () => {
  it('ignores case, spacing, punctuation, emoji, mentions and the value of numbers', () => {
    expect(canonicalForDedupe('@shop  The APP, crashed!!! 😡 at 19:30')).toBe('theappcrashedat#');
    expect(simhash64(CAMPAIGN)).toBe(simhash64(CAMPAIGN.replace('12345678', '99999999') + '😡😡！！'));
  });
  it('counts long repetitive texts without overflowing its bit counters', () => {
    // 2,000 identical shingles: every bit's count passes 255, the width of one packed counter
    const long = '好吃不贵'.repeat(500);
    expect(simhash64(long)).toBe(simhash64('好吃不贵'.repeat(4)));
  });

  it('keeps different complaints far apart', () => {
    expect(hammingDistance(simhash64('你们的骑手态度太差了，还把汤洒了一半，要求退款并投诉骑手！'), simhash64(CAMPAIGN))).toBeGreaterThan(7);
  });
});

describe('NearDuplicateIndex', () => {
  it('counts a copy-paste campaign with small edits as one voice with a multiplicity', () => {
    const idx = new NearDuplicateIndex();
    expect(idx.check('m0', CAMPAIGN, T0)).toEqual({ dupOf: null, multiplicity: 1 });
    const copies = [
      CAMPAIGN.replace('2026112312345678', '2026112398765432'),
      CAMPAIGN + '!!!',
      CAMPAIGN + '😡😡',
      CAMPAIGN.replaceAll('，', ' , '),
      CAMPAIGN.replace('强烈', '')
    ];
    copies.forEach((c, i) => expect(idx.check(`c${i}`, c, T0 + i)).toEqual({ dupOf: 'm0', multiplicity: i + 2 }));
    const en = new NearDuplicateIndex();
    en.check('e0', CAMPAIGN_EN, T0);
    expect(en.check('e1', CAMPAIGN_EN.replace('again, ', 'AGAIN!! ').replace('123456', '654321'), T0).dupOf).toBe('e0');
    // a dropped word in a longer text is still the same voice
    expect(en.check('e2', CAMPAIGN_EN.replace('stone ', ''), T0).dupOf).toBe('e0');
  });

  it('keeps different complaints about the same topic apart', () => {
    const idx = new NearDuplicateIndex();
    const distinct = [
      '送餐太慢了',
      '骑手送餐太慢，饭都凉了',
      '送餐太慢了，等了一个半小时才到',
      '骑手送餐太慢了，而且态度很差，打电话还挂我电话',
      '今天的外卖送了一个多小时，汤都洒了，饭也凉了',
      '配送速度太慢，下次不会再点这家了',
      'The delivery was very slow and the food arrived cold',
      'Delivery took forever, the rider got lost twice',
      'Courier was late, fries were soggy, never again'
    ];
    distinct.forEach((t, i) => expect(idx.check(`d${i}`, t, T0 + i).dupOf).toBeNull());
  });

  it('treats very short texts as independent voices', () => {
    const idx = new NearDuplicateIndex();
    for (let i = 0; i < 5; i++) {
      expect(idx.check(`a${i}`, '好评', T0)).toEqual({ dupOf: null, multiplicity: 1 });
      expect(idx.check(`b${i}`, 'good!!', T0)).toEqual({ dupOf: null, multiplicity: 1 });
    }
    expect(idx.size).toBe(0);
  });

  it('forgets groups outside the time window and beyond the entry limit', () => {
    const idx = new NearDuplicateIndex({ windowMs: 3600_000, maxEntries: 100 });
    idx.check('old', CAMPAIGN, T0);
    expect(idx.check('late', CAMPAIGN, T0 + 2 * 3600_000).dupOf).toBeNull();
    for (let i = 0; i < 1000; i++) idx.check(`x${i}`, `第${i}条：${'不同的投诉内容'.repeat(1 + (i % 7))}${i.toString(36)}号门店${'abcdefghij'[i % 10]}`, T0 + 3 * 3600_000);
    expect(idx.size).toBeLessThanOrEqual(100);
  });

  it('a copy refreshes its group, so an ongoing campaign is not forgotten mid-way', () => {
    const idx = new NearDuplicateIndex({ windowMs: 3600_000 });
    idx.check('m0', CAMPAIGN, T0);
    for (let h = 1; h <= 5; h++) expect(idx.check(`c${h}`, CAMPAIGN, T0 + h * 50 * 60_000).dupOf).toBe('m0');
  });

  it('is fast: ≥ 50k checks per CPU-second on a full index', () => {
    const texts = syntheticComplaints(40_000);
    new NearDuplicateIndex({ maxEntries: 20_000 }).check('warm', texts[0], T0); // JIT warm-up
    const idx = new NearDuplicateIndex({ maxEntries: 20_000 });
    // CPU time, not wall time: the test shares the machine with other suites.
    const start = process.cpuUsage();
    texts.forEach((t, i) => idx.check(`m${i}`, t, T0 + i));
    const { user, system } = process.cpuUsage(start);
    expect(idx.size).toBeLessThanOrEqual(20_000);
    expect(texts.length / ((user + system) / 1e6)).toBeGreaterThan(50_000);
  });

  it('stays bounded on template-like traffic', () => {
    const idx = new NearDuplicateIndex({ maxEntries: 5_000 });
    const start = process.cpuUsage();
    for (let i = 0; i < 20_000; i++) idx.check(`t${i}`, `用户反馈：门店问题编码${(i * 104729).toString(36)}请处理`, T0 + i);
    const { user, system } = process.cpuUsage(start);
    expect(idx.size).toBeLessThanOrEqual(5_000);
    expect(20_000 / ((user + system) / 1e6)).toBeGreaterThan(20_000);
  });
});

/** Distinct short complaints from random fragments (deterministic). */
function syntheticComplaints(n: number): string[] {
  const a = ['骑手', '客服', '商家', '快递员', '门店', '平台', 'App', '售后', '物流', '店员'];
  const b = ['送餐太慢', '态度很差', '少送了一份', '包装破了', '价格乱涨', '一直闪退', '退款不到账', '发错了货', '不接电话', '菜是凉的'];
  const c = ['，饭都凉了', '，等了两个小时', '，太失望了', '，要求赔偿', '，再也不买了', '，请尽快处理', '，投诉无门', '，差评'];
  let seed = 42;
  const pick = (xs: string[]) => xs[((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) % xs.length];
  return Array.from({ length: n }, () => `${pick(a)}${pick(b)}${pick(c)}${pick(a)}${pick(b)}${pick(c)}`);
}
