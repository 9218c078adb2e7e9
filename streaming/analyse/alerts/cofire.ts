import type { Contribution, SliceKey, SliceReading } from '../../../schemas/alerts.ts';
import { nestedTopics, parseSlice, sliceKey, type Parts } from './slices.ts';

/**
 * One incident scattered over topics. The enrichment tags one incident's complaints with several
 * topics, often on DIFFERENT messages: the iOS payment failure lands on payment.failed for some
 * customers, on app.slow, product.defect or app.ui for others. Each topic slice then fires on its own
 * messages, so neither `related` (two topics are two complaints) nor shared evidence (shared.ts: the
 * same messages in both) can group them, and on-call is paged once per topic.
 *
 * What they do share is the place: the non-topic dimensions of the alert's topic members
 * (payment.failed × platform:ios; app.slow × region:east, app.slow × platform:android). A topic firing
 * joins an open alert when one of its members `m` (a topic with a place)
 *  - fires in the same look (or reads above its band), with at least the firing's excess: the
 *    newcomer is a smaller shard of what already pages, never a larger spike hidden under it;
 *  - names another topic (not nested; nested topics are `related`'s business);
 *  - and holds the firing's excess in its place: for each place dimension the firing does not name,
 *    its slice narrowed to that value carries at least `explainShare` of its excess (a firing that
 *    already names the place is in it; a narrowing nobody watches explains nothing);
 * and the alert is young: it opened at most `withinMin` minutes before, so the two began together.
 * Two genuinely different incidents on one platform stay two alerts when the second begins later than
 * `withinMin` after the first, when it is not mostly in the first's place (app.slow everywhere while
 * iOS payments fail), when it is larger than what pages, or when the first has gone quiet. The cost: a
 * smaller second incident starting on the same platform within minutes of the first is folded in; the
 * topic breakdown (topicContributions) still shows it on the one page.
 */

export interface CofireOptions {
  /** join only firings this many minutes (at most) after the alert opened */
  withinMin: number;
  /** share of the firing's excess that must lie in the alert's place */
  explainShare: number;
}

/** 15 min: an incident's slices cross the gates within its 3-min ramp and the minutes after. */
export const COFIRE_DEFAULTS: CofireOptions = { withinMin: 15, explainShare: 0.6 };

/** The non-topic parts of an alert's headline, or null when it names no topic or nothing else. */
export function placeOf(head: SliceKey): Parts | null {
  const { topic, ...place } = parseSlice(head);
  return topic && Object.keys(place).length ? place : null;
}

const excessOf = (r: Pick<SliceReading, 'observed' | 'expected'> | undefined) => (r ? r.observed - r.expected : 0);

/**
 * Is firing `f` a shard of the alert with these members (see above; the alert's age is the caller's)?
 * `live(slice)`: the member fires in this look or reads above its band.
 */
export function placeExplains(
  f: Pick<SliceReading, 'slice' | 'observed' | 'expected'>, members: readonly { slice: SliceKey }[],
  readings: ReadonlyMap<SliceKey, Pick<SliceReading, 'observed' | 'expected'>>, live: (slice: SliceKey) => boolean, o: CofireOptions = COFIRE_DEFAULTS
): boolean {
  const topics = members.map((m) => parseSlice(m.slice).topic).filter((t): t is string => !!t);
  // explainedByPlace also refuses a member with no place.
  return members.some((m) => live(m.slice) && excessOf(readings.get(m.slice)) >= excessOf(f) && explainedByPlace(f, m.slice, topics, readings, o));
}

/**
 * Does the place of the member `head` (a topic with a place) explain firing `f` (see above)?
 * `topics`: the alert's members' topics (f's must be none of them, nested included).
 */
export function explainedByPlace(
  f: Pick<SliceReading, 'slice' | 'observed' | 'expected'>, head: SliceKey, topics: readonly string[],
  readings: ReadonlyMap<SliceKey, Pick<SliceReading, 'observed' | 'expected'>>, o: CofireOptions = COFIRE_DEFAULTS
): boolean {
  const place = placeOf(head);
  const pf = parseSlice(f.slice);
  if (!place || !pf.topic || topics.some((t) => nestedTopics(t, pf.topic))) return false;
  const excess = excessOf(f);
  if (!(excess > 0)) return false;
  for (const [d, v] of Object.entries(place)) {
    if (pf[d] !== undefined) {
      if (pf[d] !== v) return false;
      continue;
    }
    // A narrowed slice nobody watches tells nothing: two alerts rather than a guess.
    if (excessOf(readings.get(sliceKey({ ...pf, [d]: v }))) < o.explainShare * excess) return false;
  }
  return true;
}

/**
 * The excess split by topic when an alert's members span two or more unrelated topics: what on-call
 * reads first on a page that gathered a scattered incident. Per topic, its member in the alert's place
 * if there is one (else its largest), at peak excess.
 */
export function topicContributions(head: SliceKey, members: readonly { slice: SliceKey; peakExcess: number }[]): Contribution[] {
  const place = parseSlice(head);
  delete place.topic;
  const best = new Map<string, { excess: number; inPlace: boolean }>();
  for (const m of members) {
    const { topic, ...rest } = parseSlice(m.slice);
    if (!topic || !(m.peakExcess > 0)) continue;
    const inPlace = Object.entries(place).every(([d, v]) => rest[d] === v);
    const b = best.get(topic);
    if (!b || (inPlace && !b.inPlace) || (inPlace === b.inPlace && m.peakExcess > b.excess)) best.set(topic, { excess: m.peakExcess, inPlace });
  }
  // Nested topics ("app" and "app.slow") are one complaint at two depths: keep the deeper.
  const topics = [...best.keys()].filter((t) => ![...best.keys()].some((u) => u !== t && u.startsWith(t + '.')));
  if (topics.length < 2) return [];
  const total = topics.reduce((s, t) => s + best.get(t)!.excess, 0);
  return topics.map((t) => ({ dimension: 'topic', value: t, excess: best.get(t)!.excess, share: best.get(t)!.excess / total }))
    .sort((a, b) => b.excess - a.excess).slice(0, 5);
}
