import type { SliceKey } from '../../../schemas/alerts.ts';
import { addCount, COUNT_5M_OPTIONS, createBlockSum, EXTRA_METRICS, type BlockSum, type BlockSumSnapshot, type ExtraMetric } from './fivemin.ts';
import { addTotals, createMeasureWatcher, MEASURE_GATES, type MeasureGates, type SliceTotals } from './measures.ts';
import { createSliceWatcher, type MinuteResult, type WatcherOptions, type WatcherSnapshot } from './watcher.ts';

/**
 * Every measure watched next to the 1-minute complaint count, as one table entry: what it reads each
 * closed minute, at which resolution, how its 5-minute blocks sum, which watcher scores it and with which
 * gates. The watch loop (streaming/watch/loop.ts) and the bench run these entries without knowing any
 * measure by name: adding a measure is a row here (plus its rollup columns and labels).
 */

/**
 * What a measure reads per closed minute: complaint counts per slice (negativeCountRows → sliceCounts),
 * or every total per slice (measureRows → sliceTotals: messages, negatives, sentiment, survey scores).
 */
export type MeasureInput = 'counts' | 'totals';
export interface MinuteInputs { counts: ReadonlyMap<SliceKey, number>; totals: ReadonlyMap<SliceKey, SliceTotals> }

/** The part of SliceWatcher / MeasureWatcher a table entry drives. */
interface SeriesWatcher<T> {
  learn(minute: number, values: ReadonlyMap<SliceKey, T>): void;
  observe(minute: number, values: ReadonlyMap<SliceKey, T>): MinuteResult;
  readonly size: number;
  snapshot(): WatcherSnapshot;
}

interface Spec<T> {
  reads: MeasureInput;
  resolution: 1 | 5;
  /** block-sum of two minutes' values (5-minute measures) */
  add: (a: T | undefined, b: T) => T;
  /** the gates, for reading: a rate measure's MEASURE_GATES, or the 5-minute count's watcher options */
  gates: MeasureGates | WatcherOptions;
  create(from?: WatcherSnapshot): SeriesWatcher<T>;
}
export type MeasureSpec = Spec<number> | Spec<SliceTotals>;

const rate = (metric: Exclude<ExtraMetric, 'neg_5m'>, resolution: 1 | 5): Spec<SliceTotals> => ({
  reads: 'totals', resolution, add: addTotals, gates: MEASURE_GATES[metric], create: (from) => createMeasureWatcher(metric, {}, from)
});

export const MEASURE_TABLE: Record<ExtraMetric, MeasureSpec> = {
  neg_share: rate('neg_share', 1),
  sentiment: rate('sentiment', 1),
  detractor_share: rate('detractor_share', 1),
  csat_low: rate('csat_low', 1),
  neg_5m: { reads: 'counts', resolution: 5, add: addCount, gates: COUNT_5M_OPTIONS, create: (from) => createSliceWatcher(COUNT_5M_OPTIONS, from) },
  neg_share_5m: rate('neg_share_5m', 5),
  sentiment_5m: rate('sentiment_5m', 5)
};

/** A measure's saved state: its detectors, and the 5-minute block being filled. */
export interface MeasureSnapshot { watcher: WatcherSnapshot; block?: BlockSumSnapshot<unknown> }

/** One table entry at work: its watcher and (5-minute measures) its block sum. */
export interface MeasureRunner {
  readonly metric: ExtraMetric;
  readonly reads: MeasureInput;
  readonly resolution: 1 | 5;
  /** learns a closed minute (a 5-minute measure: the block's sum when the minute closes it) */
  learn(minute: number, inputs: Partial<MinuteInputs>): void;
  /** scores a closed minute; null when the measure has no point now (a 5-minute block still filling) */
  observe(minute: number, inputs: Partial<MinuteInputs>): MinuteResult | null;
  readonly size: number;
  snapshot(): MeasureSnapshot;
}

export function createRunner(metric: ExtraMetric, from?: MeasureSnapshot): MeasureRunner {
  const spec = MEASURE_TABLE[metric] as Spec<unknown>;
  const watcher = spec.create(from?.watcher);
  const block: BlockSum<unknown> | null = spec.resolution === 5 ? createBlockSum(spec.add, from?.block) : null;
  // The minute's values, or (5-minute) the block's sum when this minute closes it.
  const point = (minute: number, inputs: Partial<MinuteInputs>): ReadonlyMap<SliceKey, unknown> | null => {
    const values = (inputs[spec.reads] ?? new Map()) as ReadonlyMap<SliceKey, unknown>;
    return block ? block.push(minute, values) : values;
  };
  return {
    metric, reads: spec.reads, resolution: spec.resolution,
    learn(minute, inputs) {
      const p = point(minute, inputs);
      if (p) watcher.learn(minute, p);
    },
    observe(minute, inputs) {
      const p = point(minute, inputs);
      return p ? watcher.observe(minute, p) : null;
    },
    get size() {
      return watcher.size;
    },
    snapshot: () => ({ watcher: watcher.snapshot(), ...(block ? { block: block.snapshot() } : {}) })
  };
}

/**
 * The order measures run in each minute (advanceMeasures: the first to fire for a new incident opens its
 * alert, the later ones join it): 1-minute before 5-minute (a slow burn the minute measures already page
 * joins their alert), complaint counts before rates at one resolution, then the order configured.
 */
export function runOrder(metrics: readonly ExtraMetric[]): ExtraMetric[] {
  const rank = (m: ExtraMetric) => MEASURE_TABLE[m].resolution * 2 + (MEASURE_TABLE[m].reads === 'counts' ? 0 : 1);
  return [...new Set(metrics)].filter((m) => m in MEASURE_TABLE).sort((a, b) => rank(a) - rank(b));
}

/**
 * The watch loop's saved measures before the table (one snapshot field per kind): `rates` per rate measure,
 * `count5` for complaints per 5 minutes, and the two shared half-full blocks. Read into the table's shape,
 * so a restart after the upgrade resumes instead of warming up again.
 */
export interface LegacyMeasures {
  rates?: Partial<Record<string, WatcherSnapshot>>;
  count5?: WatcherSnapshot;
  blocks?: { counts: BlockSumSnapshot<number>; totals: BlockSumSnapshot<SliceTotals> };
}

export function upgradeSnapshot(w: LegacyMeasures & { measures?: Partial<Record<string, MeasureSnapshot>> }): Partial<Record<ExtraMetric, MeasureSnapshot>> {
  // Only entries of a known measure whose detectors are a list: anything else is left out (warmed up again).
  if (w.measures) {
    return Object.fromEntries(Object.entries(w.measures).filter(([m, x]) => m in MEASURE_TABLE && Array.isArray(x?.watcher?.series)));
  }
  const out: Partial<Record<ExtraMetric, MeasureSnapshot>> = {};
  for (const m of EXTRA_METRICS) {
    const spec = MEASURE_TABLE[m];
    const watcher = m === 'neg_5m' ? w.count5 : w.rates?.[m];
    if (!Array.isArray(watcher?.series)) continue;
    const block = spec.resolution === 5 ? (spec.reads === 'counts' ? w.blocks?.counts : w.blocks?.totals) : undefined;
    out[m] = { watcher, ...(block ? { block } : {}) };
  }
  return out;
}
