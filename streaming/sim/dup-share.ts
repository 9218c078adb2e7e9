import { enrichedSim } from './enriched.ts';
import { createGenerator } from './generator.ts';
import { presetIncident } from './scenarios.ts';

/**
 * How much of the simulated feed near-duplicate detection folds away, by kind of message: the demo's
 * image incident (its preset at a fixed 40 extra complaints a minute, as scripts/demo.sh runs it), the
 * everyday complaints, and the copy-paste campaigns (which should fold). Runs the real enricher over
 * the generated documents in time order, as a processor would.
 *
 *   npx tsx streaming/sim/dup-share.ts [--seed S] [--minutes M] [--rate R]
 */

export interface DupShare {
  kind: 'incident' | 'complaint' | 'campaign';
  messages: number;
  dups: number;
  share: number;
  /** incident only: share labelled with the incident's topic and a negative aspect sentiment on it */
  onTopic?: number;
}

export interface ScenarioLabels {
  scenario: string;
  messages: number;
  dups: number;
  /** the topic most of the scenario's messages carry, and the share carrying it */
  topic: string;
  topicShare: number;
}

export function measure(opts: { seed?: number | string; minutes?: number; rate?: number } = {}): { kinds: DupShare[]; scenarios: ScenarioLabels[] } {
  const { seed = 1, minutes = 30, rate = 1 } = opts;
  const t0 = Date.UTC(2026, 10, 23, 11); // 19:00 Shanghai, the evening peak
  const incident = { ...presetIncident('images_slow_android_east', t0 + 6 * 60_000, 20 * 60_000, 'measure'), perMinute: 40 };
  const gen = createGenerator({ seed, now: t0, incidents: [incident] });
  const enrich = enrichedSim();
  const tally = { incident: [0, 0, 0], complaint: [0, 0, 0], campaign: [0, 0, 0] } as Record<DupShare['kind'], number[]>;
  const byScenario = new Map<string, { messages: number; dups: number; topics: Map<string, number> }>();
  for (const d of gen.messagesBetween(t0, t0 + minutes * 60_000, rate)) {
    const e = enrich(d);
    const meta = d.meta ?? {};
    if (meta.sim_scenario && !meta.sim_incident && !meta.sim_relief) {
      const sc = byScenario.get(meta.sim_scenario) ?? { messages: 0, dups: 0, topics: new Map<string, number>() };
      byScenario.set(meta.sim_scenario, sc);
      sc.messages++;
      if (e.dup_of) sc.dups++;
      for (const t of e.topics) sc.topics.set(t, (sc.topics.get(t) ?? 0) + 1);
    }
    const kind: DupShare['kind'] | null = meta.sim_incident
      ? 'incident'
      : meta.sim_scenario === 'campaign'
        ? 'campaign'
        : meta.sim_mood === 'negative' && !meta.sim_relief
          ? 'complaint'
          : null;
    if (!kind) continue;
    const t = tally[kind];
    t[0]++;
    if (e.dup_of) t[1]++;
    const i = e.topics.indexOf('app.slow');
    if (kind === 'incident' && i >= 0 && e.topic_sentiments[i] <= -0.3) t[2]++;
  }
  const kinds = (Object.keys(tally) as DupShare['kind'][]).map((kind) => {
    const [messages, dups, onTopic] = tally[kind];
    return { kind, messages, dups, share: messages ? dups / messages : 0, ...(kind === 'incident' ? { onTopic: messages ? onTopic / messages : 0 } : {}) };
  });
  const scenarios = [...byScenario].sort().map(([scenario, sc]) => {
    const [topic, n] = [...sc.topics].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    return { scenario, messages: sc.messages, dups: sc.dups, topic, topicShare: sc.messages ? n / sc.messages : 0 };
  });
  return { kinds, scenarios };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const minutes = Number(arg('minutes') ?? 30);
  const rate = Number(arg('rate') ?? 1);
  const r3 = (x: number) => Number(x.toFixed(3));
  const { kinds, scenarios } = measure({ seed: arg('seed') ?? 1, minutes, rate });
  for (const r of kinds) console.log(JSON.stringify({ ...r, share: r3(r.share), ...(r.onTopic !== undefined ? { onTopic: r3(r.onTopic) } : {}) }));
  if (process.argv.includes('--scenarios')) for (const s of scenarios) console.log(JSON.stringify({ ...s, dupShare: r3(s.dups / s.messages), topicShare: r3(s.topicShare) }));
}
