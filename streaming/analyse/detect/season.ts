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
}

export function createProfiles(periodsMs: number[], stepMs: number, maxBins: number): SeasonProfile[] {
  const out: SeasonProfile[] = [];
  for (const periodMs of periodsMs) {
    const perPeriod = periodMs / stepMs;
    if (!(perPeriod >= 4)) continue; // a period shorter than 4 samples cannot be seen
    const bins = Math.max(4, Math.min(maxBins, Math.round(perPeriod)));
    out.push({ periodMs, bins, value: new Float32Array(bins), visits: new Uint8Array(bins) });
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

/**
 * Moves each profile's bin towards the residual. The residual is shared among the profiles so the
 * daily and weekly offsets do not both absorb the same deviation.
 */
export function learnSeason(profiles: SeasonProfile[], t: number, residual: number, gamma: number): void {
  if (profiles.length === 0) return;
  const share = residual / profiles.length;
  for (const p of profiles) {
    const b = binOf(p, t);
    const v = p.visits[b];
    const g = Math.max(gamma, 1 / (v + 2));
    p.value[b] += g * (v === 0 ? residual : share);
    if (v < 255) p.visits[b] = v + 1;
  }
}
