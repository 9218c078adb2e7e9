/**
 * The opinion-evidence gate (subjectivity.ts) must not change the binary decision eval:sentiment scores
 * (positive iff score > 0): on every labelled CSV, the accuracy with the gate and without it (gate 1, i.e.
 * sent-2026.11-7's scores), how many items the gate shrank, and how many changed sign (must be 0).
 *
 *   npx tsx scripts/sentiment-gate-signs.ts ../shared/data/sentiment
 */
import { tokenize } from '../streaming/enrich/tokens.ts';
import { scoreSentiment } from '../streaming/enrich/sentiment/index.ts';
import { loadEvalFiles } from './eval-sentiment.ts';

const dir = process.argv.slice(2).find((a) => !a.startsWith('--'));
if (!dir) throw new Error('usage: sentiment-gate-signs <data-folder>');
for (const f of loadEvalFiles(dir)) {
  let on = 0, off = 0, gated = 0, flipped = 0, neutralOn = 0, neutralOff = 0;
  for (const r of f.rows) {
    const tokens = tokenize(r.text, f.lang);
    const a = scoreSentiment(r.text, f.lang, tokens);
    const b = scoreSentiment(r.text, f.lang, tokens, 1);
    if ((a.score > 0 ? 1 : 0) === r.label) on++;
    if ((b.score > 0 ? 1 : 0) === r.label) off++;
    if (a.score !== b.score) gated++;
    if (Math.sign(a.score) !== Math.sign(b.score)) flipped++;
    if (a.label === 'neutral') neutralOn++;
    if (b.label === 'neutral') neutralOff++;
  }
  const n = f.rows.length;
  console.log(JSON.stringify({ file: f.name, n, accuracyGated: +(on / n).toFixed(4), accuracyUngated: +(off / n).toFixed(4), gated, signChanged: flipped, neutralLabelGated: neutralOn, neutralLabelUngated: neutralOff }));
}
