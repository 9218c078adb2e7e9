import type { Insight } from '../../../schemas/insights.ts';
import { byPriority, describeInsight, formulaOf, volumeFactor } from '../../../streaming/analyse/insights/index.ts';

/**
 * Insights computed on a 1-in-k sample of the current window (the baseline, 1-in-kBase, is read whole: 1) report
 * counts of the sample; this scales the absolute counts back to the whole store, recomputes the volume
 * factor (ln(1 + complaints), the only factor that depends on absolute size) and the priority, re-ranks,
 * and rewrites the statements (which quote the count). Shares, growth, lift and G² are left as they are:
 * they are ratios, or tests that must see the size of what was actually read.
 */
export function scaleInsights(insights: readonly Insight[], k: number, kBase = 1): Insight[] {
  if (k === 1 && kBase === 1) return [...insights];
  const scaled = insights.map((i): Insight => {
    const stats = {
      ...i.stats,
      count: i.stats.count * k,
      complaints: i.stats.complaints * k,
      expected: i.stats.expected * k,
      baselineCount: i.stats.baselineCount * kBase,
      baselineComplaints: i.stats.baselineComplaints * kBase
    };
    const factors = i.priority.factors.map((f) => (f.name === 'volume' ? { ...f, value: volumeFactor(stats.complaints), raw: stats.complaints } : f));
    const score = factors.reduce((p, f) => p * Math.pow(f.value, f.weight), 1);
    const out: Insight = {
      ...i,
      stats,
      concentrations: i.concentrations.map((c) => ({ ...c, count: c.count * k })),
      focus: i.focus && {
        ...i.focus,
        count: i.focus.count * k,
        expected: i.focus.expected * k,
        concentrations: i.focus.concentrations.map((c) => ({ ...c, count: c.count * k }))
      },
      priority: { score, factors, formula: formulaOf(factors) }
    };
    out.statements = { zh: describeInsight(out, 'zh'), en: describeInsight(out, 'en') };
    return out;
  });
  scaled.sort(byPriority);
  return scaled.map((x, r) => ({ ...x, rank: r + 1 }));
}
