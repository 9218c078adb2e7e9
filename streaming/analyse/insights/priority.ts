import type { InsightFocus, Priority, PriorityFactor, TopicStats } from '../../../schemas/insights.ts';
import type { InsightOptions } from './message.ts';
import type { Traffic } from './topics.ts';

/**
 * priority = volume^w₁ × negativity^w₂ × trend^w₃ × value^w₄ × detractors^w₅ (all weights 1 by default).
 * Every factor is scale-free, so priorities compare across windows and deployments:
 * - volume = ln(1 + complaints), complaints being the topic's messages with aspect sentiment ≤ −0.3:
 *   praise is not an issue, a chronic topic with four times the complaints should not bury a new
 *   incident forever, yet more voices still matter;
 * - negativity = mean of max(0, −aspect sentiment) over all the topic's messages, floored at 0.01 so a
 *   calm topic keeps an order (a topic mostly praised is less negative);
 * - trend = shrunk growth of complaints over their usual level, inside the focus slice when one passed
 *   the tests (an evening-only outage in one region is 10×, not the 1.3× it averages to over a day),
 *   clamped to [0.25, 20];
 * - value = mean customer value of the complainers over that of all traffic (vip 3, regular 1, new 0.8);
 * - detractors = (1 + d) / (1 + d_all), d = detractor share among messages with an NPS, shrunk towards
 *   d_all by 10 pseudo-answers (NPS arrives only with surveys); 1 without NPS.
 */

const DETRACTOR_PSEUDO = 10;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

const TERMS: Record<string, string> = { volume: 'ln(1 + complaints)' };

/** The formula as the UI shows it, exponents written only where a weight is not 1. */
export function formulaOf(factors: readonly Pick<PriorityFactor, 'name' | 'weight'>[]): string {
  const term = (f: Pick<PriorityFactor, 'name' | 'weight'>) => {
    const t = TERMS[f.name] ?? f.name;
    return f.weight === 1 ? t : `${f.name === 'volume' ? `(${t})` : t}^${f.weight}`;
  };
  return 'priority = ' + factors.map(term).join(' × ');
}

/** The volume factor; also used to rescale a sampled window's counts (insights-sample.ts). */
export const volumeFactor = (complaints: number): number => Math.log1p(complaints);

export function priorityOf(stats: TopicStats, focus: InsightFocus | null, traffic: Traffic, o: Pick<InsightOptions, 'weights'>): Priority {
  const w = o.weights;
  const growth = focus ? focus.growth : stats.growth;
  const dAll = traffic.detractorShare;
  let detractors = 1;
  if (dAll !== null && stats.detractorShare !== null) {
    const d = (stats.detractorShare * stats.npsCount + DETRACTOR_PSEUDO * dAll) / (stats.npsCount + DETRACTOR_PSEUDO);
    detractors = (1 + d) / (1 + dAll);
  }
  const factors: PriorityFactor[] = [
    { name: 'volume', value: volumeFactor(stats.complaints), weight: w.volume, raw: stats.complaints, basis: 'ln(1 + complaints in the window), a complaint being aspect sentiment ≤ −0.3' },
    { name: 'negativity', value: Math.max(0.01, stats.negativity), weight: w.negativity, raw: stats.negativity, basis: 'mean of max(0, −aspect sentiment) over all its messages, at least 0.01' },
    {
      name: 'trend',
      value: clamp(growth, 0.25, 20),
      weight: w.trend,
      raw: growth,
      basis: focus ? 'growth of complaints over their usual level in the focus slice, clamped to [0.25, 20]' : 'growth of complaints over their usual level, clamped to [0.25, 20]'
    },
    { name: 'value', value: stats.valueIndex, weight: w.value, raw: stats.valueIndex, basis: 'mean customer value of the complainers ÷ that of all traffic' },
    {
      name: 'detractors',
      value: detractors,
      weight: w.detractors,
      raw: stats.detractorShare ?? NaN,
      basis: '(1 + detractor share) ÷ (1 + detractor share of all traffic), shrunk by 10 answers; 1 without NPS'
    }
  ];
  // NaN is not JSON; a missing detractor share travels as null in `stats`, here as 0 with value 1.
  for (const f of factors) if (!Number.isFinite(f.raw)) f.raw = 0;
  const score = factors.reduce((p, f) => p * Math.pow(f.value, f.weight), 1);
  return { score, factors, formula: formulaOf(factors) };
}
