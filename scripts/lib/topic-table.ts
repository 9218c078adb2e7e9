import { createGenerator } from '../../streaming/sim/generator.ts';
import { enrichedSim } from '../../streaming/sim/enriched.ts';
import { createRng, type Rng } from '../../streaming/sim/rng.ts';

/**
 * Which negative topics the real enrichment gives the simulator's complaints, per scenario: bench:alerts
 * counts minutes from the generator alone (enriching days of traffic would take hours), so with
 * `--topics enricher` each complaint draws its topic set from these frequencies, measured here on a sample
 * of generated messages run through the enricher as a processor runs it. A topic counts when its aspect
 * sentiment is ≤ −0.3, as topic_minute counts it. About 40 % of the sample's complaints carry two or more
 * negative topics: the case one incident opens two alerts in (streaming/analyse/alerts/shared.ts).
 */

export interface TopicTable {
  /** scenario → [topic set joined by "+" ('' none), share] */
  sets: Record<string, [string, number][]>;
  /** complaints sampled per scenario */
  n: Record<string, number>;
}

/** `minutes` of the feed at `rate` messages/s from noon, enriched: ~12,000 complaints for 8 minutes at 20/s. */
export function measureTopicTable(seed = 'topic-table', minutes = 8, rate = 20): TopicTable {
  const t0 = Date.UTC(2026, 0, 5, 12);
  const gen = createGenerator({ seed, now: t0 });
  const enrich = enrichedSim();
  const counts = new Map<string, Map<string, number>>();
  for (const d of gen.messagesBetween(t0, t0 + minutes * 60_000, rate)) {
    if (d.meta?.sim_mood !== 'negative') continue;
    const e = enrich(d);
    const scenario = d.meta.sim_scenario ?? '';
    const set = [...new Set(e.topics.filter((_, i) => e.topic_sentiments[i] <= -0.3))].sort().join('+');
    const m = counts.get(scenario) ?? new Map<string, number>();
    m.set(set, (m.get(set) ?? 0) + 1);
    counts.set(scenario, m);
  }
  const sets: TopicTable['sets'] = {}, n: TopicTable['n'] = {};
  for (const [scenario, m] of counts) {
    const total = [...m.values()].reduce((a, b) => a + b, 0);
    n[scenario] = total;
    sets[scenario] = [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k, v]) => [k, v / total]);
  }
  return { sets, n };
}

/** Draws topic sets from the table, one seeded stream per run (messages come in a fixed order). */
export function topicDrawer(table: TopicTable, seed: string): (scenario: string) => string[] {
  const rng: Rng = createRng(seed);
  return (scenario) => {
    const sets = table.sets[scenario];
    if (!sets) return [];
    let u = rng.next();
    for (const [set, share] of sets) {
      if ((u -= share) < 0) return set ? set.split('+') : [];
    }
    const last = sets[sets.length - 1][0];
    return last ? last.split('+') : [];
  };
}

/** Share of the scenario's complaints that carry `topic` (the incident's co-topics, for judging duplicates). */
export function topicShare(table: TopicTable, scenario: string, topic: string): number {
  let s = 0;
  for (const [set, share] of table.sets[scenario] ?? []) if (set.split('+').includes(topic)) s += share;
  return s;
}

/**
 * Baseline co-occurrence q(a | b): of all complaints negative on b, the share also negative on a, under
 * the baseline scenario mix (`weights`). What two unrelated slices share at most (shared.ts).
 */
export function cooccurrence(table: TopicTable, weights: Record<string, number>): Map<string, number> {
  const onB = new Map<string, number>(), both = new Map<string, number>();
  for (const [scenario, sets] of Object.entries(table.sets)) {
    const w = weights[scenario] ?? 0;
    for (const [set, share] of sets) {
      const ts = set ? set.split('+') : [];
      for (const b of ts) {
        onB.set(b, (onB.get(b) ?? 0) + w * share);
        for (const a of ts) if (a !== b) both.set(`${a}|${b}`, (both.get(`${a}|${b}`) ?? 0) + w * share);
      }
    }
  }
  const q = new Map<string, number>();
  for (const [k, v] of both) q.set(k, v / onB.get(k.split('|')[1])!);
  return q;
}
