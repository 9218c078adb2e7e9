/**
 * Guards speed work on the enrichment: its output must not change. Enriches every short (< 200 chars)
 * dev message of the sentiment data sets, in a fixed order (Chinese files, then English; one enricher,
 * so near-duplicates across messages count too), and writes or compares one JSON line per message.
 *
 *   npx tsx scripts/check-enrich-identical.ts ../shared/data/sentiment --write /tmp/enrich-before.jsonl
 *   npx tsx scripts/check-enrich-identical.ts ../shared/data/sentiment --against /tmp/enrich-before.jsonl
 *
 * Run --write on the revision before a change and --against after it; exit code 1 on any difference,
 * with the first differing lines printed. (wink-nlp's tokenizer keeps state across messages, so only the
 * same order of messages gives comparable output.)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createEnricher } from '../streaming/enrich/index.ts';
import { loadSentimentModel } from '../streaming/enrich/sentiment/index.ts';
import { loadEvalFiles } from './eval-sentiment.ts';
import { shortTexts } from './lib/enrich-speed.ts';
import { feedbackFromText } from './lib/feedback-doc.ts';

const [dir, mode, file] = process.argv.slice(2);
if (!dir || (mode !== '--write' && mode !== '--against') || !file) {
  console.error('usage: check-enrich-identical.ts <sentiment data dir> --write|--against <file.jsonl>');
  process.exit(2);
}
loadSentimentModel();
const files = loadEvalFiles(dir);
const lines: string[] = [];
for (const lang of ['zh', 'en'] as const) {
  const enrich = createEnricher();
  const texts = shortTexts(files, lang);
  texts.forEach((text, i) => lines.push(JSON.stringify(enrich(feedbackFromText(text, `${lang}-${i}`, 1_763_900_000_000 + i * 1000)))));
  console.error(`${lang}: ${texts.length} messages`);
}
if (mode === '--write') {
  writeFileSync(file, lines.join('\n') + '\n');
  console.error(`wrote ${lines.length} lines to ${file}`);
} else {
  const before = readFileSync(file, 'utf8').trimEnd().split('\n');
  let diffs = 0;
  for (let i = 0; i < Math.max(before.length, lines.length); i++) {
    if (before[i] === lines[i]) continue;
    if (++diffs <= 5) console.error(`line ${i + 1}\n  before ${before[i]}\n  after  ${lines[i]}`);
  }
  console.error(diffs ? `${diffs} of ${before.length} lines differ` : `identical: ${lines.length} lines`);
  process.exit(diffs ? 1 : 0);
}
