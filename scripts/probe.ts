import { validateFeedback } from '../schemas/feedback.ts';
import { createEnricher } from '../streaming/enrich/index.ts';

/**
 * What the enricher makes of a few texts, for reading a misreading by hand: label, score, topics and each
 * topic's aspect score. The same code path as the pipeline (validation, then the enricher).
 *
 *   npx tsx scripts/probe.ts "客服主动回电确认，很负责" "No more spinning wheel on the menu"
 */
const enrich = createEnricher();
for (const [i, text] of process.argv.slice(2).entries()) {
  const now = Date.now();
  const v = validateFeedback({ id: `probe-${i}`, ts: now, channel: 'chat', text }, now, () => 'probe');
  if (!v.ok) { console.log('invalid', JSON.stringify(v.errors), text); continue; }
  const r = enrich(v.value);
  const aspects = r.topics.map((t, k) => `${t} ${r.topic_sentiments[k].toFixed(2)}`).join(', ');
  console.log(`${r.sentiment_label} ${r.sentiment.toFixed(2)} [${aspects}] ${text}`);
}
