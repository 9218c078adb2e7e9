import type { EnrichedFeedback, FeedbackInput } from '../../schemas/feedback.ts';
import { createGenerator } from '../../streaming/sim/generator.ts';
import { SCENARIO_TOPIC, type Incident } from '../../streaming/sim/scenarios.ts';
import type { Db } from '../../streaming/store/db.ts';
import { insertFeedback } from '../../streaming/store/insert.ts';
import { toRow } from '../../streaming/store/rows.ts';

/**
 * Days of simulated history straight into ClickHouse, labelled with the simulator's own ground truth
 * (mood → sentiment, scenario → topic) instead of running enrichment: the alert tests need weeks of
 * minutes in seconds, and what they test starts at the minute rollups, which fill as in production.
 */

export function labelled(doc: FeedbackInput, ts: number): EnrichedFeedback {
  const mood = doc.meta?.sim_mood;
  const topic = SCENARIO_TOPIC[doc.meta?.sim_scenario ?? ''];
  const sentiment = mood === 'negative' ? -0.8 : mood === 'positive' ? 0.8 : 0;
  return {
    id: doc.id!, ts, received_at: ts, channel: doc.channel, text: doc.text, lang: 'zh',
    customer: { id: doc.customer?.id ?? '', region: doc.customer?.region ?? '', segment: doc.customer?.segment ?? '', tier: doc.customer?.tier ?? '' },
    product: doc.product ?? '', app_version: doc.app_version ?? '', nps: null, csat: null, meta: doc.meta ?? {},
    sentiment, sentiment_label: mood === 'negative' ? 'negative' : mood === 'positive' ? 'positive' : 'neutral',
    topics: topic ? [topic] : [], topic_sentiments: topic ? [sentiment] : [],
    keywords: topic ? [topic.split('.')[1]] : [], pii: [],
    // A campaign's copies are near-duplicates to the pipeline; noise and adverts are noise.
    dup_of: doc.meta?.sim_scenario === 'campaign' ? 'campaign' : '',
    noise: doc.meta?.sim_scenario === 'noise' || doc.meta?.sim_scenario === 'advert' ? doc.meta.sim_scenario : '', model_version: 'sim-truth'
  };
}

export interface HistoryOptions {
  seed: string;
  from: number;
  to: number;
  ratePerSec: number;
  incidents?: Incident[];
  /** only complaints are stored: the watcher counts nothing else, and it keeps the tests quick */
  negativeOnly?: boolean;
}

/** Writes the simulated feed of [from, to) into the feedback table; returns how many rows. */
export async function writeHistory(db: Db, o: HistoryOptions): Promise<number> {
  const gen = createGenerator({ seed: o.seed, now: o.from, incidents: o.incidents ?? [] });
  let n = 0;
  for (let t = o.from; t < o.to; t += 3_600_000) {
    const docs = gen.messagesBetween(t, Math.min(o.to, t + 3_600_000), o.ratePerSec)
      .filter((d) => !o.negativeOnly || d.meta?.sim_mood === 'negative');
    const rows = docs.map((d) => labelled(d, typeof d.ts === 'number' ? d.ts : Date.parse(String(d.ts))));
    await insertFeedback(db, rows.map((r) => ({ key: r.id, row: toRow(r, `0-${r.id}`) })));
    n += rows.length;
  }
  return n;
}

const HOUR_MS = 3_600_000;
/**
 * The watchers' clock: the latest 06:00 UTC (14:00 in Shanghai). A fixed time of day makes every run see the
 * same traffic: the simulator follows the daily rhythm, and ending at whatever minute the suite ran once
 * opened a second alert.
 */
export const fixedEnd = (now = Date.now()): number => Math.floor((now - 6 * HOUR_MS) / (24 * HOUR_MS)) * 24 * HOUR_MS + 6 * HOUR_MS;
