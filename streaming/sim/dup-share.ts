import type { SentimentLabel } from '../../schemas/feedback.ts';
import { enrichedSim } from './enriched.ts';
import { createGenerator } from './generator.ts';
import { presetIncident } from './scenarios.ts';

/**
 * How much of the simulated feed near-duplicate detection folds away, by kind of message: the demo's
 * image incident (its preset at a fixed 40 extra complaints a minute, as scripts/demo.sh runs it) and
 * the praise after its fix, the everyday messages by mood, the copy-paste campaigns (which should
 * fold), and every channel by mood (call notes are written by agents, not composed like customers'
 * words). Runs the real enricher over the generated documents in time order, as a processor would.
 *
 * The wall counts one voice per near-duplicate group, so a mood that folds more than another shifts the
 * wall's mix: `wall` compares the negative share among all real messages with that among unfolded ones.
 * The near-duplicate window is 24 h, so the folded share grows with the history behind a message: with
 * `warmupHours` the enricher first sees that much earlier traffic, uncounted, as in a running demo.
 *
 *   npx tsx streaming/sim/dup-share.ts [--seed S] [--minutes M] [--rate R] [--warmup-hours H] [--scenarios] [--json]
 */

export type Kind = 'incident' | 'relief' | 'campaign' | 'negative' | 'neutral' | 'positive';
const KINDS: Kind[] = ['incident', 'relief', 'campaign', 'negative', 'neutral', 'positive'];
const MOODS = ['negative', 'neutral', 'positive'] as const;
type Mood = (typeof MOODS)[number];

type LabelShares = Record<SentimentLabel, number>;

export interface DupShare {
  kind: Kind;
  messages: number;
  dups: number;
  share: number;
  /** how the enricher labels these messages (shares of `messages`) */
  labels: LabelShares;
  /** incident only: share labelled with the incident's topic and a negative aspect sentiment on it */
  onTopic?: number;
}

export interface ChannelShare {
  channel: string;
  mood: Mood;
  messages: number;
  dups: number;
  share: number;
}

export interface ScenarioLabels {
  scenario: string;
  messages: number;
  dups: number;
  /** the topic most of the scenario's messages carry, and the share carrying it */
  topic: string;
  topicShare: number;
  /** shares of the scenario's messages that carry `topic` with an aspect sentiment ≥ 0.3 / ≤ −0.3 */
  topicPositive: number;
  topicNegative: number;
  labels: LabelShares;
}

/** Negative shares among real (non-noise) messages, all of them and only those the wall counts. */
export interface WallMix {
  messages: number;
  unfolded: number;
  /** by the enricher's label, as the wall reads it */
  negativeLabelAll: number;
  negativeLabelUnfolded: number;
  /** by what the simulator meant (campaigns count as negative) */
  negativeMoodAll: number;
  negativeMoodUnfolded: number;
}

export interface Measured {
  kinds: DupShare[];
  channels: ChannelShare[];
  scenarios: ScenarioLabels[];
  wall: WallMix;
}

const emptyLabels = () => ({ negative: 0, neutral: 0, positive: 0 }) as Record<SentimentLabel, number>;
const ratio = (a: number, b: number) => (b ? a / b : 0);
const shares = (counts: Record<SentimentLabel, number>, n: number) =>
  Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, ratio(v, n)])) as LabelShares;

export function measure(opts: { seed?: number | string; minutes?: number; rate?: number; warmupHours?: number } = {}): Measured {
  const { seed = 1, minutes = 30, rate = 1, warmupHours = 0 } = opts;
  const t0 = Date.UTC(2026, 10, 23, 11); // 19:00 Shanghai, the evening peak
  const incident = { ...presetIncident('images_slow_android_east', t0 + 6 * 60_000, 20 * 60_000, 'measure'), perMinute: 40 };
  const from = t0 - warmupHours * 3_600_000;
  const gen = createGenerator({ seed, now: from, incidents: [incident] });
  const enrich = enrichedSim();
  const tally = new Map<Kind, { messages: number; dups: number; onTopic: number; labels: Record<SentimentLabel, number> }>(
    KINDS.map((k) => [k, { messages: 0, dups: 0, onTopic: 0, labels: emptyLabels() }])
  );
  const byChannel = new Map<string, { messages: number; dups: number }>();
  const byScenario = new Map<string, { messages: number; dups: number; labels: Record<SentimentLabel, number>; topics: Map<string, number[]> }>();
  const wall = { messages: 0, unfolded: 0, negLabel: 0, negLabelUnfolded: 0, negMood: 0, negMoodUnfolded: 0 };
  // A day of warm-up at the demo's rate is ~90k messages: generate it an hour at a time to bound memory.
  const end = t0 + minutes * 60_000;
  for (let a = from; a < end; a += 3_600_000) {
    for (const d of gen.messagesBetween(a, Math.min(end, a + 3_600_000), rate)) {
      const e = enrich(d);
      if ((d.ts as number) < t0) continue;
      const meta = d.meta ?? {};
      const folded = e.dup_of !== '';
      if (!e.noise) {
        const negMood = meta.sim_mood === 'negative';
        const negLabel = e.sentiment_label === 'negative';
        wall.messages++;
        wall.negLabel += +negLabel;
        wall.negMood += +negMood;
        if (!folded) {
          wall.unfolded++;
          wall.negLabelUnfolded += +negLabel;
          wall.negMoodUnfolded += +negMood;
        }
      }
      const scenario = meta.sim_scenario;
      // The incident's complaints are counted as a kind; the praise after its fix (a scenario of its own) is here too.
      if (scenario && scenario !== 'noise' && scenario !== 'advert' && !meta.sim_incident) {
        const sc = byScenario.get(scenario) ?? { messages: 0, dups: 0, labels: emptyLabels(), topics: new Map<string, number[]>() };
        byScenario.set(scenario, sc);
        sc.messages++;
        sc.dups += +folded;
        sc.labels[e.sentiment_label]++;
        e.topics.forEach((t, i) => {
          const c = sc.topics.get(t) ?? [0, 0, 0];
          sc.topics.set(t, c);
          c[0]++;
          if (e.topic_sentiments[i] >= 0.3) c[1]++;
          if (e.topic_sentiments[i] <= -0.3) c[2]++;
        });
      }
      const kind: Kind | null = meta.sim_incident
        ? 'incident'
        : meta.sim_relief
          ? 'relief'
          : scenario === 'campaign'
            ? 'campaign'
            : scenario === 'noise' || scenario === 'advert'
              ? null
              : ((meta.sim_mood as Mood | undefined) ?? null);
      if (!kind) continue;
      const t = tally.get(kind)!;
      t.messages++;
      t.dups += +folded;
      t.labels[e.sentiment_label]++;
      const i = e.topics.indexOf('app.slow');
      if (kind === 'incident' && i >= 0 && e.topic_sentiments[i] <= -0.3) t.onTopic++;
      if (kind !== 'campaign') {
        const key = `${d.channel}\t${meta.sim_mood}`;
        const c = byChannel.get(key) ?? { messages: 0, dups: 0 };
        byChannel.set(key, c);
        c.messages++;
        c.dups += +folded;
      }
    }
  }
  const kinds = KINDS.map((kind) => {
    const { messages, dups, onTopic, labels } = tally.get(kind)!;
    return {
      kind, messages, dups, share: ratio(dups, messages), labels: shares(labels, messages),
      ...(kind === 'incident' ? { onTopic: ratio(onTopic, messages) } : {})
    };
  });
  const channels = [...byChannel].sort(([a], [b]) => a.localeCompare(b)).map(([key, c]) => {
    const [channel, mood] = key.split('\t');
    return { channel, mood: mood as Mood, ...c, share: ratio(c.dups, c.messages) };
  });
  const scenarios = [...byScenario].sort(([a], [b]) => a.localeCompare(b)).map(([scenario, sc]) => {
    const [topic, [n, pos, neg]] = [...sc.topics].sort((a, b) => b[1][0] - a[1][0])[0] ?? ['', [0, 0, 0]];
    const of = (x: number) => ratio(x, sc.messages);
    return { scenario, messages: sc.messages, dups: sc.dups, topic, topicShare: of(n), topicPositive: of(pos), topicNegative: of(neg), labels: shares(sc.labels, sc.messages) };
  });
  return {
    kinds,
    channels,
    scenarios,
    wall: {
      messages: wall.messages,
      unfolded: wall.unfolded,
      negativeLabelAll: ratio(wall.negLabel, wall.messages),
      negativeLabelUnfolded: ratio(wall.negLabelUnfolded, wall.unfolded),
      negativeMoodAll: ratio(wall.negMood, wall.messages),
      negativeMoodUnfolded: ratio(wall.negMoodUnfolded, wall.unfolded)
    }
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const r3 = (x: number) => Number(x.toFixed(3));
  const round = (o: unknown): unknown =>
    typeof o === 'number' ? (Number.isInteger(o) ? o : r3(o)) : Array.isArray(o) ? o.map(round) : o && typeof o === 'object' ? Object.fromEntries(Object.entries(o).map(([k, v]) => [k, round(v)])) : o;
  const m = measure({ seed: arg('seed') ?? 1, minutes: Number(arg('minutes') ?? 30), rate: Number(arg('rate') ?? 1), warmupHours: Number(arg('warmup-hours') ?? 0) });
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(round(m)));
  } else {
    for (const r of m.kinds) console.log(JSON.stringify(round(r)));
    console.log(JSON.stringify(round({ wall: m.wall })));
    for (const c of m.channels) console.log(JSON.stringify(round(c)));
    if (process.argv.includes('--scenarios')) for (const s of m.scenarios) console.log(JSON.stringify(round({ ...s, dupShare: s.dups / s.messages })));
  }
}
