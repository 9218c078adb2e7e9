/**
 * Three-class sentiment labels against a reference, per language: the project's hand-labelled VoC
 * fixture (streaming/enrich/sentiment/neutral.cases.ts) and the simulator's stream (generated →
 * validated → enriched, compared with meta.sim_mood, the generator's intended mood). Noise and adverts
 * are left out, as the rollups leave them out; copy-paste campaigns are kept (the generator means them
 * as complaints).
 *
 *   npx tsx scripts/sentiment-neutral.ts [--seed sim-neutral --hours 6 --rate 5]
 *
 * stdout: one JSON line per (source, language, gate): n, accuracy, confusion[reference][label], the share
 * labelled negative and the complaint count (negative, not a near-duplicate). gate "on" is the shipped
 * scorer; "noacts" is the same model with the opinion-evidence gate but without the speech-act reading
 * (register.ts), i.e. sent-2026.11-8's labels; "off" has neither (gate 1, no acts), i.e. sent-2026.11-7's; "v9" is
 * sent-2026.11-9 (gate and acts, without the resolution / lukewarm verdicts of resolution.ts).
 */
import { createGenerator } from '../streaming/sim/generator.ts';
import { enrichedSim } from '../streaming/sim/enriched.ts';
import { tokenize } from '../streaming/enrich/tokens.ts';
import { scoreSentiment, scoreSentimentAs, type SentimentLabel } from '../streaming/enrich/sentiment/index.ts';
import { NEUTRAL_CASES } from '../streaming/enrich/sentiment/neutral.cases.ts';
import { numberOption, stringOption } from './lib/args.ts';

const SEED = stringOption('seed', 'sim-neutral');
const HOURS = numberOption('hours', 6);
const RATE = numberOption('rate', 5);
const LABELS: SentimentLabel[] = ['negative', 'neutral', 'positive'];

type Tally = { n: number; right: number; confusion: Record<string, Record<string, number>>; neg: number; complaints: number };
const tallies = new Map<string, Tally>();
function count(key: string, ref: string, label: SentimentLabel, dup = false): void {
  let t = tallies.get(key);
  if (!t) {
    t = { n: 0, right: 0, confusion: Object.fromEntries(LABELS.map((r) => [r, Object.fromEntries(LABELS.map((l) => [l, 0]))])), neg: 0, complaints: 0 };
    tallies.set(key, t);
  }
  t.n++;
  if (ref === label) t.right++;
  t.confusion[ref][label]++;
  if (label === 'negative') {
    t.neg++;
    if (!dup) t.complaints++;
  }
}

for (const c of NEUTRAL_CASES) {
  const tokens = tokenize(c.text, c.lang);
  count(`fixture\t${c.lang}\ton`, c.label, scoreSentiment(c.text, c.lang, tokens).label);
  count(`fixture\t${c.lang}\tv9`, c.label, scoreSentimentAs(9, c.text, c.lang, tokens).label);
  count(`fixture\t${c.lang}\tnoacts`, c.label, scoreSentimentAs(8, c.text, c.lang, tokens).label);
  count(`fixture\t${c.lang}\toff`, c.label, scoreSentimentAs(7, c.text, c.lang, tokens).label);
}

// Mid-week, daytime: a 09:00 Beijing start, so the hours are busy ones.
const T0 = Date.UTC(2026, 0, 6, 1);
const gen = createGenerator({ seed: SEED, now: T0 });
const enrich = enrichedSim();
const t0 = performance.now();
let docs = 0;
for (let t = T0; t < T0 + HOURS * 3600_000; t += 60_000) {
  for (const d of gen.messagesBetween(t, t + 60_000, RATE)) {
    const s = d.meta?.sim_scenario;
    if (s === 'noise' || s === 'advert') continue;
    const e = enrich(d);
    docs++;
    if (e.noise) continue;
    const lang = d.meta?.sim_lang ?? e.lang;
    count(`sim\t${lang}\ton`, d.meta!.sim_mood, e.sentiment_label, e.dup_of !== '');
    const tokens = tokenize(e.text, e.lang);
    count(`sim\t${lang}\tv9`, d.meta!.sim_mood, scoreSentimentAs(9, e.text, e.lang, tokens).label, e.dup_of !== '');
    count(`sim\t${lang}\tnoacts`, d.meta!.sim_mood, scoreSentimentAs(8, e.text, e.lang, tokens).label, e.dup_of !== '');
    count(`sim\t${lang}\toff`, d.meta!.sim_mood, scoreSentimentAs(7, e.text, e.lang, tokens).label, e.dup_of !== '');
  }
}
console.error(`sim: ${docs} messages enriched in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

for (const [key, t] of tallies) {
  const [source, lang, gate] = key.split('\t');
  console.log(JSON.stringify({ source, lang, gate, n: t.n, accuracy: +(t.right / t.n).toFixed(3), negShare: +(t.neg / t.n).toFixed(3), complaints: t.complaints, confusion: t.confusion }));
}
