import type { Insight } from '../../../schemas/insights.ts';
import { countKeywords, frequentKeywords, topKeywords } from '../../enrich/keywords.ts';
import { countSlices, findConcentrations, type SliceReference } from './concentrate.ts';
import { describeInsight } from './describe.ts';
import { pickExamples } from './examples.ts';
import { isComplaint, isCounted, resolveOptions, type InsightMessage, type InsightOptions } from './message.ts';
import { priorityOf } from './priority.ts';
import { compareAnger, focusOf, topicStats, trafficOf } from './topics.ts';

/**
 * Insights: the ranked, explained list of top customer issues of a window (e.g. the last 24 h) against
 * a baseline (e.g. the 7 days before). A pure function of the two sets of messages:
 *
 *   per topic: complaints, negativity, growth, customer value, detractors, anger vs peers (topics.ts)
 *   where/when its complaints concentrate: hour band, region, platform, channel, version (concentrate.ts)
 *   the focus slice the statement talks about, and the growth of complaints there        (topics.ts)
 *
 * A complaint is a message whose aspect sentiment on the topic is ≤ negativeAt (as topic_minute counts
 * `neg`). Everything after the per-topic stats looks at complaints only: a topic praised a lot ("images
 * load fast again") is not a top issue, and its praise must not make a statement's "3.4× usual" or
 * "evening, East China" describe anything but complaints.
 *   priority as a product of documented factors                                        (priority.ts)
 *   typical messages, zh + en statements                                   (examples.ts, describe.ts)
 */

export type { InsightMessage, InsightOptions } from './message.ts';
export { DEFAULT_INSIGHT_OPTIONS } from './message.ts';
export { describeInsight } from './describe.ts';
export { formulaOf, volumeFactor } from './priority.ts';

const scoreKey = (x: Insight) => Number(x.priority.score.toPrecision(12));
export const byPriority = (a: Insight, b: Insight): number =>
  scoreKey(b) - scoreKey(a) || b.stats.complaints - a.stats.complaints || (a.id < b.id ? -1 : 1);

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
  const complaintsOf = (topic: string, rows: readonly InsightMessage[]) => rows.filter((m) => isComplaint(m, topic, o));

  const topics = [...nowByTopic.keys()].sort();
  const all = topics.map((topic) => ({ topic, ...topicStats(topic, nowByTopic.get(topic)!, baseByTopic.get(topic) ?? [], traffic, o) }));
  // Peers for "angrier than other issues" are all topics with enough messages, not only those with enough complaints.
  compareAnger(all.filter((t) => t.stats.count >= o.minCount), o);
  const scored = all.filter((t) => t.stats.complaints >= o.minCount);

  const trafficNow = countSlices(now, o.utcOffsetHours);
  const trafficBase = countSlices(base, o.utcOffsetHours);
  const allKeywords = countKeywords(now.map((m) => m.keywords ?? []));

  const insights = scored.map(({ topic, stats }): Insight => {
    const topicNow = complaintsOf(topic, nowByTopic.get(topic)!);
    const topicBase = complaintsOf(topic, baseByTopic.get(topic) ?? []);
    const sparse = stats.complaints < o.minCountForWhere;
    const p = traffic.base > 0 ? stats.baselineComplaints / traffic.base : 0;
    const ref: SliceReference = {
      trafficNow,
      trafficBase,
      topicBase: countSlices(topicBase, o.utcOffsetHours),
      own: stats.baselineComplaints >= o.minBaselineForOwn
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
  // last bits; ties then fall back to complaints and the id, so the order does not depend on input order.
  insights.sort(byPriority);
  return insights.slice(0, o.maxInsights).map((x, i) => ({ ...x, rank: i + 1 }));
}

