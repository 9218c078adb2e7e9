/**
 * bench:alerts counts the simulator's intended mood (meta.sim_mood), so a change to the sentiment label
 * does not reach it. This writes the same count cache (scripts/bench-alerts.ts, format 3: 15-s bins of
 * cells topic × channel × region × platform) from the *enriched* messages instead: every generated
 * message goes through validation and the real enricher, in order, and counts when the product would
 * count it as a complaint (migration 002: sentiment_label = 'negative', not a near-duplicate, not noise).
 * The cell's topic stays the simulator's scenario topic, as bench:alerts assigns it, so incidents are
 * judged as there. Then `npm run bench:alerts -- --seed S --cache FILE` replays the labelled counts.
 *
 *   nice -n 10 npx tsx scripts/alert-counts-labelled.ts --seed 1 --out /tmp/labelled-1.json [--days 5 --warm-days 3 --rate 20 --per-day 4]
 *
 * The schedule is bench-alerts.ts's (scripts/lib/bench-incidents.ts); the clock and cache key are copied
 * from it and must stay in step with it.
 *
 * One pass writes two caches: `--out` with the shipped labels, and `--out-ungated` with the labels the
 * message would have had without the opinion-evidence gate (subjectivity.ts): the same model scoring the
 * enriched (redacted) text with the gate's factor fixed at 1.
 *
 *   nice -n 10 npx tsx scripts/alert-counts-labelled.ts --seed 1 --rate 5 --out /tmp/gated-1.json --out-ungated /tmp/ungated-1.json
 *
 * `--out-no-acts FILE` likewise writes the labels without the customer-service speech acts (register.ts),
 * i.e. sent-2026.11-8's: what the call-note reading changes in detection.
 */
import { writeFileSync } from 'node:fs';
import { createGenerator } from '../streaming/sim/generator.ts';
import { enrichedSim } from '../streaming/sim/enriched.ts';
import { tokenize } from '../streaming/enrich/tokens.ts';
import { scoreSentiment, scoreSentimentAs } from '../streaming/enrich/sentiment/index.ts';
import { SCENARIO_TOPIC } from '../streaming/sim/scenarios.ts';
import { incidentSchedule } from './lib/bench-incidents.ts';
import { numberOption, requiredOption, stringOption } from './lib/args.ts';

const SEED = stringOption('seed', '1');
const DAYS = numberOption('days', 5);
const WARM_DAYS = numberOption('warm-days', 3);
const RATE = numberOption('rate', 20);
const PER_DAY = numberOption('per-day', 4);
const OUT = requiredOption('out');
const OUT_UNGATED = stringOption('out-ungated', '');
const OUT_NO_ACTS = stringOption('out-no-acts', '');

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const T0 = Date.UTC(2026, 0, 5) - 8 * 3600_000;
const EVAL0 = T0 + WARM_DAYS * DAY;
const BIN_MS = 15_000;
const BINS = MINUTE / BIN_MS;

const cacheKey = JSON.stringify({ format: 3, BIN_MS, SEED, DAYS, WARM_DAYS, RATE, PER_DAY, T0 });
const gen = createGenerator({ seed: SEED, now: T0, incidents: incidentSchedule({ seed: SEED, days: DAYS, perDay: PER_DAY, eval0: EVAL0 }) });
const enriched = enrichedSim();
type Cache = { slices: string[]; index: Map<string, number>; bins: number[][]; complaints: number };
// 0: shipped labels; 1: without the opinion-evidence gate; 2: without the speech acts (sent-2026.11-8).
const caches: Cache[] = [0, 1, 2].map(() => ({ slices: [], index: new Map(), bins: [], complaints: 0 }));
let docs = 0, moodNeg = 0;
const started = performance.now();
for (let t = T0; t < EVAL0 + DAYS * DAY; t += MINUTE) {
  const parts: Map<string, number>[][] = caches.map(() => Array.from({ length: BINS }, () => new Map()));
  for (const d of gen.messagesBetween(t, t + MINUTE, RATE)) {
    const e = enriched(d);
    docs++;
    if (d.meta?.sim_mood === 'negative') moodNeg++;
    if (e.noise || e.dup_of) continue;
    const tokens = OUT_UNGATED || OUT_NO_ACTS ? tokenize(e.text, e.lang) : undefined;
    const ungated = tokens && OUT_UNGATED ? scoreSentiment(e.text, e.lang, tokens, 1).label : e.sentiment_label;
    const noActs = tokens && OUT_NO_ACTS ? scoreSentimentAs(8, e.text, e.lang, tokens).label : e.sentiment_label;
    const cell = [SCENARIO_TOPIC[d.meta?.sim_scenario ?? ''] ?? '', d.channel, d.customer?.region ?? '', d.meta?.platform ?? ''].join('\t');
    const b = Math.min(BINS - 1, Math.floor((Number(d.ts) - t) / BIN_MS));
    for (const [c, l] of [e.sentiment_label, ungated, noActs].entries()) {
      if (l !== 'negative') continue;
      caches[c].complaints++;
      parts[c][b].set(cell, (parts[c][b].get(cell) ?? 0) + 1);
    }
  }
  for (const [c, cache] of caches.entries()) {
    for (const m of parts[c]) {
      const flat: number[] = [];
      for (const [k, n] of m) {
        let i = cache.index.get(k);
        if (i === undefined) { i = cache.slices.length; cache.slices.push(k); cache.index.set(k, i); }
        flat.push(i, n);
      }
      cache.bins.push(flat);
    }
  }
  if ((t - T0) % DAY === 0) console.error(`day ${(t - T0) / DAY}: ${docs} messages, ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
writeFileSync(OUT, JSON.stringify({ key: cacheKey, slices: caches[0].slices, bins: caches[0].bins }));
if (OUT_UNGATED) writeFileSync(OUT_UNGATED, JSON.stringify({ key: cacheKey, slices: caches[1].slices, bins: caches[1].bins }));
if (OUT_NO_ACTS) writeFileSync(OUT_NO_ACTS, JSON.stringify({ key: cacheKey, slices: caches[2].slices, bins: caches[2].bins }));
console.error(`${docs} messages, ${moodNeg} meant negative; complaints (labelled negative, not dup/noise): ${caches[0].complaints} gated, ${caches[1].complaints} ungated, ${caches[2].complaints} without speech acts; ${((performance.now() - started) / 1000).toFixed(0)} s`);
