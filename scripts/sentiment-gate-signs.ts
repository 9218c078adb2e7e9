/**
 * The opinion-evidence gate (subjectivity.ts) must not change the binary decision eval:sentiment scores
 * (positive iff score > 0): on every labelled CSV, the accuracy with the gate and without it (gate 1, i.e.
 * sent-2026.11-7's scores), how many items the gate shrank, and how many changed sign (must be 0).
 * The speech-act prior (register.ts, sent-2026.11-9) can change a sign: `accuracyNoActs` and
 * `actSignChanged` compare the shipped score with sent-2026.11-8's (its gate, no acts), and
 * `actFixed` / `actBroke` count the sign changes that made an item right / wrong.
 * sent-2026.11-10 (resolution.ts verdicts, praise facts in register.ts) likewise: `accuracyV9`,
 * `v10SignChanged`, `v10Fixed`, `v10Broke` compare sent-2026.11-10's score with sent-2026.11-9's.
 * sent-2026.11-11 (requests.ts: courtesy and wishes hidden from the gate, failure facts) likewise:
 * `accuracyV10`, `v11SignChanged`, `v11Fixed`, `v11Broke` compare the shipped score with sent-2026.11-10's.
 * `--flips` prints the rows whose sign the shipped reading changed against sent-2026.11-10 to stderr.
 *
 *   npx tsx scripts/sentiment-gate-signs.ts ../shared/data/sentiment [--flips]
 */
import { tokenize } from '../streaming/enrich/tokens.ts';
import { scoreSentiment, scoreSentimentAs } from '../streaming/enrich/sentiment/index.ts';
import { loadEvalFiles } from './eval-sentiment.ts';

const showFlips = process.argv.includes('--flips');
const dir = process.argv.slice(2).find((a) => !a.startsWith('--'));
if (!dir) throw new Error('usage: sentiment-gate-signs <data-folder>');
for (const f of loadEvalFiles(dir)) {
  let on = 0, off = 0, gated = 0, flipped = 0, neutralOn = 0, neutralOff = 0;
  let noActs = 0, actFlipped = 0, actFixed = 0, actBroke = 0, withActs = 0;
  let v9 = 0, v10Flipped = 0, v10Fixed = 0, v10Broke = 0;
  let v10 = 0, v11Flipped = 0, v11Fixed = 0, v11Broke = 0;
  for (const r of f.rows) {
    const tokens = tokenize(r.text, f.lang);
    const a = scoreSentiment(r.text, f.lang, tokens);
    const b = scoreSentimentAs(7, r.text, f.lang, tokens);
    const c = scoreSentimentAs(8, r.text, f.lang, tokens);
    const d = scoreSentimentAs(9, r.text, f.lang, tokens);
    const e = scoreSentimentAs(10, r.text, f.lang, tokens);
    if ((d.score > 0 ? 1 : 0) === r.label) v9++;
    if ((e.score > 0 ? 1 : 0) === r.label) v10++;
    if (Math.sign(e.score) !== Math.sign(d.score)) {
      v10Flipped++;
      if ((e.score > 0 ? 1 : 0) === r.label) v10Fixed++;
      else v10Broke++;
    }
    if (Math.sign(a.score) !== Math.sign(e.score)) {
      v11Flipped++;
      if ((a.score > 0 ? 1 : 0) === r.label) v11Fixed++;
      else v11Broke++;
      if (showFlips) console.error(`${f.name}\tlabel ${r.label}\t${e.score.toFixed(2)} → ${a.score.toFixed(2)}\t${r.text.slice(0, 160)}`);
    }
    if ((c.score > 0 ? 1 : 0) === r.label) noActs++;
    if (a.score !== c.score) withActs++;
    if (Math.sign(a.score) !== Math.sign(c.score)) {
      actFlipped++;
      if ((a.score > 0 ? 1 : 0) === r.label) actFixed++;
      else actBroke++;
    }
    if ((a.score > 0 ? 1 : 0) === r.label) on++;
    if ((b.score > 0 ? 1 : 0) === r.label) off++;
    if (c.score !== b.score) gated++;
    if (Math.sign(c.score) !== Math.sign(b.score)) flipped++;
    if (a.label === 'neutral') neutralOn++;
    if (b.label === 'neutral') neutralOff++;
  }
  const n = f.rows.length;
  console.log(JSON.stringify({ file: f.name, n, accuracyGated: +(on / n).toFixed(4), accuracyUngated: +(off / n).toFixed(4), accuracyNoActs: +(noActs / n).toFixed(4), accuracyV9: +(v9 / n).toFixed(4), v10SignChanged: v10Flipped, v10Fixed, v10Broke, accuracyV10: +(v10 / n).toFixed(4), v11SignChanged: v11Flipped, v11Fixed, v11Broke, withActs, actSignChanged: actFlipped, actFixed, actBroke, gated, signChanged: flipped, neutralLabelGated: neutralOn, neutralLabelUngated: neutralOff }));
}
