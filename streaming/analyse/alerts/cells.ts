import type { SliceKey, SliceReading } from '../../../schemas/alerts.ts';
import { contains, parseSlice } from './slices.ts';

/**
 * Topic × channel × region cells (counts.ts DEFAULT_CUTS) are watched for what lives in one cell only: a
 * queue on one hotline in one region. An incident spread over a region (late deliveries in East China)
 * fills several cells at once, and cells of one topic on different channels are not `related` (group.ts),
 * so in the look where they first fire each would seed an alert of its own: one incident, several pages.
 * When two or more cells fire inside one firing topic slice of two dimensions (topic × region, topic ×
 * channel), that slice stands for them: they are dropped from the look's firings (kept as readings, so
 * breakdowns still see them). A cell firing alone, or alone inside its coarser slices, stays a firing.
 * The watcher applies it to every look it returns (watcher.ts), so every caller sees the same firings.
 */

/** A slice of three or more dimensions (two '|' in its key): a topic × channel × region cell. */
export function isCellKey(slice: SliceKey): boolean {
  const first = slice.indexOf('|');
  return first >= 0 && slice.indexOf('|', first + 1) >= 0;
}

const isTopicPair = (slice: SliceKey) => {
  const p = parseSlice(slice);
  return !!p.topic && Object.keys(p).length === 2;
};

export function foldCellFirings(firings: SliceReading[]): SliceReading[] {
  const cells = firings.filter((f) => isCellKey(f.slice));
  if (cells.length < 2) return firings;
  const drop = new Set<SliceKey>();
  for (const c of firings) {
    if (!isTopicPair(c.slice)) continue;
    const inside = cells.filter((x) => contains(c.slice, x.slice));
    if (inside.length >= 2) for (const x of inside) drop.add(x.slice);
  }
  return drop.size ? firings.filter((f) => !drop.has(f.slice)) : firings;
}
