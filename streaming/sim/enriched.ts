import { validateFeedback, type EnrichedFeedback, type FeedbackInput } from '../../schemas/feedback.ts';
import { createEnricher } from '../enrich/index.ts';

/**
 * Simulated documents through validation and the real enricher, one enricher for the whole run and in
 * the order given, as a processor sees them (the near-duplicate index must see earlier messages first).
 * `received_at` is the message's own time: simulated history arrives when it was written.
 */
export function enrichedSim(enrich = createEnricher()) {
  return (doc: FeedbackInput): EnrichedFeedback => {
    const v = validateFeedback(doc, doc.ts as number, () => 'unused');
    // The simulator writes only valid messages: one that fails is a bug in it, not bad input to route.
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    return { ...enrich(v.value), received_at: v.value.ts };
  };
}
