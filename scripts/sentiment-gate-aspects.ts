/**
 * Topic (aspect) sentiment under the opinion-evidence gate: the product counts a topic's complaint when
 * its aspect sentiment is ≤ −0.3 (topic_minute), and aspects score each clause that mentions the topic.
 * Three ways to gate a clause, on the simulator's stream (seed sim-neutral, 2 busy hours at 5 msg/s):
 *   clause   each clause judged alone (the clause's own gate)
 *   message  the message's gate for each of its clauses (the message's gate), as streaming/enrich does
 *   none     no gate (sent-2026.11-7's scores)
 * stdout: messages with a topic, and per variant the topics at ≤ −0.3 (and all topics) by the generator's mood.
 *
 *   npx tsx scripts/sentiment-gate-aspects.ts
 */
import { createGenerator } from '../streaming/sim/generator.ts';
import { enrichedSim } from '../streaming/sim/enriched.ts';
import { tokenize, type Tokens } from '../streaming/enrich/tokens.ts';
import { matchTopicSpans, topicsOf } from '../streaming/enrich/topics.ts';
import { aspectSentiments } from '../streaming/enrich/aspects.ts';
import { messageReading, scoreSentiment } from '../streaming/enrich/sentiment/index.ts';
const T0 = Date.UTC(2026, 0, 6, 1);
const gen = createGenerator({ seed: 'sim-neutral', now: T0 });
const enrich = enrichedSim();
const tally: Record<string, Record<string, number>> = {};
let n = 0; // messages with at least one topic
for (let t = T0; t < T0 + 2 * 3600_000; t += 60_000) for (const d of gen.messagesBetween(t, t + 60_000, 5)) {
  const e = enrich(d);
  if (e.noise || !e.topics.length) continue;
  const { text, lang } = e;
  const tokens = tokenize(text, lang);
  const spans = matchTopicSpans(text, lang, tokens);
  const topics = topicsOf(spans);
  if (!topics.length) continue;
  const g = messageReading(text, lang, tokens).gate;
  const variants: Record<string, (clause: string, clauseTokens: Tokens) => number> = {
    clause: (c, ct) => scoreSentiment(c, lang, ct, messageReading(c, lang, ct).gate).score,
    message: (c, ct) => scoreSentiment(c, lang, ct, g).score,
    none: (c, ct) => scoreSentiment(c, lang, ct, 1).score
  };
  const mood = d.meta!.sim_mood;
  for (const [k, f] of Object.entries(variants)) {
    const s = aspectSentiments(text, lang, tokens, topics, f, spans);
    const neg = s.filter((x) => x <= -0.3).length;
    tally[k] ??= {}; tally[k][mood] = (tally[k][mood] ?? 0) + neg; tally[k][mood + '_n'] = (tally[k][mood + '_n'] ?? 0) + s.length;
  }
  n++;
}
console.log(n, JSON.stringify(tally));
