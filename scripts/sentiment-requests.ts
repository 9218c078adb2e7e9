/**
 * The suggestion / polite-question / bare-failure fixture (streaming/enrich/sentiment/requests.cases.ts):
 * three-class message accuracy per language and split, per kind, for the shipped reading and
 * sent-2026.11-10's (scoreSentimentAs(10): the same weights without requests.ts). With `--sim`, the
 * simulator's stream too (generated → validated → enriched, as scripts/sentiment-neutral.ts): per
 * language, the share of suggestions and of questions labelled positive, of complaints (meant negative)
 * labelled neutral, and three-class accuracy, both readings in one run.
 *
 *   npx tsx scripts/sentiment-requests.ts [--test] [--errors] [--sim] [--hours 2] [--seed sim-neutral] [--rate 5]
 *
 * The test split is scored only with `--test` (run it once, after the rules are chosen on dev).
 * `--errors` prints the shipped reading's wrong rows of the dev split to stderr (never the test split's:
 * that half is only measured).
 */
import { createEnricher } from '../streaming/enrich/index.ts';
import { tokenize } from '../streaming/enrich/tokens.ts';
import { scoreSentimentAs, type SentimentLabel } from '../streaming/enrich/sentiment/index.ts';
import { REQUEST_CASES } from '../streaming/enrich/sentiment/requests.cases.ts';
import { createGenerator } from '../streaming/sim/generator.ts';
import { enrichedSim } from '../streaming/sim/enriched.ts';
import { numberOption, stringOption } from './lib/args.ts';
import { feedbackFromText } from './lib/feedback-doc.ts';
import { createTally } from './lib/tally.ts';

const showErrors = process.argv.includes('--errors');
const withTest = process.argv.includes('--test');
const groups = createTally();
const tally = groups.add;
const enrich = createEnricher();
for (const [i, c] of REQUEST_CASES.entries()) {
  if (c.split === 'test' && !withTest) continue;
  const r = enrich({ ...feedbackFromText(c.text, `req-${i}`), lang: c.lang });
  const before = scoreSentimentAs(10, r.text, c.lang, tokenize(r.text, c.lang)).label;
  for (const [reading, label] of [['shipped', r.sentiment_label], ['v10', before]] as const) {
    tally(`fixture\t${reading}\tmessage\t${c.lang}\t${c.split}`, label === c.label);
    tally(`fixture\t${reading}\t${c.kind}:${c.label}\t${c.lang}\t${c.split}`, label === c.label);
  }
  if (showErrors && c.split === 'dev' && r.sentiment_label !== c.label) {
    console.error(`${c.lang}\t${c.kind}\t${c.label} → ${r.sentiment_label}\t${r.sentiment.toFixed(2)}\t${c.text}`);
  }
}

if (process.argv.includes('--sim')) {
  const SEED = stringOption('seed', 'sim-neutral');
  const HOURS = numberOption('hours', 2);
  const RATE = numberOption('rate', 5);
  const T0 = Date.UTC(2026, 0, 6, 1);
  const gen = createGenerator({ seed: SEED, now: T0 });
  const enrichSim = enrichedSim();
  for (let t = T0; t < T0 + HOURS * 3600_000; t += 60_000) {
    for (const d of gen.messagesBetween(t, t + 60_000, RATE)) {
      const s = d.meta?.sim_scenario;
      if (s === 'noise' || s === 'advert') continue;
      const e = enrichSim(d);
      if (e.noise) continue;
      const lang = d.meta?.sim_lang ?? e.lang;
      const mood = d.meta!.sim_mood as SentimentLabel;
      const before = scoreSentimentAs(10, e.text, e.lang, tokenize(e.text, e.lang)).label;
      for (const [reading, label] of [['shipped', e.sentiment_label], ['v10', before]] as const) {
        tally(`sim\t${reading}\tthree-class\t${lang}\tall`, label === mood);
        if (s === 'suggestion' || s === 'question') tally(`sim\t${reading}\t${s} read positive\t${lang}\tall`, label === 'positive');
        if (mood === 'negative') tally(`sim\t${reading}\tcomplaint read neutral\t${lang}\tall`, label === 'neutral');
        if (mood === 'neutral') tally(`sim\t${reading}\tneutral read negative\t${lang}\tall`, label === 'negative');
        if (mood === 'positive') tally(`sim\t${reading}\tpraise read positive\t${lang}\tall`, label === 'positive');
      }
    }
  }
}

for (const { key, n, share } of groups.sorted()) {
  const [source, reading, what, lang, split] = key.split('\t');
  console.log(JSON.stringify({ source, reading, what, lang, split, n, share: +share.toFixed(3) }));
}
