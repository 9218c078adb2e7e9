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

  it('never drops when any factor grows', () => {
    const base = { peakExcess: 20, ratio: 3, durationMin: 20, customers: 80, weightedCustomers: 80 };
    const r0 = severityRank(assessSeverity(base).severity);
    for (const bigger of [{ peakExcess: 200 }, { ratio: 20 }, { durationMin: 300 }, { weightedCustomers: 2000 }]) {
      expect(severityRank(assessSeverity({ ...base, ...bigger }).severity)).toBeGreaterThanOrEqual(r0);
    }
  });

  it('weighs VIP customers: same head count, more VIPs, higher severity', () => {
    const few = assessSeverity({ peakExcess: 35, ratio: 4, durationMin: 5, customers: 120, weightedCustomers: 120 });
    const vip = assessSeverity({ peakExcess: 35, ratio: 4, durationMin: 5, customers: 120, weightedCustomers: 600 });
    expect(severityRank(vip.severity)).toBeGreaterThan(severityRank(few.severity));
  });

  it('spells out the reason per factor in both languages', () => {
    const r = assessSeverity({ peakExcess: 35, ratio: 4, durationMin: 45, customers: 150, weightedCustomers: 150 });
    expect(r.reasons).toHaveLength(3);
    expect(r.reasons[0].en).toMatch(/size \+2: peak 35/);
    expect(r.reasons[1].zh).toContain('持续时间 +1');
    expect(r.reasons[2].en).toContain('150 affected');
  });
});
