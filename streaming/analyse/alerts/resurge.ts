import type { SliceKey } from '../../../schemas/alerts.ts';

/**
 * One incident = one alert, but one alert ≠ one page. While an alert is open, a firing on a related slice
 * only updates it (engine.ts joinActive): right for an incident that goes on, wrong for a SECOND incident
 * on the same slices that starts while the first alert is still open on its fading tail. Nobody was paged
 * for it (bench:alerts seed 3 with `firedShiftNoise`: the second Android-image incident, 2 h after the
 * first, joined the first's alert and was lost).
 *
 * A new surge, from what the engine tracks per alert: since the alert last paged, its headline's excess
 * (observed − expected), smoothed over a few minutes (`levelAlpha`: a noisy tail or a wobbly plateau moves
 * it little), has stayed at most `dropShare` of its peak for `calmMin` minutes in a row, and now, while the
 * alert fires, the excess is at least `riseRatio` × that level plus `riseMin` complaints a minute.
 * Measured on bench:alerts (RESURGE_DEFAULTS). The headline is the slice people read; a new headline
 * starts a new track, not armed, so a change of headline alone never pages.
 */

export interface ResurgeOptions {
  /** the surge has subsided while the headline's excess is at most this share of its peak … */
  dropShare: number;
  /** … for this many minutes in a row */
  calmMin: number;
  /** a new surge: excess ≥ riseRatio × the settled level + riseMin, in a minute the alert fires */
  riseRatio: number;
  riseMin: number;
  /** smoothing of the level (exponential, weight of the newest minute) */
  levelAlpha: number;
  /** a sliding window (engine peekAlerts) may page a new surge too, before its minute closes */
  windows: boolean;
}

/** What the engine keeps per open alert (EngineState.surges), plain JSON. */
export interface SurgeTrack {
  slice: SliceKey;
  /** highest excess of the headline since the alert last paged (opened, re-opened or resurged) */
  peak: number;
  /** minutes in a row, up to now, with the level at most dropShare × peak */
  calmMin: number;
  /** the headline's excess, smoothed */
  level: number;
}

/** One minute of the alert's headline. */
export interface SurgeReading {
  slice: SliceKey;
  excess: number;
  /** a firing joined the alert this minute */
  fired: boolean;
}

/**
 * bench:alerts seeds 1–3, firedShiftNoise off and on (2026-11-24, helper resurge): one new surge in the six
 * runs, seed 3's lost second incident (detected 19 → 20 with firedShiftNoise), nothing else changed. Each knob
 * alone at drop 0.3 / 0.7, calm 3–20, rise 3, min 20, alpha 0.1, no windows: the same. Where it breaks: rise
 * 1.5 (a tail pages twice, 1–2 per run), min 5 (up to 5 resurges, 2 explaining no incident), alpha 0.6 (5, 2).
 * Seed 4 (hold-out): no resurge either way.
 */
export const RESURGE_DEFAULTS: ResurgeOptions = { dropShare: 0.5, calmMin: 10, riseRatio: 2, riseMin: 10, levelAlpha: 0.3, windows: true };

/** A track starting now (a page, or a new headline): the current excess is its peak and its level. */
export const startTrack = (r: Pick<SurgeReading, 'slice' | 'excess'>): SurgeTrack => ({ slice: r.slice, peak: Math.max(0, r.excess), calmMin: 0, level: Math.max(0, r.excess) });

/** Has the alert calmed down long enough for a rise to be a new surge? */
export const armed = (t: SurgeTrack, o: ResurgeOptions = RESURGE_DEFAULTS): boolean => t.calmMin >= o.calmMin;

/** Is this reading a new surge on the track (without changing it)? */
export function isNewSurge(t: SurgeTrack | undefined, r: SurgeReading, o: ResurgeOptions = RESURGE_DEFAULTS): boolean {
  return !!t && t.slice === r.slice && r.fired && armed(t, o) && r.excess >= o.riseRatio * Math.max(0, t.level) + o.riseMin;
}

/**
 * Folds one closed minute into the track. `resurged`: this minute is a new surge (the caller pages); the
 * track then starts again from it, so the same surge pages once.
 */
export function trackSurge(t: SurgeTrack | undefined, r: SurgeReading, o: ResurgeOptions = RESURGE_DEFAULTS): { track: SurgeTrack; resurged: boolean } {
  if (!t || t.slice !== r.slice) return { track: startTrack(r), resurged: false };
  if (isNewSurge(t, r, o)) return { track: startTrack(r), resurged: true };
  const peak = Math.max(t.peak, r.excess);
  const level = (1 - o.levelAlpha) * t.level + o.levelAlpha * Math.max(0, r.excess);
  return { track: { slice: t.slice, peak, level, calmMin: level <= o.dropShare * peak ? t.calmMin + 1 : 0 }, resurged: false };
}
