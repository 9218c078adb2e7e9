import { baseMetric, isRateMetric, isShareMetric, resolutionMin, metricOf, shownValue, type Alert, type AlertCorroboration, type AlertMetric } from '../../../schemas/alerts.ts';
import type { Formatters } from '$lib/i18n/format.ts';
import type { Translate } from '$lib/i18n/index.ts';
import type { SeriesPoint } from './series.ts';

/**
 * A measure's numbers as people read them: the negative share and the survey-score shares in per cent, the mean sentiment on its
 * −1…1 scale (stored as −mean, flipped back here), counts per minute. One place, so the card, the wall,
 * the chart and the corroborations say the same.
 */

/** One value of a measure, in its unit. */
export function measureValue(metric: AlertMetric, x: number, fmt: Formatters): string {
  if (isShareMetric(metric)) return fmt.percent(x);
  if (baseMetric(metric) === 'sentiment') return fmt.sentiment(shownValue(metric, x));
  return x >= 10 ? fmt.int(x) : x.toFixed(1);
}

/** A band [lower, upper] as shown: the sentiment band flips with its values. */
export function shownBand(metric: AlertMetric, lower: number, upper: number): [number, number] {
  const a = shownValue(metric, lower), b = shownValue(metric, upper);
  return a <= b ? [a, b] : [b, a];
}

/** "negative share 46 % vs expected 18 % [12 %–25 %]", "mean sentiment −0.42 vs expected −0.05 [−0.12–0.02]" */
export function rateHeadline(a: Alert, fmt: Formatters, t: Translate): string {
  const m = metricOf(a);
  const s = a.stats;
  // measureValue flips sentiment, so its band's edges swap: the stored upper edge is the lowest sentiment.
  const lower = s.lower ?? s.expected;
  const [lo, up] = baseMetric(m) === 'sentiment' ? [s.upper, lower] : [lower, s.upper];
  return t('alerts.observedRate', {
    measure: t(metricKey(m)), obs: measureValue(m, s.observed, fmt), exp: measureValue(m, s.expected, fmt),
    lo: measureValue(m, lo, fmt), up: measureValue(m, up, fmt)
  });
}

/** "about 12 detractor answers above the expected at the peak minute": the excess in what the share is over. */
export function excessText(m: AlertMetric, n: string, t: Translate): string {
  const b = baseMetric(m);
  return t(b === 'detractor_share' ? 'alerts.excessDetractors' : b === 'csat_low' ? 'alerts.excessCsatLow' : 'alerts.excessRate', { n });
}

/** "negative share of East China 46 % (expected 18 %)" — a measure that joined the alert. */
export function corroborationText(c: AlertCorroboration, where: string, fmt: Formatters, t: Translate): string {
  return t('alerts.corroboration', { measure: t(metricKey(c.metric)), where, obs: measureValue(c.metric, c.observed, fmt), exp: measureValue(c.metric, c.expected, fmt) });
}

/** The wall chip's number: ×ratio for counts, the value itself for shares and means. */
export function chipValue(a: Alert, ratio: number, fmt: Formatters): string {
  const m = metricOf(a);
  return isRateMetric(m) ? measureValue(m, a.stats.observed, fmt) : fmt.ratio(ratio);
}

/** Chart points in the unit shown (sentiment flipped back, its band with it). */
export function shownPoints(metric: AlertMetric, points: readonly SeriesPoint[]): SeriesPoint[] {
  if (baseMetric(metric) !== 'sentiment') return [...points];
  return points.map((p) => {
    const band = p.lower !== null && p.upper !== null ? shownBand(metric, p.lower, p.upper) : null;
    return { ...p, observed: -p.observed, expected: p.expected === null ? null : -p.expected, lower: band ? band[0] : null, upper: band ? band[1] : null };
  });
}

/** The i18n key naming a measure (its resolution included: "negative share (5 min)"). */
/** The drill-down chart's label: per minute, or per 5 minutes for the 5-minute measures. */
export function chartLabel(m: AlertMetric, slice: string, t: Translate): string {
  const five = resolutionMin(m) === 5;
  if (isRateMetric(m)) return t(five ? 'oncall.chartRate5m' : 'oncall.chartRate', { measure: t(metricKey(baseMetric(m))), slice });
  return t(five ? 'oncall.chart5m' : 'oncall.chart', { slice });
}

export const metricKey = (m: AlertMetric) => `alerts.metric.${m}` as const;

/**
 * A count alert's numbers, each beside the expectation of its own minute: the latest minute with the
 * band of that minute, the peak with what was expected then. The card once put "usual up to 8" (the
 * latest minute's band) next to "peak 40/min": read together, the peak looked measured against a band
 * that belonged to another minute, often another hour. The peak's expectation is exact from the
 * drill-down's stored readings (`points`); without them it is peakObserved − peakExcess, the expected
 * value of the peak minute (when the largest count and the largest excess fell in different minutes,
 * a value between their two expectations).
 */
export interface CountNumbers {
  now: { observed: number; expected: number; upper: number };
  peak: { observed: number; expected: number; upper: number | null; minute: number | null };
}

export function countNumbers(a: Alert, points: readonly SeriesPoint[] = []): CountNumbers {
  const s = a.stats;
  const now = { observed: s.observed, expected: s.expected, upper: s.upper };
  // The peak minute among the alert's own minutes that the detector scored.
  let best: SeriesPoint | null = null;
  for (const p of points) {
    if (p.minute < s.startedAt || p.minute > s.updatedAt || p.expected === null) continue;
    if (!best || p.observed > best.observed) best = p;
  }
  if (best && best.expected !== null && best.observed >= s.peakObserved) {
    return { now, peak: { observed: best.observed, expected: best.expected, upper: best.upper, minute: best.minute } };
  }
  return { now, peak: { observed: s.peakObserved, expected: Math.max(0, s.peakObserved - s.peakExcess), upper: null, minute: null } };
}
