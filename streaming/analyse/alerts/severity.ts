import { ALERT_SEVERITIES, baseMetric, isRateMetric, resolutionMin, type AlertMetric, type AlertSeverity } from '../../../schemas/alerts.ts';
import type { Bilingual } from '../../../schemas/taxonomy.ts';

/**
 * Severity from three independent factors, each worth points: how big the spike is (excess per minute
 * and ratio to normal), how long it has lasted, and how many customers it touches (VIPs weigh more).
 * Points rather than a formula so the reason can be spelled out factor by factor.
 */

export interface SeverityInput {
  /** peak per-minute excess (messages above expected) and peak ratio observed / expected */
  peakExcess: number;
  ratio: number;
  durationMin: number;
  /** distinct customers, and the same weighted by tier; unknown until evidence is built */
  customers?: number;
  weightedCustomers?: number;
  /**
   * The alert's measure, to name the size in its unit (default: complaints per minute). Shares and means
   * are sized by their excess in messages (negative messages, or messages' worth of sentiment); the
   * 5-minute measures per 5 minutes.
   */
  metric?: AlertMetric;
}

export interface SeverityOptions {
  /** [points 1, 2, 3] thresholds of per-minute excess */
  excess: [number, number, number];
  /** ratio at which the size factor gains one more point */
  bigRatio: number;
  /** [1, 2] points thresholds of duration, minutes */
  duration: [number, number];
  /** [1, 2] points thresholds of tier-weighted distinct customers */
  customers: [number, number];
  /** lowest total points of medium, high, critical */
  levels: [number, number, number];
}

export const SEVERITY_DEFAULTS: SeverityOptions = {
  excess: [10, 30, 100],
  bigRatio: 8,
  duration: [30, 120],
  customers: [100, 500],
  levels: [2, 4, 6]
};

/** Tier weights for "customers affected": losing a VIP costs more than losing a first-time customer. */
export const TIER_WEIGHTS: Record<string, number> = { vip: 5, regular: 1, new: 1 };

export interface SeverityResult {
  severity: AlertSeverity;
  points: number;
  reasons: Bilingual[];
}

const fmt = (x: number) => (x >= 10 ? Math.round(x).toString() : x.toFixed(1));

/** "size +1: peak 12 complaints/min above normal (3× normal)", in the measure's own unit. */
export function sizeReason(size: number, input: SeverityInput): Bilingual {
  const m = input.metric ?? 'neg';
  const x = fmt(input.peakExcess);
  const five = resolutionMin(m) === 5;
  if (isRateMetric(m)) {
    const sentiment = baseMetric(m) === 'sentiment';
    return {
      en: `size +${size}: peak ${x} ${sentiment ? "messages' worth of sentiment below" : 'negative messages above'} normal${five ? ' in 5 min' : ' in a minute'}`,
      zh: `规模 +${size}：峰值${five ? '5 分钟内' : '每分钟'}${sentiment ? `情感折合比正常低 ${x} 条消息` : `负面消息比正常多 ${x} 条`}`
    };
  }
  return five
    ? { en: `size +${size}: peak ${x} complaints per 5 min above normal (${fmt(input.ratio)}× normal)`, zh: `规模 +${size}：峰值每 5 分钟比正常多 ${x} 条投诉（正常的 ${fmt(input.ratio)} 倍）` }
    : { en: `size +${size}: peak ${x} complaints/min above normal (${fmt(input.ratio)}× normal)`, zh: `规模 +${size}：峰值每分钟比正常多 ${x} 条（正常的 ${fmt(input.ratio)} 倍）` };
}

export function assessSeverity(input: SeverityInput, opts: SeverityOptions = SEVERITY_DEFAULTS): SeverityResult {
  const reasons: Bilingual[] = [];
  const tiers = (x: number, th: number[]) => th.filter((t) => x >= t).length;

  let size = tiers(input.peakExcess, opts.excess);
  if (input.ratio >= opts.bigRatio) size++;
  reasons.push(sizeReason(size, input));

  const duration = tiers(input.durationMin, opts.duration);
  reasons.push({
    en: `duration +${duration}: ${Math.round(input.durationMin)} min`,
    zh: `持续时间 +${duration}：${Math.round(input.durationMin)} 分钟`
  });

  let reach = 0;
  if (input.customers !== undefined) {
    const weighted = input.weightedCustomers ?? input.customers;
    reach = tiers(weighted, opts.customers);
    reasons.push({
      en: `customers +${reach}: ${input.customers} affected (${Math.round(weighted)} weighted by tier)`,
      zh: `影响客户 +${reach}：${input.customers} 位（按等级加权 ${Math.round(weighted)}）`
    });
  }

  const points = size + duration + reach;
  const level = tiers(points, opts.levels);
  return { severity: ALERT_SEVERITIES[level], points, reasons };
}
