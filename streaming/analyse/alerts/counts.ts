import type { SliceKey } from '../../../schemas/alerts.ts';
import { parentOf } from '../../../schemas/taxonomy.ts';
import { pairKey } from './shared.ts';
import { sliceKey } from './slices.ts';

/**
 * Per-minute counts per slice from rollup rows, the watcher's input. Two kinds of rows, because a message
 * can carry several topics: rows without a topic (one per message group: feedback_minute) feed the cuts
 * without a topic, rows with a topic (topic_minute) feed the topic cuts. Summing topic rows into a region
 * count would count a two-topic message twice.
 */

export interface CountRow {
  topic?: string;
  channel?: string;
  region?: string;
  platform?: string;
  /**
   * A pair row: messages negative on both `topic` and `cotopic` (shared.ts). It feeds no slice; it
   * becomes one pair cell (key PAIR_PREFIX…) of its channel × region (× platform) for the alert grouping.
   */
  cotopic?: string;
  /** e.g. negative messages of the minute */
  count: number;
}

/**
 * Dimensions crossed into one slice each; [] is the whole stream ("all:"). Topic × channel × region is the
 * cell a local queue or outage lives in (the North hotline's support queue): in every coarser cut its
 * excess is diluted by the rest of the hotline, region or topic, and held by the ratio gate past 2 minutes
 * (BENCHMARKS.md, "Topic × channel × region cut").
 */
export const DEFAULT_CUTS: readonly (readonly string[])[] = [[], ['channel'], ['region'], ['topic'], ['topic', 'region'], ['topic', 'channel'], ['topic', 'channel', 'region']];

/**
 * Topic cuts crossed with more dimensions than this get no parent-topic slices: a parent × channel × region
 * cell only sums its leaves' cells (an incident confined to one leaf is sharper there), and it would add
 * ~60 % more series of the finest cut, whose false alerts were measured without them.
 */
const PARENT_MAX_DIMS = 2;

/**
 * `parents`: also count each topic cut under the parent topic ("app" for "app.slow"), up to PARENT_MAX_DIMS.
 * A message with two leaves of one parent then counts twice there; rare, and it only makes the parent
 * slightly noisier.
 */
export function sliceCounts(rows: Iterable<CountRow>, cuts = DEFAULT_CUTS, parents = true): Map<SliceKey, number> {
  const out = new Map<SliceKey, number>();
  for (const row of rows) {
    if (!(row.count > 0)) continue;
    if (row.cotopic) {
      if (!row.topic) continue;
      const k = pairKey(row.topic, row.cotopic, { channel: row.channel ?? '', region: row.region ?? '', platform: row.platform ?? '' });
      out.set(k, (out.get(k) ?? 0) + row.count);
      continue;
    }
    for (const k of sliceKeysOf(row, cuts, parents)) out.set(k, (out.get(k) ?? 0) + row.count);
  }
  return out;
}

/** The slices a rollup row adds to (see sliceCounts): one per cut it is complete for, plus topic parents. */
export function sliceKeysOf(row: Omit<CountRow, 'count'>, cuts = DEFAULT_CUTS, parents = true): SliceKey[] {
  const keys: SliceKey[] = [];
  if (row.cotopic) return keys;
  for (const cut of cuts) {
    const withTopic = cut.includes('topic');
    if (withTopic !== !!row.topic) continue;
    const parts: Record<string, string> = {};
    let complete = true;
    for (const d of cut) {
      const v = row[d as keyof typeof row];
      if (typeof v !== 'string' || v === '') complete = false;
      else parts[d] = v;
    }
    if (!complete) continue;
    keys.push(sliceKey(parts));
    if (withTopic && parents && cut.length <= PARENT_MAX_DIMS && row.topic!.includes('.')) keys.push(sliceKey({ ...parts, topic: parentOf(row.topic!) }));
  }
  return keys;
}
