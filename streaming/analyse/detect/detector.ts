/**
 * Online anomaly detector for one series: a robust Holt–Winters baseline (level, daily and weekly
 * profiles keyed by clock phase) on a variance-stabilised scale (Anscombe for counts), scored by four
 * cheap views, each a tail probability expressed as surprise = −log10 p:
 *   1. the residual against the baseline (negative-binomial tail for counts, normal otherwise),
 *   2. the change of the residual since the previous point (sudden jumps on a wandering series),
 *   3. the short-run mean surprise against its long-run distribution (a burst of merely odd points),
 *   4. an EWMA control chart of the residual (a sustained shift too small for any single point).
 * The largest is damped by how far the residual falls short of the series' own (decaying) record,
 * so what a series does routinely stops paging; a firing then holds the score at 0 for a while so
 * one incident raises one alert. Each point is scored before it is learned: strictly online.
 *
 * `step` mutates the state it is given (one small object per series, no allocation per point);
 * the maths it calls (tails.ts, season.ts) is pure.
 */
import { countSurprise, normalUpperSurprise } from './tails.ts';
import { createProfiles, isFresh, learnSeason, seasonalAt, type SeasonProfile } from './season.ts';
import type { DetectorParams, SeriesKind } from './params.ts';

export interface DetectorState {
  kind: SeriesKind | 'auto';
  /** Points seen, including warm-up. */
  n: number;
  /** Warm-up buffer [t0, x0, t1, x1, ...]; null once the model is initialised. */
  buffer: number[] | null;
  stepMs: number;
  lastT: number;
  level: number;
  trend: number;
  /** Mean absolute residual and mean absolute residual change (σ ≈ 1.25 × these). */
  scale: number;
  dscale: number;
  /** Mean absolute deviation of the series around its level (seasonal swing included): sets the noise floor. */
  spread: number;
  lastResidual: number;
  /** Consecutive outliers on one side (signed), for level-shift detection. */
  run: number;
  shortSurprise: number;
  /** EWMA of the residual in σ (an EWMA control chart: sustained small shifts). */
  ewz: number;
  longMean: number;
  longVar: number;
  /** Points left in the refractory period after a firing. */
  quiet: number;
  /** Decaying maxima of past residuals above / below the baseline, in σ: the bar a point must clear to be news. */
  peakUp: number;
  peakDown: number;
  profiles: SeasonProfile[];
}

export interface DetectorResult {
  /** Anomaly score in [0, 1]; ≥ 0.5 means the point fired. 0 during warm-up and the refractory period. */
  score: number;
  /** Surprise of the point before suppression, −log10 p (for ranking alerts). */
  surprise: number;
  /** Expected value and band on the original scale (during warm-up they echo the value). */
  expected: number;
  lower: number;
  upper: number;
  /** False while the detector is still warming up. */
  warm: boolean;
}

const MAD_TO_SIGMA = 1.2533; // σ / mean|x| for a normal variable
const SURPRISE_CAP = 12; // keeps one absurd point from inflating the long-run statistics

export function createState(kind: SeriesKind | 'auto'): DetectorState {
  return {
    kind, n: 0, buffer: [], stepMs: NaN, lastT: NaN, level: 0, trend: 0, scale: 0, dscale: 0, spread: 0,
    lastResidual: NaN, run: 0, shortSurprise: 0, ewz: 0, longMean: 0, longVar: 0, quiet: 0, peakUp: 0, peakDown: 0, profiles: []
  };
}

/** Anscombe transform: Poisson counts get unit variance, whatever their mean. */
const anscombe = (x: number) => 2 * Math.sqrt(Math.max(x, 0) + 0.375);
const ANSCOMBE_ZERO = anscombe(0);
const unAnscombe = (y: number) => Math.max(0, (y / 2) ** 2 - 0.125);

function toModel(kind: SeriesKind | 'auto', x: number): number {
  return kind === 'count' ? anscombe(x) : x;
}
function fromModel(kind: SeriesKind | 'auto', y: number): number {
  if (kind === 'count') return unAnscombe(y);
  if (kind === 'ratio') return Math.min(1, Math.max(0, y));
  return y;
}

/**
 * Counts have σ ≥ 1 on the Anscombe scale (Poisson noise). Other series get a floor of a small share
 * of their own swing, so a perfectly predictable series does not alarm on rounding errors.
 */
function sigmaFloor(s: DetectorState, p: DetectorParams): number {
  return s.kind === 'count' ? 1 : 1e-9 + p.floorShare * s.spread;
}

const median = (xs: number[]) => {
  const a = [...xs].sort((p, q) => p - q);
  const m = a.length >> 1;
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
};

/** Ends warm-up: fixes the kind and sampling step, starts from robust statistics, then replays the buffer. */
function initialise(s: DetectorState, p: DetectorParams): void {
  const buf = s.buffer ?? [];
  s.buffer = null;
  const ts: number[] = [], xs: number[] = [];
  for (let i = 0; i < buf.length; i += 2) { ts.push(buf[i]); xs.push(buf[i + 1]); }
  if (s.kind === 'auto') s.kind = xs.every((x) => x >= 0 && Number.isInteger(x)) ? 'count' : 'level';
  const dts = ts.slice(1).map((t, i) => t - ts[i]).filter((d) => d > 0);
  s.stepMs = dts.length ? median(dts) : 60_000;
  s.profiles = createProfiles(p.periodsMs, s.stepMs, p.binMs);
  const ys = xs.map((x) => toModel(s.kind, x));
  s.level = median(ys);
  s.scale = median(ys.map((y) => Math.abs(y - s.level)));
  const dys = ys.slice(1).map((y, i) => Math.abs(y - ys[i]));
  s.dscale = dys.length ? median(dys) : s.scale;
  s.spread = s.scale;
  // The warm-up points also set the records, so the first burst after warm-up is judged against them.
  for (let i = 0; i < ts.length; i++) learnRecords(s, p, core(s, p, ts[i], xs[i]).r);
}

interface CoreOut { surprise: number; pointSurprise: number; behaviourSurprise: number; expected: number; sigma: number; r: number }

/** What a point teaches (see step); everything unless the caller knows the point is an incident. */
export interface Learning {
  season: boolean;
  shift: boolean;
  noise: boolean;
  level: boolean;
  /**
   * With `noise`: the residual (and residual change) that teaches the noise scales is clipped at this many σ
   * instead of clipZ, and the point's deviation that teaches the spread loses its excess beyond it too
   * (undefined: clipZ for the scales and no clip for the spread, as always). For a point the caller knows is
   * an incident: clipped at clipZ it widens σ by ~9 % a minute (a 2-h ×6 incident in the watcher's lab left
   * σ ×20); at c σ the scale grows at most scaleAlpha·(1.2533 c − 1) a point (c = 2: 3 %, c = 1.5: 1.8 %),
   * and not at all below c = 0.8.
   */
  noiseClipZ?: number;
}
export const LEARN_ALL: Readonly<Learning> = Object.freeze({ season: true, shift: true, noise: true, level: true });

/** Scores (t, x) against the current model, then learns what `learn` says (see step). */
function core(s: DetectorState, p: DetectorParams, t: number, x: number, learn: Readonly<Learning> = LEARN_ALL): CoreOut {
  const y = toModel(s.kind, x);
  const k = Number.isFinite(s.lastT) && t > s.lastT ? Math.max(1, Math.round((t - s.lastT) / s.stepMs)) : 1;
  // A trend is not extrapolated across a long gap: after an outage the level is as likely flat.
  const levelPred = s.level + s.trend * Math.min(k, 3);
  const seas = seasonalAt(s.profiles, t);
  // Counts cannot be expected below zero; profiles learned on quiet nights can overshoot there.
  const expected = s.kind === 'count' ? Math.max(levelPred + seas, ANSCOMBE_ZERO) : levelPred + seas;
  const r = y - expected;
  const floor = sigmaFloor(s, p);
  const sigma = Math.max(MAD_TO_SIGMA * s.scale, floor);
  const up = p.direction !== 'down', down = p.direction !== 'up';

  // View 1: residual tail probability.
  let sRes = 0;
  if ((r > 0 && up) || (r < 0 && down)) {
    if (s.kind === 'count') {
      // Below about one message per interval the rate is not known well enough to call 3 a spike.
      const mu = Math.max(unAnscombe(expected), p.minRate);
      // Delta method: var(x) ≈ σ²_anscombe · x / 1 … scaled so σ = 1 is exactly Poisson.
      sRes = mu < 400 ? countSurprise(x, mu, mu * sigma * sigma) : normalUpperSurprise(Math.abs(r) / sigma);
    } else sRes = normalUpperSurprise(Math.abs(r) / sigma);
  }

  // View 2: jump of the residual since the previous point (only between adjacent points).
  let sDiff = 0;
  const dr = k === 1 && Number.isFinite(s.lastResidual) ? r - s.lastResidual : NaN;
  if (Number.isFinite(dr) && ((dr > 0 && up) || (dr < 0 && down)) && ((r > 0 && up) || (r < 0 && down))) {
    const dsigma = Math.max(MAD_TO_SIGMA * s.dscale, floor * Math.SQRT2);
    sDiff = normalUpperSurprise(Math.abs(dr) / dsigma);
  }

  // View 3: a run of mildly surprising points, against the long-run behaviour of that run.
  const point = Math.min(Math.max(sRes, sDiff), SURPRISE_CAP);
  s.shortSurprise += p.shortAlpha * (point - s.shortSurprise);
  const lsd = Math.sqrt(s.longVar) + 0.05;
  const sRun = normalUpperSurprise((s.shortSurprise - s.longMean) / lsd);
  const dm = s.shortSurprise - s.longMean;
  s.longMean += p.longAlpha * dm;
  s.longVar = (1 - p.longAlpha) * (s.longVar + p.longAlpha * dm * dm);

  // View 4: EWMA control chart of the clipped residual: a sustained shift too small for any single point.
  const zc = Math.max(-p.clipZ, Math.min(p.clipZ, r / sigma));
  s.ewz += p.aggAlpha * (zc - s.ewz);
  const zAgg = s.ewz / Math.sqrt(p.aggAlpha / (2 - p.aggAlpha));
  const sAgg = (zAgg > 0 && up) || (zAgg < 0 && down) ? normalUpperSurprise(Math.abs(zAgg)) : 0;

  const pointSurprise = Math.max(sRes, p.diffWeight * sDiff);
  const behaviourSurprise = Math.max(p.runWeight * sRun, p.aggWeight * sAgg);
  const surprise = Math.max(pointSurprise, behaviourSurprise);

  // Learn: robustly, unless the outliers have persisted long enough to be the new normal. A seasonal
  // bin seen for the first time learns the raw residual: the first day is pattern, not anomaly.
  const fresh = isFresh(s.profiles, t, 2);
  const outlier = !fresh && Math.abs(r) > p.clipZ * sigma;
  // A point the caller knows to be an incident is no evidence of a new normal: it leaves an upward run
  // where it was (neither counted nor broken; a downward run it does break), so a long incident does not
  // lift the level and leave the expectation high on its fading tail, while a lasting change the caller
  // does not flag still shifts.
  if (outlier && r > 0 && !learn.shift) s.run = Math.max(s.run, 0);
  else s.run = outlier ? (Math.sign(r) === Math.sign(s.run) ? s.run + Math.sign(r) : Math.sign(r)) : 0;
  if (Math.abs(s.run) >= p.shiftPoints) {
    s.level = y - seas;
    s.trend = 0;
    s.run = 0;
    s.lastResidual = 0;
  } else {
    const lim = p.clipZ * sigma;
    const rc = Math.max(-lim, Math.min(lim, r));
    // A point that does not teach the level still carries it forward by its trend.
    s.level = levelPred + (learn.level ? p.alpha * rc : 0);
    if (learn.level) s.trend += p.alpha * p.beta * rc;
    // Profiles learn deviations up to the series' own swing (a daily step is pattern, not outlier),
    // but not the full height of a spike.
    const flim = p.clipZ * Math.max(MAD_TO_SIGMA * s.spread, sigma);
    // A bin's first day learns a deviation that persists (a step: the shop opens) at full height; a lone
    // spike, even on the first day, only up to the limit.
    const persists = Number.isFinite(s.lastResidual) && Math.sign(s.lastResidual) === Math.sign(r) && Math.abs(s.lastResidual) > flim;
    const rs = fresh && persists ? r : Math.max(-flim, Math.min(flim, r));
    if (learn.season) learnSeason(s.profiles, t, rs * (1 - p.alpha), p.gamma);
    if (learn.noise) {
      const nz = learn.noiseClipZ;
      if (nz === undefined) {
        s.scale += p.scaleAlpha * (Math.abs(rc) - s.scale);
        s.spread += p.scaleAlpha * 0.1 * (Math.abs(y - s.level) - s.spread);
      } else {
        // Bounded influence: the point teaches the scale at most nz σ of residual, and the spread its
        // deviation from the level without the residual's excess beyond nz σ (the incident's height is
        // not the series' swing).
        const nlim = Math.min(nz, p.clipZ) * sigma;
        const rn = Math.max(-nlim, Math.min(nlim, r));
        s.scale += p.scaleAlpha * (Math.abs(rn) - s.scale);
        s.spread += p.scaleAlpha * 0.1 * (Math.abs(y - (r - rn) - s.level) - s.spread);
      }
      if (Number.isFinite(dr)) {
        const dlim = Math.min(nz ?? p.clipZ, p.clipZ) * Math.max(MAD_TO_SIGMA * s.dscale, floor * Math.SQRT2);
        s.dscale += p.scaleAlpha * (Math.min(Math.abs(dr), dlim) - s.dscale);
      }
    }
    s.lastResidual = r;
  }
  s.lastT = Math.max(Number.isFinite(s.lastT) ? s.lastT : t, t);
  return { surprise, pointSurprise, behaviourSurprise, expected, sigma, r };
}

function learnRecords(s: DetectorState, p: DetectorParams, r: number): void {
  s.peakUp = Math.max(s.peakUp * p.peakDecay, r);
  s.peakDown = Math.max(s.peakDown * p.peakDecay, -r);
}

/**
 * Feeds one point. Returns its score, computed before the point is learned. `learn.season` false: the point
 * teaches the level, trend, noise scales, shift rule and records but not the seasonal profiles (a caller
 * that knows the point is an incident keeps it out of the expectation for the same hour on later days);
 * `learn.shift` false: an upward outlier does not count towards the level-shift rule (the level is not lifted
 * by an incident); `learn.noise` false: the noise scales are not learned (an incident's residuals, clipped at
 * clipZ σ, would otherwise widen σ minute by minute, and with it the clip limits through which the level
 * and profiles take in the rest of the incident, and the band, for hours); `learn.level` false: the slow
 * level (and trend) is not moved by the point.
 */
export function step(s: DetectorState, p: DetectorParams, t: number, x: number, emit = true, learn: Readonly<Learning> = LEARN_ALL): DetectorResult {
  if (!Number.isFinite(x)) return { score: 0, surprise: 0, expected: NaN, lower: NaN, upper: NaN, warm: s.buffer === null };
  s.n++;
  if (s.buffer !== null) {
    s.buffer.push(t, x);
    if (s.buffer.length / 2 >= p.warmupPoints) initialise(s, p);
    return { score: 0, surprise: 0, expected: x, lower: x, upper: x, warm: false };
  }
  const { surprise, pointSurprise, behaviourSurprise, expected, sigma, r } = core(s, p, t, x, learn);
  // Relative to the series' own record: a busy topic that routinely jumps far above its baseline
  // should not page anyone for doing so again; a calm one should. Records are residuals on the model
  // scale (not in σ, which grows after every incident); they decay so the next incident need not beat the last.
  const record = Math.max(r >= 0 ? s.peakUp : s.peakDown, p.recordFloor * sigma, 1e-12);
  const novelty = Math.min(1, Math.abs(r) / record);
  const effective = Math.max(pointSurprise * novelty ** p.noveltyPower,
    behaviourSurprise * novelty ** (p.noveltyPower * p.behaviourNoveltyShare));
  learnRecords(s, p, r);
  let score = 0;
  if (emit) {
    if (s.quiet > 0) s.quiet--;
    else {
      score = effective / (effective + p.fireSurprise);
      if (effective >= p.fireSurprise) s.quiet = p.refractoryPoints;
    }
  }
  return {
    score, surprise,
    expected: fromModel(s.kind, expected),
    lower: fromModel(s.kind, expected - p.bandZ * sigma),
    upper: fromModel(s.kind, expected + p.bandZ * sigma),
    warm: true
  };
}
