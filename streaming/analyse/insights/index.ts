import type { Insight } from '../../../schemas/insights.ts';
import { countKeywords, frequentKeywords, topKeywords } from '../../enrich/keywords.ts';
import { countSlices, findConcentrations, type SliceReference } from './concentrate.ts';
import { describeInsight } from './describe.ts';
import { pickExamples } from './examples.ts';
import { isCounted, resolveOptions, type InsightMessage, type InsightOptions } from './message.ts';
import { priorityOf } from './priority.ts';
import { compareAnger, focusOf, topicStats, trafficOf } from './topics.ts';

/**
 * Insights: the ranked, explained list of top customer issues of a window (e.g. the last 24 h) against
 * a baseline (e.g. the 7 days before). A pure function of the two sets of messages:
 *
 *   per topic: volume, negativity, growth, customer value, detractors, anger vs peers   (topics.ts)
 *   where/when it concentrates: hour band, region, platform, channel, version          (concentrate.ts)
 *   the focus slice the statement talks about, and its growth                          (topics.ts)
 *   priority as a product of documented factors                                        (priority.ts)
 *   typical messages, zh + en statements                                   (examples.ts, describe.ts)
 */

export type { InsightMessage, InsightOptions } from './message.ts';
export { DEFAULT_INSIGHT_OPTIONS } from './message.ts';
export { describeInsight } from './describe.ts';
export { formulaOf } from './priority.ts';

export function buildInsights(
  current: readonly InsightMessage[],
  baseline: readonly InsightMessage[],
  options: Partial<InsightOptions> & Pick<InsightOptions, 'window' | 'baseline'>
): Insight[] {
  const o = resolveOptions(options);
  const now = current.filter(isCounted);
  const base = baseline.filter(isCounted);
  const traffic = trafficOf(now, base, o);
  const byTopic = (rows: readonly InsightMessage[]) => {
    const out = new Map<string, InsightMessage[]>();
    for (const m of rows) for (const t of new Set(m.topics)) (out.get(t) ?? out.set(t, []).get(t)!).push(m);
    return out;
  };
  const nowByTopic = byTopic(now);
  const baseByTopic = byTopic(base);

  const topics = [...nowByTopic.keys()].sort();
  const scored = topics
    .map((topic) => ({ topic, ...topicStats(topic, nowByTopic.get(topic)!, baseByTopic.get(topic) ?? [], traffic, o) }))
    .filter((t) => t.stats.count >= o.minCount);
  compareAnger(scored, o);

  const trafficNow = countSlices(now, o.utcOffsetHours);
  const trafficBase = countSlices(base, o.utcOffsetHours);
  const allKeywords = countKeywords(now.map((m) => m.keywords ?? []));

  const insights = scored.map(({ topic, stats }): Insight => {
    const topicNow = nowByTopic.get(topic)!;
    const topicBase = baseByTopic.get(topic) ?? [];
    const sparse = stats.count < o.minCountForWhere;
    const p = traffic.base > 0 ? stats.baselineCount / traffic.base : 0;
    const ref: SliceReference = {
      trafficNow,
      trafficBase,
      topicBase: countSlices(topicBase, o.utcOffsetHours),
      own: stats.baselineCount >= o.minBaselineForOwn
    };
    const concentrations = sparse ? [] : findConcentrations(countSlices(topicNow, o.utcOffsetHours), ref, o);
    const focus = concentrations.length ? focusOf(topicNow, topicBase, now, base, p, o, ref) : null;
    const topicKeywords = countKeywords(topicNow.map((m) => m.keywords ?? []));
    const distinctive = topKeywords(topicKeywords, allKeywords, { max: 8, minCount: 3, minG2: 3.84 }).map((k) => k.keyword);
    const keywords = distinctive.length ? distinctive : frequentKeywords(topicKeywords, 8).map((k) => k.keyword);
    const insight: Insight = {
      id: topic,
      rank: 0,
      window: o.window,
      baseline: o.baseline,
      stats,
      concentrations,
      focus,
      sparse,
      priority: priorityOf(stats, focus, traffic, o),
      keywords,
      examples: pickExamples(topic, topicNow, keywords, focus, o),
      statements: { zh: '', en: '' }
    };
    insight.statements = { zh: describeInsight(insight, 'zh'), en: describeInsight(insight, 'en') };
    return insight;
  });

  // Scores are compared at 12 significant digits, since sums in a different input order differ in the
  // last bits; ties then fall back to volume and the id, so the order does not depend on input order.
  const key = (x: Insight) => Number(x.priority.score.toPrecision(12));
  insights.sort((a, b) => key(b) - key(a) || b.stats.count - a.stats.count || (a.id < b.id ? -1 : 1));
  return insights.slice(0, o.maxInsights).map((x, i) => ({ ...x, rank: i + 1 }));
}

