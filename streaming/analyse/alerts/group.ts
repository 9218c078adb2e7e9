import type { AlertMember, Contribution, SliceKey, SliceReading } from '../../../schemas/alerts.ts';
import { sharedShare, SHARED_DEFAULTS, type PairCells, type SharedOptions } from './shared.ts';
import { childValue, contains, holdsHeadline, nestedTopics, parseSlice, related, sliceKey, specificity } from './slices.ts';

/**
 * One incident = one alert. A failure shows up in many slices at once (topic, topic × region, region, …);
 * these functions decide which firings belong together, which slice to headline and how the excess
 * splits across channels, regions or app versions. Pure functions over readings.
 */

export type Member = AlertMember;

const excessOf = (r: Pick<SliceReading, 'observed' | 'expected'>) => r.observed - r.expected;

type Readings = ReadonlyMap<SliceKey, Pick<SliceReading, 'observed' | 'expected'>>;

/**
 * Splits new firings into groups. The most specific firings seed groups; a later firing joins the group
 * with a related member (the one with the largest seed, if several), so a region spike joins the
 * topic × region incident that caused it, while two topics spiking in one region stay two alerts —
 * unless, with `pairs`, they share their messages (shared.ts: most of one slice's complaints also name
 * the other topic), and then they are one incident seen under two topics.
 */
export function groupFirings(firings: readonly SliceReading[], pairs?: PairCells, shared: SharedOptions = SHARED_DEFAULTS): SliceReading[][] {
  const order = [...firings].sort((a, b) => specificity(b.slice) - specificity(a.slice) || excessOf(b) - excessOf(a));
  const groups: SliceReading[][] = [];
  for (const f of order) {
    let best: SliceReading[] | null = null;
    for (const g of groups) if (g.some((m) => related(m.slice, f.slice)) && (!best || excessOf(g[0]) > excessOf(best[0]))) best = g;
    if (!best && pairs) {
      const i = matchShared(f, groups.map((g) => ({ members: g })), pairs, null, shared);
      if (i >= 0) best = groups[i];
    }
    if (best) best.push(f);
    else groups.push([f]);
    if (best) mergeSiblings(groups, best, f);
  }
  return groups;
}

/**
 * Cuts of one topic on the same dimension (payment.failed × in-app, payment.failed × call) are not
 * `related`, so when both fire in an incident's first look they seed two groups, and the bare topic that
 * holds them joins only one: two alerts for one incident. A firing of that same topic that contains both
 * seeds joins them. Not a slice without a topic or of a parent topic: "region:east" or "topic:app" over two
 * seeds may hold two incidents.
 */
function mergeSiblings(groups: SliceReading[][], into: SliceReading[], f: SliceReading): void {
  const topic = parseSlice(f.slice).topic;
  if (topic === undefined) return;
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i];
    if (g === into || !contains(f.slice, g[0].slice) || parseSlice(g[0].slice).topic !== topic) continue;
    into.push(...g);
    groups.splice(i, 1);
  }
}

/**
 * Index of the group with a member whose messages the firing shares (sharedShare ≥ minShare), the
 * largest share winning; −1 if none. `firing`: this look's firings by slice, so that a member counts as
 * elevated only when it fired in the same look (its observed then is this look's); null: every member is
 * a firing of this look (groupFirings).
 */
export function matchShared(
  f: SliceReading, groups: readonly { members: readonly Pick<SliceReading, 'slice' | 'observed'>[] }[], pairs: PairCells,
  firing: ReadonlyMap<SliceKey, SliceReading> | null, o: SharedOptions = SHARED_DEFAULTS
): number {
  let best = -1, bestShare = 0;
  groups.forEach((g, i) => {
    for (const m of g.members) {
      const now = firing ? firing.get(m.slice) : m;
      const share = sharedShare(f, now ? { slice: m.slice, observed: now.observed, elevated: true } : { slice: m.slice, observed: 0 }, pairs);
      if (share >= o.minShare && share > bestShare) { best = i; bestShare = share; }
    }
  });
  return best;
}

/** Index of the open alert (its members and headline) that a firing belongs to (relatesToGroup), the largest excess winning. */
export function matchGroup(
  slice: SliceKey, groups: readonly { members: readonly Member[]; excess: number; head: SliceKey }[], readings: Readings
): number {
  let best = -1;
  groups.forEach((g, i) => {
    if (relatesToGroup(slice, g.members, g.head, readings) && (best < 0 || g.excess > groups[best].excess)) best = i;
  });
  return best;
}

/**
 * Which members may link a new firing to the alert. Through a broad member alone, the next incident joined
 * the open alert and never paged: first through "all:" (the demo's iOS payment failures folded into the
 * Android image alert, whose members had come to include it), then, once that was closed, through the
 * other broad members — channel:in_app, lifted by the image incident, took in "payment × in-app" — and
 * through a shard's topic — the hotline alert's "payment.invoice × call" (callers asking for invoices) took
 * in topic:payment itself. So:
 * - the firing itself, the headline, and members of the headline's own topic (its parent, its children,
 *   its other cuts) link what they relate to;
 * - a shard of another topic links only its own finer cuts in the headline's place (product.defect →
 *   product.defect × app; not delivery × west for a hotline alert in North China, which the demo's hotline
 *   complaints, read as late deliveries too, had given a delivery shard), and a firing that its cut carries
 *   most of (app.slow, when app.slow × iOS holds most of its excess);
 * - a member without a topic ("all:", a channel, a region), and one that holds the headline, links a firing
 *   only when the firing relates to the headline itself, or when the headline's cuts of the firing carry
 *   most of its excess (channel:social rising with late deliveries in East China: delivery.late × east ×
 *   social holds it).
 * Shards join by the rules made for them too: shared messages and place (matchShared, matchPlace).
 */
export function relatesToGroup(slice: SliceKey, members: readonly Member[], head: SliceKey, readings?: Readings): boolean {
  const headTopic = parseSlice(head).topic;
  let viaBroad = false;
  for (const m of members) {
    if (m.slice === slice) return true;
    if (!related(m.slice, slice)) continue;
    const topic = parseSlice(m.slice).topic;
    if (topic === undefined || (contains(m.slice, slice) && holdsHeadline(m.slice, head))) viaBroad = true;
    else if (headTopic === undefined || nestedTopics(topic, headTopic) || (contains(m.slice, slice) && samePlace(slice, head)) || cutsHold(m.slice, slice, readings)) return true;
  }
  return viaBroad && (related(head, slice) || cutsHold(head, slice, readings));
}

/** Where both name a channel, region, platform…, the same one: a shard's cut elsewhere is someone else's incident. */
function samePlace(slice: SliceKey, head: SliceKey): boolean {
  const a = parseSlice(slice), h = parseSlice(head);
  return Object.keys(a).every((d) => d === 'topic' || h[d] === undefined || h[d] === a[d]);
}

/**
 * Do `outer`'s cuts of the firing (outer: the headline, or a member) carry `share` of its excess: the firing
 * narrowed to each of outer's values it does not name (channel:social → delivery.late × social, social × east),
 * or, when none of those is watched, to all of them at once? Only watched narrowings count, and at least one
 * must be watched (as in cofire.ts). Not the full cell beside them: at a few messages a minute it holds a third
 * of the firing's excess by chance as often as not (alerts-watch.test.ts: 3 of 9 social complaints).
 */
function cutsHold(outer: SliceKey, slice: SliceKey, readings: Readings | undefined, share = 0.6): boolean {
  if (!readings) return false;
  const f = readings.get(slice);
  if (!f || !(excessOf(f) > 0)) return false;
  const a = parseSlice(outer), b = parseSlice(slice);
  const missing = Object.keys(a).filter((d) => b[d] === undefined);
  for (const d of Object.keys(b)) if (a[d] !== undefined && a[d] !== b[d]) return false;
  const single = missing.map((d) => sliceKey({ ...b, [d]: a[d] }));
  const cuts = single.some((k) => readings.has(k)) || missing.length < 2 ? single : [sliceKey({ ...b, ...a })];
  let watched = 0;
  for (const key of cuts) {
    const r = readings.get(key);
    if (!r) continue;
    watched++;
    if (excessOf(r) < share * excessOf(f)) return false;
  }
  return watched > 0;
}

/**
 * The most specific member that still explains at least `explainShare` of the largest member's
 * excess: "app.slow in East China" rather than "app.slow" when East carries nearly all of it.
 * A member that holds another open alert's headline (`others`) is evidence, never the headline: "all:"
 * lifted by two incidents has the largest excess of either, and as the demo's hotline alert's headline it
 * drew the image incident's slices in too.
 */
export function headline(members: readonly Member[], explainShare = 0.6, others: readonly SliceKey[] = []): SliceKey {
  const own = members.filter((m) => !holdsOther(m.slice, others));
  const pool = own.length ? own : members;
  const top = Math.max(...pool.map((m) => m.peakExcess));
  const candidates = pool.filter((m) => m.peakExcess >= explainShare * top);
  candidates.sort((a, b) => specificity(b.slice) - specificity(a.slice) || b.peakExcess - a.peakExcess);
  return candidates[0].slice;
}

/** Does the slice hold the headline of another open alert (holdsHeadline)? */
export const holdsOther = (slice: SliceKey, others: readonly SliceKey[]): boolean => others.some((h) => holdsHeadline(slice, h));

/**
 * Share of the headline's excess per value of each dimension, from the readings of its one-step
 * children (headline + one more dimension). Values below the expected contribute nothing.
 */
export function contributions(
  head: SliceKey, readings: ReadonlyMap<SliceKey, SliceReading>, dimensions: readonly string[], maxPerDimension = 5
): Contribution[] {
  const out: Contribution[] = [];
  for (const dimension of dimensions) {
    const parts: { value: string; excess: number }[] = [];
    for (const [key, r] of readings) {
      const value = childValue(head, key, dimension);
      if (value !== null && excessOf(r) > 0) parts.push({ value, excess: excessOf(r) });
    }
    const total = parts.reduce((s, p) => s + p.excess, 0);
    if (total <= 0) continue;
    parts.sort((a, b) => b.excess - a.excess);
    for (const p of parts.slice(0, maxPerDimension)) out.push({ dimension, value: p.value, excess: p.excess, share: p.excess / total });
  }
  return out;
}
