/**
 * Three-class sentiment labels on the call-note / service-complaint register fixture
 * (streaming/enrich/sentiment/voc-register.cases.ts), per language and split (dev, test), with confusion
 * rows = reference, columns = label negative / neutral / positive.
 *
 *   npx tsx scripts/sentiment-register.ts [--errors]
 *
 * stdout: one JSON line per (language, split). `--errors` also prints the dev split's wrong rows to
 * stderr (never the test split's: that half is only measured).
 */
import { tokenize } from '../streaming/enrich/tokens.ts';
import { scoreSentiment, type SentimentLabel } from '../streaming/enrich/sentiment/index.ts';
import { REGISTER_CASES } from '../streaming/enrich/sentiment/voc-register.cases.ts';

const LABELS: SentimentLabel[] = ['negative', 'neutral', 'positive'];
const showErrors = process.argv.includes('--errors');
const groups = new Map<string, { n: number; right: number; confusion: Record<string, Record<string, number>> }>();
for (const c of REGISTER_CASES) {
  const { score, label } = scoreSentiment(c.text, c.lang, tokenize(c.text, c.lang));
  for (const key of [`${c.lang}\t${c.split}`, `${c.lang}\tall`]) {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { n: 0, right: 0, confusion: Object.fromEntries(LABELS.map((r) => [r, Object.fromEntries(LABELS.map((l) => [l, 0]))])) }));
    g.n++;
    if (label === c.label) g.right++;
    g.confusion[c.label][label]++;
  }
  if (showErrors && c.split === 'dev' && label !== c.label) console.error(`${c.lang}\t${c.kind}\t${c.label} → ${label}\t${score.toFixed(2)}\t${c.text}`);
}
for (const [key, g] of [...groups].sort()) {
  const [lang, split] = key.split('\t');
  const row = (r: string) => LABELS.map((l) => g.confusion[r][l]).join(' / ');
  console.log(JSON.stringify({ lang, split, n: g.n, accuracy: +(g.right / g.n).toFixed(3), negative: row('negative'), neutral: row('neutral'), positive: row('positive') }));
}
