import type { EnrichedFeedback } from '../../schemas/feedback.ts';
import type { TickerItem } from '../../schemas/live.ts';

const MAX_TEXT = 280;

/**
 * Messages worth a place on the wall's ticker: real voices (not noise, not a copy of an earlier
 * message), long enough to say something, and clearly felt or clearly about a known topic.
 */
export function isNotable(f: EnrichedFeedback): boolean {
  if (f.noise || f.dup_of) return false;
  if ([...f.text].length < 6) return false;
  return Math.abs(f.sentiment) >= 0.5 || f.topics.length > 0;
}

export function toTickerItem(f: EnrichedFeedback): TickerItem {
  const chars = [...f.text];
  return {
    id: f.id,
    ts: f.ts,
    channel: f.channel,
    region: f.customer.region,
    lang: f.lang,
    text: chars.length > MAX_TEXT ? chars.slice(0, MAX_TEXT - 1).join('') + '…' : f.text,
    sentiment: f.sentiment,
    label: f.sentiment_label,
    topics: f.topics
  };
}

/** At most `max` notable items of a batch, newest first, so a burst cannot flood the ticker. */
export function pickNotable(batch: EnrichedFeedback[], max = 5): TickerItem[] {
  return batch
    .filter(isNotable)
    .sort((a, b) => b.ts - a.ts)
    .slice(0, max)
    .map(toTickerItem);
}
