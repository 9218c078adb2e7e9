import { createEnricher } from '../streaming/enrich/index.ts';
import { feedbackFromText } from './lib/feedback-doc.ts';

/**
 * What the enricher makes of a few texts, for reading a misreading by hand: label, score, topics and each
 * topic's aspect score. The pipeline's enricher, on a bare document around each text.
 *
 *   npx tsx scripts/probe.ts "客服主动回电确认，很负责" "No more spinning wheel on the menu"
 */
const enrich = createEnricher();
for (const [i, text] of process.argv.slice(2).entries()) {
  const r = enrich(feedbackFromText(text, `probe-${i}`));
  const aspects = r.topics.map((t, k) => `${t} ${r.topic_sentiments[k].toFixed(2)}`).join(', ');
  console.log(`${r.sentiment_label} ${r.sentiment.toFixed(2)} [${aspects}] ${text}`);
}
