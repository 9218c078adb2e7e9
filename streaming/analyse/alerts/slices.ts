import type { SliceKey } from '../../../schemas/alerts.ts';

/**
 * Slice keys: "dimension:value" parts joined by "|", always in DIMENSION_ORDER so one slice has one key.
 * "all:" is the empty slice. Topics are hierarchical ("app" contains "app.slow"), other values are flat.
 */

export const DIMENSION_ORDER = ['topic', 'channel', 'region', 'platform', 'app_version', 'tier'] as const;
export type Parts = Record<string, string>;

const rank = (d: string) => {
  const i = (DIMENSION_ORDER as readonly string[]).indexOf(d);
  return i < 0 ? DIMENSION_ORDER.length : i;
};

export function sliceKey(parts: Parts): SliceKey {
  const dims = Object.keys(parts).filter((d) => parts[d] !== undefined && parts[d] !== '');
  if (dims.length === 0) return 'all:';
  dims.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
  return dims.map((d) => `${d}:${parts[d]}`).join('|');
}

export function parseSlice(key: SliceKey): Parts {
  const out: Parts = {};
  if (key === 'all:' || key === '') return out;
  for (const part of key.split('|')) {
    const i = part.indexOf(':');
    if (i > 0 && part.slice(0, i) !== 'all') out[part.slice(0, i)] = part.slice(i + 1);
  }
  return out;
}

/** How narrow a slice is: one point per dimension, plus topic depth (app.slow is narrower than app). */
export function specificity(key: SliceKey): number {
  const p = parseSlice(key);
  let s = Object.keys(p).length * 2;
  if (p.topic) s += p.topic.split('.').length - 1;
  return s;
}

const valueContains = (dim: string, outer: string, inner: string) =>
  outer === inner || (dim === 'topic' && inner.startsWith(outer + '.'));

/** True when every message of `inner` is also in `outer` (a slice contains itself). */
export function contains(outer: SliceKey, inner: SliceKey): boolean {
  const o = parseSlice(outer), i = parseSlice(inner);
  for (const d of Object.keys(o)) if (i[d] === undefined || !valueContains(d, o[d], i[d])) return false;
  return true;
}

/** Two topics where one is the other or holds it ("app" and "app.slow"). */
export const nestedTopics = (a: string, b: string): boolean => a === b || a.startsWith(b + '.') || b.startsWith(a + '.');

/**
 * A broader slice than the alert's headline that holds it ("all:", "region:east", the parent topic for
 * "app.slow × east"): the incident lifts it, but it holds every other incident too.
 */
export const holdsHeadline = (slice: SliceKey, head: SliceKey): boolean => slice !== head && contains(slice, head);

/**
 * Does a firing say the incident behind `head` goes on? Not a slice that holds the headline ("all:", the
 * region, the parent topic) unless it is of the headline's own topic (payment.failed for payment.failed ×
 * iOS): those are lifted by any incident. In the demo the next incident (iOS payments) lifted region:north,
 * a member of the hotline alert, 30 minutes after the hotline was fixed; it kept that alert alive and took
 * it to critical.
 */
export function speaksFor(slice: SliceKey, head: SliceKey): boolean {
  if (!holdsHeadline(slice, head)) return true;
  const topic = parseSlice(head).topic;
  return topic !== undefined && parseSlice(slice).topic === topic;
}

/**
 * Two slices are related — their spikes can be one incident — when one contains the other, or when they
 * overlap and name a common value: "app.slow × east" and "app.slow × android" (one broken image CDN seen
 * from two sides). "region:east" and "topic:refund" overlap too, but share nothing: two incidents.
 */
export function related(a: SliceKey, b: SliceKey): boolean {
  if (contains(a, b) || contains(b, a)) return true;
  const pa = parseSlice(a), pb = parseSlice(b);
  let shared = 0;
  for (const d of Object.keys(pa)) {
    if (pb[d] === undefined) continue;
    if (!valueContains(d, pa[d], pb[d]) && !valueContains(d, pb[d], pa[d])) return false;
    shared++;
  }
  return shared > 0;
}

/** The child of `parent` along `dimension` that `key` is, or null (key = parent + exactly that dimension). */
export function childValue(parent: SliceKey, key: SliceKey, dimension: string): string | null {
  const p = parseSlice(parent), k = parseSlice(key);
  if (p[dimension] !== undefined || k[dimension] === undefined) return null;
  const dims = Object.keys(k);
  if (dims.length !== Object.keys(p).length + 1) return null;
  for (const d of Object.keys(p)) if (k[d] !== p[d]) return null;
  return k[dimension];
}
