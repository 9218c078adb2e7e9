/**
 * Seasonal profiles indexed by clock phase (not by point count), so gaps in the series never shift
 * the profile. One profile per period; bins are as fine as the sampling step allows, capped.
 */

export interface SeasonProfile {
  periodMs: number;
  bins: number;
  /** Additive offset per bin, on the detector's transformed scale. */
  value: Float32Array;
  /** Visits per bin, saturating at 255: a fresh bin learns fast, then settles to gamma. */
  visits: Uint8Array;
  /** Samples falling in one bin per cycle (≥ 1): rates and freshness are per cycle, not per sample. */
  perBin: number;
}

/** Bins are at least binMs wide (and at least one sample wide), so a weekly profile is as sharp as a daily one. */
export function createProfiles(periodsMs: number[], stepMs: number, binMs: number): SeasonProfile[] {
  const out: SeasonProfile[] = [];
  for (const periodMs of periodsMs) {
    const perPeriod = periodMs / stepMs;
    if (!(perPeriod >= 4)) continue; // a period shorter than 4 samples cannot be seen
    const bins = Math.max(4, Math.min(Math.round(periodMs / binMs), Math.round(perPeriod)));
    out.push({ periodMs, bins, value: new Float32Array(bins), visits: new Uint8Array(bins), perBin: Math.max(1, perPeriod / bins) });
  }
  return out;
}

export function binOf(p: SeasonProfile, t: number): number {
  const phase = ((t % p.periodMs) + p.periodMs) % p.periodMs;
  // The epsilon keeps samples that sit exactly on a bin edge from flickering between bins.
  return Math.min(p.bins - 1, Math.floor((phase * p.bins) / p.periodMs + 1e-6));
}

/** Sum of the learned offsets at time t; an unvisited bin contributes nothing. */
export function seasonalAt(profiles: SeasonProfile[], t: number): number {
  let s = 0;
  for (const p of profiles) {
    const b = binOf(p, t);
    if (p.visits[b] > 0) s += p.value[b];
  }
  return s;
}

/** Whether the profile bin at t (first period, usually daily) has been seen fewer than `times` times. */
export function isFresh(profiles: SeasonProfile[], t: number, times: number): boolean {
  if (profiles.length === 0) return false;
  const p = profiles[0];
  return p.visits[binOf(p, t)] < times * p.perBin;
}

/**
 * Moves each profile's bin towards the residual, in order (daily before weekly): each period learns
 * only what the previous ones left unexplained, so the two never absorb the same deviation twice.
 * A fresh bin learns at 1/(visits+1): its first visit sets it outright.
 */
const SECONDARY_RATE = 0.5;

export function learnSeason(profiles: SeasonProfile[], t: number, residual: number, gamma: number): void {
  let rest = residual;
  for (let i = 0; i < profiles.length; i++) {
    const p = profiles[i];
    const b = binOf(p, t);
    const v = p.visits[b];
    // Only the first (shortest) profile starts fast; longer ones see few cycles and must not chase noise.
    const rate = gamma / p.perBin;
    const delta = (i === 0 ? Math.max(rate, 1 / (v + 1)) : rate * SECONDARY_RATE) * rest;
    p.value[b] += delta;
    rest -= delta;
    if (v < 255) p.visits[b] = v + 1;
  }
}
