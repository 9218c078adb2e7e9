/**
 * Online anomaly detection for VoC series (volume, negative share, sentiment), one detector per series.
 *
 *   const d = createDetector({ kind: 'count', direction: 'up' });
 *   for (const [t, v] of history) d.learn(t, v);          // warm up from history, no output
 *   const r = d.update(Date.now(), 17);                    // { score, surprise, expected, lower, upper, warm }
 *   if (r.score >= 0.5) alert(r);                          // fired; repeats are held at 0 for a while
 *   store(d.snapshot());  … restoreDetector(json, opts)    // plain JSON, survives restarts
 *
 * t is epoch milliseconds and must not decrease; gaps are fine (profiles are keyed by clock phase).
 * Non-finite values are treated as missing and return score 0.
 */
import { LEARN_ALL, createState, step, type DetectorResult, type DetectorState } from './detector.ts';
import { DEFAULTS as DEFAULT_PARAMS, resolveParams, type DetectorOptions, type DetectorParams } from './params.ts';
import type { SeasonProfile } from './season.ts';

export type { DetectorOptions, DetectorParams, DetectorResult, DetectorState };
export { DEFAULTS, DAY_MS, WEEK_MS, HOUR_MS, MINUTE_MS, resolveParams } from './params.ts';
export { createState, step } from './detector.ts';

export interface UpdateOptions {
  /** default true; false: the point does not teach the daily / weekly profiles */
  season?: boolean;
  /**
   * default true; false: an upward outlier does not count towards the level-shift rule (the caller knows
   * the point is an incident, not a new normal). A run of unflagged upward outliers still shifts the level.
   */
  shift?: boolean;
  /** default true; false: the point does not teach the noise scales (σ is not widened by an incident) */
  noise?: boolean;
  /** default true; false: the point does not move the slow level */
  level?: boolean;
  /** with noise: the residual that teaches the noise scales is clipped at this many σ (default clipZ; see Learning) */
  noiseClipZ?: number;
}

export interface Detector {
  /**
   * Scores the point (before learning it) and learns it; with `{ season: false }` it learns all but the
   * seasonal profiles (see step).
   */
  update(t: number, value: number, opts?: UpdateOptions): DetectorResult;
  /** Learns the point without emitting or starting a refractory period (history replay). */
  learn(t: number, value: number): void;
  /** JSON-serialisable copy of the state. */
  snapshot(): DetectorSnapshot;
}

export interface DetectorSnapshot extends Omit<DetectorState, 'profiles'> {
  profiles: (Omit<SeasonProfile, 'value' | 'visits'> & { value: number[]; visits: number[] })[];
}

/** One detector; pass a shared `DetectorParams` (from resolveParams) when creating thousands. */
export function createDetector(opts: DetectorOptions | DetectorParams = {}, state?: DetectorState): Detector {
  // A fully resolved params object is shared as is, so 10,000 detectors hold one copy.
  const p = Object.keys(DEFAULT_PARAMS).every((k) => k in opts) ? (opts as DetectorParams) : resolveParams(opts);
  const s = state ?? createState(p.kind);
  return {
    update: (t, value, opts) =>
      step(s, p, t, value, true, opts ? { season: opts.season ?? true, shift: opts.shift ?? true, noise: opts.noise ?? true, level: opts.level ?? true, ...(opts.noiseClipZ !== undefined ? { noiseClipZ: opts.noiseClipZ } : {}) } : LEARN_ALL),
    learn: (t, value) => void step(s, p, t, value, false),
    // JSON turns NaN into null; restoreDetector turns it back.
    snapshot: () => ({
      ...s,
      buffer: s.buffer ? [...s.buffer] : null,
      profiles: s.profiles.map((q) => ({ ...q, value: [...q.value], visits: [...q.visits] }))
    })
  };
}

export function restoreDetector(snap: DetectorSnapshot, opts: DetectorOptions = {}): Detector {
  const profiles: SeasonProfile[] = snap.profiles.map((q) => ({
    ...q, value: Float32Array.from(q.value), visits: Uint8Array.from(q.visits)
  }));
  const num = (v: number | null) => (v === null ? NaN : v);
  return createDetector(opts, {
    ...snap, stepMs: num(snap.stepMs), lastT: num(snap.lastT), lastResidual: num(snap.lastResidual),
    buffer: snap.buffer ? [...snap.buffer] : null, profiles
  });
}
