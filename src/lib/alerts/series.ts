import type { Alert } from '../../../schemas/alerts.ts';

/** One minute of an alert's headline slice on the drill-down chart; band values only where the detector ran. */
export interface SeriesPoint {
  minute: number;
  observed: number;
  expected: number | null;
  lower: number | null;
  upper: number | null;
}

export interface AlertSeries {
  slice: string;
  from: number;
  to: number;
  points: SeriesPoint[];
}

const MINUTE = 60_000;

/** The window shown around an alert: an hour before it, until half an hour after it ended (or now). */
export function seriesWindow(a: Alert, now: number, beforeMin = 60, afterMin = 30): { from: number; to: number } {
  const from = a.stats.startedAt - beforeMin * MINUTE;
  const end = a.state.resolvedAt ?? now;
  const to = Math.min(Math.floor(now / MINUTE) * MINUTE, Math.floor(end / MINUTE) * MINUTE + afterMin * MINUTE);
  return { from, to: Math.max(to, a.stats.updatedAt + MINUTE) };
}

/**
 * Every minute of [from, to): observed counts from the rollups (zero when absent — the rollups only
 * hold minutes with messages), expected and band from the detector readings stored with the alert.
 */
export function mergeSeries(
  from: number, to: number,
  observed: readonly { minute: number; observed: number }[],
  readings: readonly { minute: number; expected: number; lower: number; upper: number }[]
): SeriesPoint[] {
  const obs = new Map(observed.map((o) => [o.minute, o.observed]));
  const band = new Map(readings.map((r) => [r.minute, r]));
  const out: SeriesPoint[] = [];
  for (let m = from; m < to; m += MINUTE) {
    const r = band.get(m);
    out.push({ minute: m, observed: obs.get(m) ?? 0, expected: r?.expected ?? null, lower: r?.lower ?? null, upper: r?.upper ?? null });
  }
  return out;
}
