/** Options of the online detector, with defaults shared by every series (one object for 10,000 series). */

export type SeriesKind = 'count' | 'ratio' | 'level';
export type Direction = 'both' | 'up' | 'down';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

export interface DetectorOptions {
  /**
   * count: non-negative event counts per interval (message volume) — scored with a Poisson /
   * negative-binomial tail; ratio: a share in [0,1] (negative share); level: any real value
   * (sentiment mean, NPS). 'auto' decides at the end of warm-up: all non-negative integers → count.
   */
  kind?: SeriesKind | 'auto';
  /** Seasonal periods learned as profiles (default: daily and weekly). Periods shorter than 4 samples are ignored. */
  periodsMs?: number[];
  /** Which deviations count as anomalies. Complaint volume usually wants 'up'. */
  direction?: Direction;
  /** Points buffered before the first score; they set the kind, sampling step and robust start values. */
  warmupPoints?: number;
  /** Narrowest seasonal bin; memory per series ≈ 5 bytes × bins (30 min: 48 daily + 336 weekly bins ≈ 2 kB). */
  binMs?: number;
  /** Smoothing of level, trend (as a share of the level's), seasonal bins, and the noise scales. */
  alpha?: number;
  beta?: number;
  gamma?: number;
  scaleAlpha?: number;
  /** Residuals beyond clipZ·σ update the model only as if they were at clipZ·σ (spikes do not drag the baseline). */
  clipZ?: number;
  /** This many consecutive same-side outliers are taken as a level shift: the baseline jumps to it. */
  shiftPoints?: number;
  /** Smoothing of the short- and long-run mean of the point surprise (the "unusual behaviour" view). */
  shortAlpha?: number;
  longAlpha?: number;
  /** Surprise (−log10 p) at which a point fires; the score is 0.5 there. */
  fireSurprise?: number;
  /** After firing, the score is held at 0 for this many points so one incident raises one alert. */
  refractoryPoints?: number;
  /** Non-count series: σ is at least this share of the series' mean absolute swing around its level. */
  floorShare?: number;
  /** Weights of the residual-jump and burst views relative to the residual view (0 switches one off). */
  diffWeight?: number;
  runWeight?: number;
  /** Per-point decay of the series' record residual, and how strongly falling short of it damps the score. */
  peakDecay?: number;
  noveltyPower?: number;
  /** Share of noveltyPower applied to the burst and control-chart views (a sustained shift need not set a record). */
  behaviourNoveltyShare?: number;
  /** A residual within this many σ never counts as falling short of the record. */
  recordFloor?: number;
  /** Counts: the expected rate used for the tail is at least this (messages per interval). */
  minRate?: number;
  /** Weight and smoothing of the EWMA control chart of the residual (view 4). */
  aggWeight?: number;
  aggAlpha?: number;
  /** Half-width of the band shown to users, in σ of the model's residual. */
  bandZ?: number;
}

export type DetectorParams = Required<DetectorOptions>;

export const DEFAULTS: DetectorParams = {
  kind: 'auto',
  periodsMs: [DAY_MS, WEEK_MS],
  direction: 'both',
  warmupPoints: 200,
  binMs: 30 * MINUTE_MS,
  alpha: 0.05,
  beta: 0,
  gamma: 0.3,
  scaleAlpha: 0.02,
  clipZ: 4.5,
  shiftPoints: 12,
  shortAlpha: 0.1,
  longAlpha: 0.002,
  fireSurprise: 6,
  refractoryPoints: 300,
  bandZ: 3,
  floorShare: 0.02,
  diffWeight: 1,
  runWeight: 1,
  peakDecay: 0.9999,
  noveltyPower: 8,
  recordFloor: 1,
  behaviourNoveltyShare: 0.5,
  minRate: 0.5,
  aggWeight: 1,
  aggAlpha: 0.1
};

export function resolveParams(opts: DetectorOptions = {}): DetectorParams {
  const p = { ...DEFAULTS };
  for (const [k, v] of Object.entries(opts)) if (v !== undefined) (p as Record<string, unknown>)[k] = v;
  return p;
}
