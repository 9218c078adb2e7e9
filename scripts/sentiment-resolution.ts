/**
 * The praise / fix / lukewarm / polite-question fixture (streaming/enrich/sentiment/resolution.cases.ts)
 * through the enricher: three-class message accuracy per language and split, per kind, and for
 * follow-up-praise rows whether the named topic's aspect score carries the label.
 *
 *   npx tsx scripts/sentiment-resolution.ts [--errors]
 *
 * `--errors` prints the wrong rows of the dev split to stderr (never the test split's: only measured).
 */
import { createEnricher } from '../streaming/enrich/index.ts';
import { labelFor } from '../streaming/enrich/sentiment/index.ts';
import { RESOLUTION_CASES } from '../streaming/enrich/sentiment/resolution.cases.ts';
import { feedbackFromText } from './lib/feedback-doc.ts';
import { createTally } from './lib/tally.ts';

const showErrors = process.argv.includes('--errors');
const enrich = createEnricher();
const groups = createTally();
const tally = groups.add;
for (const [i, c] of RESOLUTION_CASES.entries()) {
  const r = enrich({ ...feedbackFromText(c.text, `res-${i}`), lang: c.lang });
  const ok = r.sentiment_label === c.label;
  tally(`message\t${c.lang}\t${c.split}`, ok);
  tally(`message:${c.kind}\t${c.lang}\t${c.split}`, ok);
  let aspectNote = '';
  if (c.aspect) {
    const k = r.topics.indexOf(c.aspect);
    // A topic the matcher did not find is counted wrong: the aspect the dashboard needs is missing.
    const aspectOk = k >= 0 && labelFor(r.topic_sentiments[k]) === c.label;
    tally(`aspect\t${c.lang}\t${c.split}`, aspectOk);
    aspectNote = k >= 0 ? ` ${c.aspect} ${r.topic_sentiments[k].toFixed(2)}` : ` ${c.aspect} missing`;
    if (showErrors && c.split === 'dev' && !aspectOk) console.error(`${c.lang}\taspect\t${c.label}\t${aspectNote}\t${c.text}`);
  }
  if (showErrors && c.split === 'dev' && !ok) console.error(`${c.lang}\t${c.kind}\t${c.label} → ${r.sentiment_label}\t${r.sentiment.toFixed(2)}\t${c.text}`);
}
for (const { key, n, share } of groups.sorted()) {
  const [what, lang, split] = key.split('\t');
  console.log(JSON.stringify({ what, lang, split, n, accuracy: +share.toFixed(3) }));
}
