/**
 * Scores any CSV with a `text` column through the same enrichment code as the pipeline.
 *
 *   npm run --silent sentiment -- --file reviews.csv
 *
 * stdout: one JSON line per row, in order: {"lang","score","label","topics"}.
 */
import { readCsvRecords } from './lib/csv.ts';
import { createEnricher } from '../streaming/enrich/index.ts';
import { feedbackFromText } from './lib/feedback-doc.ts';

const i = process.argv.indexOf('--file');
const file = i > 0 ? process.argv[i + 1] : undefined;
if (!file) {
  console.error('usage: npm run --silent sentiment -- --file <csv with a text column>');
  process.exit(2);
}
const records = readCsvRecords(file);
if (records.length > 0 && !('text' in records[0])) {
  console.error(`${file} has no "text" column`);
  process.exit(2);
}
// A reader that stops early (`| head`) is not an error: end quietly instead of throwing EPIPE.
process.stdout.on('error', (e: NodeJS.ErrnoException) => process.exit(e.code === 'EPIPE' ? 0 : 1));
const enrich = createEnricher();
let n = 0;
for (const r of records) {
  const text = r.text.trim();
  if (!text) {
    console.log(JSON.stringify({ lang: 'other', score: 0, label: 'neutral', topics: [] }));
    continue;
  }
  const e = enrich(feedbackFromText(text, `row-${n++}`));
  console.log(JSON.stringify({ lang: e.lang, score: e.sentiment, label: e.sentiment_label, topics: e.topics }));
}
