import { baseMetric, type AlertMetric, type SliceKey, type SliceReading } from '../../../schemas/alerts.ts';
import { createDetector, resolveParams, restoreDetector, type Detector, type DetectorOptions, type DetectorSnapshot } from '../detect/index.ts';
import { DEFAULT_CUTS, sliceKeysOf, type CountRow } from './counts.ts';
import type { MinuteResult, WatcherSnapshot } from './watcher.ts';

/**
 * Measures per message — the negative share (neg / n) and the mean sentiment (sentiment_sum / n) of a
 * slice — watched next to the complaint count. A share is only worth watching over enough messages: a
 * share over 3 messages is noise, so a minute with fewer than `minN` messages is a missing point for the
 * detector (it neither scores nor learns it), and a firing must also move the value by `minDelta` AND
 * carry `minExcess` messages' worth of it ((observed − expected) × n): a quiet slice going from 1 of 4 to
 * 3 of 4 negative does not page; 12 % → 45 % of 80 messages does.
 *
 * Every measure is oriented so that UP IS WORSE, as the alert engine expects (it knows spikes only): the
 * sentiment measure is watched, stored and grouped as −mean sentiment, and shown flipped back
 * (schemas/alerts.ts shownValue).
 */

/**
 * Survey scores (NPS 0–10, CSAT 1–5) ride on some messages only (surveys always, chats and in-app
 * messages sometimes): their totals count the scored messages apart, and a score measure's n is its own
 * count of scored messages, not the slice's messages. Absent on rows without scores (topic rows: a
 * survey's score rates the whole experience, not each topic it mentions) and read as 0.
 */
export interface ScoreTotals {
  /** messages with an NPS, and those that are detractors (NPS ≤ 6) */
  npsN?: number;
  detractors?: number;
  /** messages with a CSAT, and those rating 1 or 2 of 5 */
  csatN?: number;
  csatLow?: number;
}

/** Rollup rows with every total the measures need (feedback_minute / topic_minute, score_minute). */
export interface MeasureRow extends Omit<CountRow, 'count'>, ScoreTotals {
  n: number;
  neg: number;
  sentimentSum: number;
}

export interface SliceTotals extends ScoreTotals { n: number; neg: number; sentimentSum: number }

const SCORE_FIELDS = ['npsN', 'detractors', 'csatN', 'csatLow'] as const;

/** The measures this module watches (the count is the SliceWatcher's). */
export type RateMetric = Extract<AlertMetric, 'neg_share' | 'sentiment' | 'detractor_share' | 'csat_low' | 'neg_share_5m' | 'sentiment_5m'>;
export const RATE_METRICS: readonly RateMetric[] = ['neg_share', 'sentiment', 'detractor_share', 'csat_low', 'neg_share_5m', 'sentiment_5m'];
/** The rate measures on 5-minute sums (fivemin.ts): observed once per 5-minute block. */
export const FIVE_MIN_RATE_METRICS: readonly RateMetric[] = ['neg_share_5m', 'sentiment_5m'];

/**
 * What each rate is over: its numerator (oriented, up is worse) and the messages it is a share or mean
 * of. The score measures are shares, not means, on purpose: "38 % of NPS answers were detractors (0–6),
 * expected 20 %" and "22 % of CSAT ratings were 1–2 stars" read at 3 a.m. without knowing the scales,
 * where a mean CSAT of 3.61 against 3.94 (or an NPS of +12 against +31, which also needs promoters)
 * does not; and a share has the binomial error the z gate needs, where a mean's bound is loose (sentiment).
 */
export const RATE_OF: Record<BaseOf<RateMetric>, { num: (t: SliceTotals) => number; den: (t: SliceTotals) => number; share: boolean }> = {
  neg_share: { num: (t) => t.neg, den: (t) => t.n, share: true },
  sentiment: { num: (t) => -t.sentimentSum, den: (t) => t.n, share: false },
  detractor_share: { num: (t) => t.detractors ?? 0, den: (t) => t.npsN ?? 0, share: true },
  csat_low: { num: (t) => t.csatLow ?? 0, den: (t) => t.csatN ?? 0, share: true }
};
type BaseOf<M extends AlertMetric> = M extends `${infer B}_5m` ? B : M;
const rateOf = (m: RateMetric) => RATE_OF[baseMetric(m) as BaseOf<RateMetric>];
/** The messages a measure's value is over (for the score measures, the scored ones). */
export const measureN = (metric: RateMetric, t: SliceTotals): number => rateOf(metric).den(t);

/**
 * Cuts of the rate measures: the count's up to two dimensions, plus channel × region. A share needs enough
 * messages, so the finer cuts are where it is weak (topic × channel × region, which the count watches, is
 * left out); channel × region holds all of a slice's messages, not only its complaints.
 */
export const MEASURE_CUTS: readonly (readonly string[])[] = [...DEFAULT_CUTS.filter((c) => c.length <= 2), ['channel', 'region']];

/** Totals per slice, summed as sliceCounts sums counts (topic parents, topic rows apart). */
export function sliceTotals(rows: Iterable<MeasureRow>, cuts = MEASURE_CUTS, parents = true): Map<SliceKey, SliceTotals> {
  const out = new Map<SliceKey, SliceTotals>();
  for (const row of rows) {
    if (!(row.n > 0)) continue;
    for (const k of sliceKeysOf(row, cuts, parents)) {
      let t = out.get(k);
      if (!t) out.set(k, (t = { n: 0, neg: 0, sentimentSum: 0 }));
      addInto(t, row);
    }
  }
  return out;
}

/** Adds `b`'s totals into `t` (score fields only where `b` has them: rows without scores leave them absent). */
function addInto(t: SliceTotals, b: SliceTotals): void {
  t.n += b.n; t.neg += b.neg; t.sentimentSum += b.sentimentSum;
  for (const f of SCORE_FIELDS) if (b[f] !== undefined) t[f] = (t[f] ?? 0) + b[f]!;
}

/** Sums two slices' totals into a fresh value (the 5-minute block sums, fivemin.ts). */
export function addTotals<T extends SliceTotals>(a: T | undefined, b: T): T {
  const out = { ...b };
  if (a) addInto(out, a);
  return out;
}

/** The oriented value of a measure (up is worse): a share, or −mean sentiment. */
export function measureValue(metric: RateMetric, t: SliceTotals): number {
  const r = rateOf(metric);
  return r.num(t) / r.den(t);
}

export interface MeasureGates {
  /** fewest messages in the minute for a point at all (fewer: missing) */
  minN: number;
  /** smallest move of the value above its expectation (share points, or sentiment on its −1…1 scale) */
  minDelta: number;
  /** smallest (observed − expected) × n: the excess negative messages (or messages' worth of sentiment) */
  minExcess: number;
  /**
   * smallest z of the minute against its expectation, given its n (sampleZ): the detector learns one
   * spread for a series whose n swings from night to day, so a quiet hour's share is noisier than the
   * spread it learned at noon; this gate judges each minute by its own count.
   */
  minZ: number;
}

/**
 * Gates per measure, measured on bench:alerts seeds 1–3, each measure alone (BENCHMARKS.md, "Negative
 * share and mean sentiment"). Without the z gate the share gave 1.18 / 0.78 / 1.18 false alerts per day
 * per 100 series (over the 1 on two seeds); z ≥ 2.5: 0.78 / 0.78 / 0.39, detecting 5 / 4 / 7 of
 * 20 incidents on its own (z 3: 3 / 3 / 7; z 4: 0 / 0 / 3). The sentiment's variance bound (1 − μ²) is
 * loose, so its z runs lower for the same strictness: z ≥ 1.5: 0.78 / 0 / 0.78, detecting 3 / 4 / 4
 * (z 2: 0 / 2 / 3; z 4: none). Sentiment runs on −1…1, where a message going from neutral to plainly
 * negative moves it by about 0.6–1.
 * Those gates did not hold on fresh traffic: after the simulator's texts changed (other random draws, same
 * seeds), z 2.5 / 1.5 gave share 1.57 / 1.18 / 0 and sentiment 0.39 / 1.18 / 0. Raised to z 3 (share:
 * 0.78 / 0.78 / 0, detecting 4 / 0 / 5) and z 2 (sentiment: 0 / 0.78 / 0, detecting 0 / 0 / 3): these
 * measures confirm and catch slow shifts; the complaint count is what pages fast.
 */
export const MEASURE_GATES: Record<RateMetric, MeasureGates> = {
  neg_share: { minN: 20, minDelta: 0.1, minExcess: 8, minZ: 3 },
  sentiment: { minN: 20, minDelta: 0.15, minExcess: 8, minZ: 2 },
  // 5-minute sums (BENCHMARKS.md, "5-minute resolution"): five minutes' messages, so n and the excess
  // scale by 5 while a slow shift's move per message is what it is: a smaller move passes.
  neg_share_5m: { minN: 100, minDelta: 0.05, minExcess: 15, minZ: 4 },
  sentiment_5m: { minN: 100, minDelta: 0.08, minExcess: 15, minZ: 2.5 },
  // Survey scores (BENCHMARKS.md, "NPS and CSAT"; bench seeds 1–2 for the choice, each alone, --rates-only):
  // n is the scored answers, far fewer than all messages, and few series (15 / 27) make each false alert
  // weigh: z 3 gave 12 / 5.3 (detractors) and 2.2 / 2.2 (CSAT) false alerts per day per 100 series, z 3.5
  // 1.3 / 2.7 and 1.5 / 0.7; z 4 none for detractors; CSAT at z 4 needed 30 answers a minute (1.5 → 0.7 / 0).
  detractor_share: { minN: 20, minDelta: 0.1, minExcess: 5, minZ: 4 },
  csat_low: { minN: 30, minDelta: 0.1, minExcess: 5, minZ: 4 }
};

/**
 * Detector settings for rate series: 'level' (normal tail on the learned residual spread), up only (the
 * measures are oriented), no refractory period or novelty damping for the same reasons as complaint
 * counts (watcher.ts WATCHER_DETECTOR), a slow level so the daily profile carries the rhythm.
 */
export const MEASURE_DETECTOR: DetectorOptions = { kind: 'level', direction: 'up', refractoryPoints: 0, noveltyPower: 0, fireSurprise: 4, alpha: 0.005 };
/** One point per 5 minutes: the level's smoothing per point ×5 keeps its time constant in hours the same. */
export const MEASURE_DETECTOR_5M: DetectorOptions = { ...MEASURE_DETECTOR, alpha: 0.025 };

export interface MeasureWatcherOptions {
  gates?: Partial<MeasureGates>;
  detector?: DetectorOptions;
  maxSeries?: number;
  /** a series with no minute of ≥ minN messages for this long is dropped */
  evictAfterMin?: number;
}

export interface MeasureWatcher {
  readonly metric: RateMetric;
  observe(minute: number, totals: ReadonlyMap<SliceKey, SliceTotals>): MinuteResult;
  learn(minute: number, totals: ReadonlyMap<SliceKey, SliceTotals>): void;
  readonly size: number;
  snapshot(): WatcherSnapshot;
}

/**
 * How far a minute's value lies above its expectation in standard errors of a mean over n messages: for
 * the share a binomial one (p̂(1 − p̂) / n), for the oriented sentiment the largest variance a value in
 * [−1, 1] with that mean can have (1 − μ²), which errs on the quiet side.
 */
export function sampleZ(metric: RateMetric, observed: number, expected: number, n: number): number {
  const v = rateOf(metric).share ? Math.min(Math.max(expected, 0.01), 0.99) * (1 - Math.min(Math.max(expected, 0.01), 0.99)) : Math.max(1 - expected * expected, 0.05);
  return ((observed - expected) * Math.sqrt(n)) / Math.sqrt(v);
}

export function measureFires(metric: RateMetric, r: Pick<SliceReading, 'observed' | 'expected' | 'score' | 'n'>, g: MeasureGates): boolean {
  const n = r.n ?? 0;
  const delta = r.observed - r.expected;
  return r.score >= 0.5 && n >= g.minN && delta >= g.minDelta && delta * n >= g.minExcess && sampleZ(metric, r.observed, r.expected, n) >= g.minZ;
}

/** One detector per slice for one rate measure; missing minutes (too few messages) are skipped, not zeros. */
export function createMeasureWatcher(metric: RateMetric, options: MeasureWatcherOptions = {}, from?: WatcherSnapshot): MeasureWatcher {
  const gates = { ...MEASURE_GATES[metric], ...options.gates };
  const params = resolveParams({ ...(FIVE_MIN_RATE_METRICS.includes(metric) ? MEASURE_DETECTOR_5M : MEASURE_DETECTOR), ...options.detector });
  const maxSeries = options.maxSeries ?? 5000;
  const evictAfter = (options.evictAfterMin ?? 3 * 24 * 60) * 60_000;
  const series = new Map<SliceKey, { detector: Detector; last: number }>();
  for (const [key, snap, last] of from?.series ?? []) series.set(key, { detector: restoreDetector(snap as DetectorSnapshot, params), last });

  function admit(minute: number, totals: ReadonlyMap<SliceKey, SliceTotals>): void {
    for (const [key, t] of totals) {
      if (measureN(metric, t) < gates.minN) continue;
      const s = series.get(key);
      if (s) s.last = minute;
      else series.set(key, { detector: createDetector(params), last: minute });
    }
    for (const [key, s] of series) if (s.last < minute - evictAfter) series.delete(key);
    if (series.size > maxSeries) {
      const byIdle = [...series].sort((a, b) => a[1].last - b[1].last);
      for (const [key] of byIdle.slice(0, series.size - maxSeries)) series.delete(key);
    }
  }

  return {
    metric,
    observe(minute, totals) {
      admit(minute, totals);
      const readings = new Map<SliceKey, SliceReading>();
      const firings: SliceReading[] = [];
      for (const [slice, s] of series) {
        const t = totals.get(slice);
        const n = t ? measureN(metric, t) : 0;
        if (!t || n < gates.minN) continue;
        const observed = measureValue(metric, t);
        const r = s.detector.update(minute, observed);
        if (!r.warm) continue;
        const reading: SliceReading = { slice, observed, expected: r.expected, lower: r.lower, upper: r.upper, score: r.score, surprise: r.surprise, n };
        readings.set(slice, reading);
        if (measureFires(metric, reading, gates)) firings.push(reading);
      }
      // Largest excess in messages first, as the count watcher orders by excess messages.
      firings.sort((a, b) => (b.observed - b.expected) * b.n! - (a.observed - a.expected) * a.n!);
      return { minute, readings, firings };
    },
    learn(minute, totals) {
      admit(minute, totals);
      for (const [slice, s] of series) {
        const t = totals.get(slice);
        if (t && measureN(metric, t) >= gates.minN) s.detector.learn(minute, measureValue(metric, t));
      }
    },
    get size() {
      return series.size;
    },
    snapshot: () => ({ series: [...series].map(([k, s]) => [k, s.detector.snapshot(), s.last]) })
  };
}
