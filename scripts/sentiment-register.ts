/**
 * Three-class sentiment labels on the call-note / service-complaint register fixture
 * (streaming/enrich/sentiment/voc-register.cases.ts), per language and split (dev, test), with confusion
 * rows = reference, columns = label negative / neutral / positive.
 *
 *   npx tsx scripts/sentiment-register.ts [--errors]
 *
 * stdout: one JSON line per (scorer, language, split): scorer "shipped" is scoreSentiment as the enricher
 * calls it, "noacts" the same without the speech-act reading (register.ts), i.e. sent-2026.11-8.
 * `--errors` also prints the shipped scorer's wrong rows of the dev split to stderr (never the test
 * split's: that half is only measured).
 */
import { tokenize } from '../streaming/enrich/tokens.ts';
import { scoreSentiment, scoreSentimentAs, type SentimentLabel } from '../streaming/enrich/sentiment/index.ts';
import { REGISTER_CASES } from '../streaming/enrich/sentiment/voc-register.cases.ts';

const LABELS: SentimentLabel[] = ['negative', 'neutral', 'positive'];
const showErrors = process.argv.includes('--errors');
const groups = new Map<string, { n: number; right: number; confusion: Record<string, Record<string, number>> }>();
for (const c of REGISTER_CASES) {
  const tokens = tokenize(c.text, c.lang);
  const { score, label } = scoreSentiment(c.text, c.lang, tokens);
  const before = scoreSentimentAs(8, c.text, c.lang, tokens).label;
  tally(`noacts\t${c.lang}\t${c.split}`, c.label, before);
  tally(`noacts\t${c.lang}\tall`, c.label, before);
  tally(`shipped\t${c.lang}\t${c.split}`, c.label, label);
  tally(`shipped\t${c.lang}\tall`, c.label, label);
  if (showErrors && c.split === 'dev' && label !== c.label) console.error(`${c.lang}\t${c.kind}\t${c.label} → ${label}\t${score.toFixed(2)}\t${c.text}`);
}
function tally(key: string, ref: SentimentLabel, label: SentimentLabel): void {
  let g = groups.get(key);
  if (!g) groups.set(key, (g = { n: 0, right: 0, confusion: Object.fromEntries(LABELS.map((r) => [r, Object.fromEntries(LABELS.map((l) => [l, 0]))])) }));
  g.n++;
  if (label === ref) g.right++;
  g.confusion[ref][label]++;
}
for (const [key, g] of [...groups].sort()) {
  const [scorer, lang, split] = key.split('\t');
  const row = (r: string) => LABELS.map((l) => g.confusion[r][l]).join(' / ');
  console.log(JSON.stringify({ scorer, lang, split, n: g.n, accuracy: +(g.right / g.n).toFixed(3), negative: row('negative'), neutral: row('neutral'), positive: row('positive') }));
}
