import { ALERT_SEVERITIES, type AlertSeverity } from '../../../schemas/alerts.ts';
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

export function assessSeverity(input: SeverityInput, opts: SeverityOptions = SEVERITY_DEFAULTS): SeverityResult {
  const reasons: Bilingual[] = [];
  const tiers = (x: number, th: number[]) => th.filter((t) => x >= t).length;

  let size = tiers(input.peakExcess, opts.excess);
  if (input.ratio >= opts.bigRatio) size++;
  reasons.push({
    en: `size +${size}: peak ${fmt(input.peakExcess)} complaints/min above normal (${fmt(input.ratio)}× normal)`,
    zh: `规模 +${size}：峰值每分钟比正常多 ${fmt(input.peakExcess)} 条（正常的 ${fmt(input.ratio)} 倍）`
  });

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
