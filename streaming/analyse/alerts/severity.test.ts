import { describe, expect, it } from 'vitest';
import { severityRank } from '../../../schemas/alerts.ts';
import { assessSeverity } from './severity.ts';

describe('severity', () => {
  it('orders small < sizeable < long and wide < huge, long and VIP-heavy', () => {
    const levels = [
      assessSeverity({ peakExcess: 6, ratio: 2, durationMin: 2 }),
      assessSeverity({ peakExcess: 35, ratio: 4, durationMin: 5 }),
      assessSeverity({ peakExcess: 35, ratio: 4, durationMin: 45, customers: 150, weightedCustomers: 150 }),
      assessSeverity({ peakExcess: 150, ratio: 12, durationMin: 130, customers: 300, weightedCustomers: 900 })
    ].map((r) => r.severity);
    expect(levels).toEqual(['low', 'medium', 'high', 'critical']);
  });

  it('a sudden 20× surge is high the minute it opens, critical when it is also 100+ more a minute', () => {
    // a slice that normally gets 2.4 a minute now gets 48: 20×, 45.6 more a minute, 1 min old
    expect(assessSeverity({ peakExcess: 45.6, ratio: 20, durationMin: 1 }).severity).toBe('high');
    expect(assessSeverity({ peakExcess: 19, ratio: 20, durationMin: 1 }).severity).toBe('high');
    expect(assessSeverity({ peakExcess: 150, ratio: 20, durationMin: 2 }).severity).toBe('critical');
  });

  it('7–12× spikes of tens of complaints a minute are high, not medium or low', () => {
    expect(assessSeverity({ peakExcess: 80, ratio: 7, durationMin: 3 }).severity).toBe('high');
    expect(assessSeverity({ peakExcess: 22, ratio: 12, durationMin: 3 }).severity).toBe('high');
  });

  it('a 2–3× wobble of a small slice stays low, however it is read', () => {
    for (const ratio of [2, 2.5, 3]) expect(assessSeverity({ peakExcess: 6, ratio, durationMin: 4 }).severity).toBe('low');
    // a busy slice 2.5× its normal, 25 more a minute: noticed, not an emergency
    expect(assessSeverity({ peakExcess: 25, ratio: 2.5, durationMin: 4 }).severity).toBe('low');
  });

  it('shares and means (ratio 1) are sized by their excess alone, as before', () => {
    expect(assessSeverity({ peakExcess: 40, ratio: 1, durationMin: 5, metric: 'neg_share' }).severity).toBe('medium');
    expect(assessSeverity({ peakExcess: 120, ratio: 1, durationMin: 5, metric: 'neg_share' }).severity).toBe('medium');
    expect(assessSeverity({ peakExcess: 120, ratio: 1, durationMin: 45, metric: 'neg_share' }).severity).toBe('high');
  });

  it('never drops when any factor grows', () => {
    const base = { peakExcess: 20, ratio: 3, durationMin: 20, customers: 80, weightedCustomers: 80 };
    const r0 = severityRank(assessSeverity(base).severity);
    for (const bigger of [{ peakExcess: 200 }, { ratio: 20 }, { durationMin: 300 }, { weightedCustomers: 2000 }]) {
      expect(severityRank(assessSeverity({ ...base, ...bigger }).severity)).toBeGreaterThanOrEqual(r0);
    }
  });

  it('weighs VIP customers: same head count, more VIPs, higher severity', () => {
    const few = assessSeverity({ peakExcess: 35, ratio: 2.5, durationMin: 5, customers: 120, weightedCustomers: 120 });
    const vip = assessSeverity({ peakExcess: 35, ratio: 2.5, durationMin: 5, customers: 120, weightedCustomers: 600 });
    expect(severityRank(vip.severity)).toBeGreaterThan(severityRank(few.severity));
  });

  it('says why in plain sentences, one per factor, in both languages', () => {
    const r = assessSeverity({ peakExcess: 45.4, ratio: 20, durationMin: 3 });
    expect(r.reasons.map((x) => x.en)).toEqual(['Huge: 20× normal, 45 more complaints a minute at the peak', 'Just started (3 min)']);
    expect(r.reasons.map((x) => x.zh)).toEqual(['规模极大：高峰时是正常的 20 倍，每分钟多出 45 条投诉', '刚开始（3 分钟）']);
    const long = assessSeverity({ peakExcess: 8, ratio: 2.1, durationMin: 130, customers: 150, weightedCustomers: 350 });
    expect(long.reasons.map((x) => x.en)).toEqual(['Small: 2.1× normal, 8 more complaints a minute at the peak', 'Long-running (2 h 10 min)', 'Many customers: 150 affected, 350 counting each VIP as 5']);
    expect(long.reasons[1].zh).toBe('持续很久（2 小时 10 分钟）');
    expect(long.reasons[2].zh).toBe('涉及客户多：150 位受影响，VIP 按 5 位计为 350 位');
    expect(assessSeverity({ peakExcess: 30, ratio: 1, durationMin: 3, metric: 'detractor_share' }).reasons[0].en).toBe('Noticeable: 30 more detractor answers than normal in a minute, at the peak');
    expect(assessSeverity({ peakExcess: 30, ratio: 3, durationMin: 3, metric: 'n' }).reasons[0].zh).toBe('规模大：高峰时是正常的 3 倍，每分钟多出 30 条消息');
    // no "size +2" score lines: the points stay inside
    for (const x of [...r.reasons, ...long.reasons]) expect(x.en + x.zh).not.toMatch(/\+\d/);
  });
});
