import { describe, expect, it } from 'vitest';
import { buildInsights } from '../../../streaming/analyse/insights/index.ts';
import { BASELINE, syntheticWindows, WINDOW } from '../../../streaming/analyse/insights/synthetic.ts';
import { scaleInsights } from './insights-sample.ts';

describe('scaling insights computed on a 1-in-k sample back to the whole store', () => {
  const { current, baseline } = syntheticWindows({ seed: 3, incident: 120 });
  const insights = buildInsights(current, baseline, { window: WINDOW, baseline: BASELINE });

  it('is the identity without sampling', () => {
    expect(scaleInsights(insights, 1)).toEqual(insights);
  });

  it('multiplies counts by k, keeps ratios, recomputes volume, priority, rank and the quoted count', () => {
    const scaled = scaleInsights(insights, 10);
    const before = new Map(insights.map((i) => [i.id, i]));
    for (const s of scaled) {
      const b = before.get(s.id)!;
      expect(s.stats.count).toBe(b.stats.count * 10);
      expect(s.stats.complaints).toBe(b.stats.complaints * 10);
      expect(s.stats.expected).toBeCloseTo(b.stats.expected * 10);
      expect(s.stats.baselineCount).toBe(b.stats.baselineCount);
      expect(s.stats.growth).toBe(b.stats.growth);
      expect(s.concentrations.map((c) => [c.count, c.lift])).toEqual(b.concentrations.map((c) => [c.count * 10, c.lift]));
      const volume = s.priority.factors.find((f) => f.name === 'volume')!;
      expect(volume.value).toBeCloseTo(Math.log1p(b.stats.complaints * 10));
      expect(s.priority.score).toBeCloseTo(s.priority.factors.reduce((p, f) => p * f.value ** f.weight, 1));
      expect(s.statements.en).toContain(`${Math.round(s.stats.complaints).toLocaleString('en-US')} complaints in this period`);
      expect(s.statements.en).toContain(`of its ${Math.round(s.stats.count).toLocaleString('en-US')} messages`);
    }
    expect(scaled.map((s) => s.rank)).toEqual(scaled.map((_, i) => i + 1));
    expect([...scaled].sort((a, b) => b.priority.score - a.priority.score).map((s) => s.id)).toEqual(scaled.map((s) => s.id));
  });
});
