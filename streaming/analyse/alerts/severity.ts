import { ALERT_SEVERITIES, baseMetric, isRateMetric, resolutionMin, type AlertMetric, type AlertSeverity } from '../../../schemas/alerts.ts';
import type { Bilingual } from '../../../schemas/taxonomy.ts';

/**
 * Severity from three independent factors, each worth points: how big the spike is, how long it has
 * lasted, and how many customers it touches (VIPs weigh more). Points rather than a formula so the reason
 * can be spelled out factor by factor, in words a person on call reads at a glance.
 *
 * Size is two things, and both count: the excess (complaints per minute above normal) and the ratio to
 * the slice's normal. The excess alone undersells a sudden surge: a slice that normally gets 2 a minute
 * and now gets 40 is an incident at once (20×, 38 more a minute), yet 38 a minute only reached the
 * middle excess tier, and the ratio gave a single point, so a 20× surge opened as "medium" and waited for
 * the duration points (30 min) to page as "high". The ratio alone oversells tiny slices, so it is read
 * with the expectation floored at 1 a minute (AlertStats.ratio) and a 2–3× wobble earns nothing.
 * Measured on the alert bench (scripts/bench-alerts.ts, severityDistribution): see SEVERITY_DEFAULTS.
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
  /** [points 1, 2, 3] thresholds of the ratio to normal (counts only; shares and means have none) */
  ratio: [number, number, number];
  /** [1, 2] points thresholds of duration, minutes */
  duration: [number, number];
  /** [1, 2] points thresholds of tier-weighted distinct customers */
  customers: [number, number];
  /** lowest total points of medium, high, critical */
  levels: [number, number, number];
}

/**
 * Ratio tiers 3×, 6×, 12×: a 2–3× wobble with under 10 more a minute stays low; a 20× surge of 30+ more
 * a minute is 2 + 3 = 5 points, high the minute it opens, and of 100+ more a minute critical; a 7× rise
 * of 80 more a minute is high (it was medium for its first 30 min). A 4× rise of 35 more a minute is
 * medium until it lasts or reaches many customers.
 * Alert bench, seed 1 (5 days, 20 incidents; no customers in the replay), severity 5 min after opening,
 * before → after: alerts of sizeable incidents low/medium/high 6/10/1 → 2/6/9 (highest reached: high or
 * critical 5 → 10 of 17); false alerts 6 low → 3 low, 3 medium, none above (they peak at 2–4× normal
 * with 8–26 more a minute: the ratio, not the excess, tells them from the incidents).
 */
export const SEVERITY_DEFAULTS: SeverityOptions = {
  excess: [10, 30, 100],
  ratio: [3, 6, 12],
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

/** 45, 8, 2.1: whole numbers from 10 up, one decimal below only when it says something. */
const fmt = (x: number) => (x >= 10 ? Math.round(x) : Math.round(x * 10) / 10).toString();

/** The size in words, by its points (0–6): what someone on call reads first. */
const SIZE_WORDS: Bilingual[] = [
  { en: 'Small', zh: '规模小' }, { en: 'Noticeable', zh: '规模中等' }, { en: 'Noticeable', zh: '规模中等' },
  { en: 'Big', zh: '规模大' }, { en: 'Big', zh: '规模大' }, { en: 'Huge', zh: '规模极大' }, { en: 'Huge', zh: '规模极大' }
];

/** What the excess counts, per measure: a share's excess is in the messages it is a share of. */
const EXCESS_OF: Partial<Record<ReturnType<typeof baseMetric>, Bilingual>> = {
  neg: { en: 'complaints', zh: '投诉' }, n: { en: 'messages', zh: '消息' }, neg_share: { en: 'negative messages', zh: '负面消息' },
  detractor_share: { en: 'detractor answers', zh: '贬损者评分' }, csat_low: { en: 'low CSAT ratings', zh: 'CSAT 低分评价' }
};

/**
 * "Big: 20× normal, 45 more complaints a minute", in the measure's own unit: shares and means have no
 * ratio to show, their size is the excess in messages at the peak.
 */
export function sizeReason(size: number, input: SeverityInput): Bilingual {
  const m = input.metric ?? 'neg';
  const w = SIZE_WORDS[Math.min(size, SIZE_WORDS.length - 1)];
  const x = fmt(input.peakExcess);
  const five = resolutionMin(m) === 5;
  const what: Bilingual = EXCESS_OF[baseMetric(m)] ?? { en: 'complaints', zh: '投诉' };
  if (isRateMetric(m)) {
    const sentiment = baseMetric(m) === 'sentiment';
    return sentiment
      ? { en: `${w.en}: sentiment as low as if ${x} more messages were negative${five ? ' in 5 min' : ' in a minute'}, at the peak`, zh: `${w.zh}：高峰时${five ? '5 分钟内' : '每分钟'}情感之差相当于多出 ${x} 条负面消息` }
      : { en: `${w.en}: ${x} more ${what.en} than normal${five ? ' in 5 min' : ' in a minute'}, at the peak`, zh: `${w.zh}：高峰时${five ? '5 分钟内' : '每分钟'}${what.zh}比正常多 ${x} 条` };
  }
  const r = fmt(input.ratio);
  return five
    ? { en: `${w.en}: ${r}× normal, ${x} more ${what.en} in 5 min at the peak`, zh: `${w.zh}：高峰时是正常的 ${r} 倍，5 分钟内多出 ${x} 条${what.zh}` }
    : { en: `${w.en}: ${r}× normal, ${x} more ${what.en} a minute at the peak`, zh: `${w.zh}：高峰时是正常的 ${r} 倍，每分钟多出 ${x} 条${what.zh}` };
}

/** "45 min", "2 h 10 min"; "45 分钟", "2 小时 10 分钟". */
export function durationSpan(min: number): Bilingual {
  const m = Math.max(1, Math.round(min));
  if (m < 60) return { en: `${m} min`, zh: `${m} 分钟` };
  const h = Math.floor(m / 60), r = m % 60;
  return { en: r ? `${h} h ${r} min` : `${h} h`, zh: r ? `${h} 小时 ${r} 分钟` : `${h} 小时` };
}

/** The duration reason's opening words by tier (the on-call card re-words a resolved alert's: firing.ts). */
export const DURATION_WORDS: Bilingual[] = [
  { en: 'Just started', zh: '刚开始' }, { en: 'Going on for a while', zh: '已持续一段时间' }, { en: 'Long-running', zh: '持续很久' }
];
const REACH_WORDS: Bilingual[] = [
  { en: 'Few customers', zh: '涉及客户少' }, { en: 'Many customers', zh: '涉及客户多' }, { en: 'Very many customers', zh: '涉及客户很多' }
];

export function assessSeverity(input: SeverityInput, opts: SeverityOptions = SEVERITY_DEFAULTS): SeverityResult {
  const reasons: Bilingual[] = [];
  const tiers = (x: number, th: number[]) => th.filter((t) => x >= t).length;

  // Shares and means come with ratio 1 (engine.ts severityOf): only counts have a ratio to normal.
  const size = tiers(input.peakExcess, opts.excess) + tiers(input.ratio, opts.ratio);
  reasons.push(sizeReason(size, input));

  const duration = tiers(input.durationMin, opts.duration);
  const d = durationSpan(input.durationMin), dw = DURATION_WORDS[duration];
  reasons.push({ en: `${dw.en} (${d.en})`, zh: `${dw.zh}（${d.zh}）` });

  let reach = 0;
  if (input.customers !== undefined) {
    const weighted = input.weightedCustomers ?? input.customers;
    reach = tiers(weighted, opts.customers);
    const rw = REACH_WORDS[reach];
    // The weighted count only when VIPs moved it: "150 affected" is enough otherwise.
    const vip = Math.round(weighted) > input.customers;
    reasons.push({
      en: `${rw.en}: ${input.customers} affected${vip ? `, ${Math.round(weighted)} counting each VIP as ${TIER_WEIGHTS.vip}` : ''}`,
      zh: `${rw.zh}：${input.customers} 位受影响${vip ? `，VIP 按 ${TIER_WEIGHTS.vip} 位计为 ${Math.round(weighted)} 位` : ''}`
    });
  }

  const points = size + duration + reach;
  const level = tiers(points, opts.levels);
  return { severity: ALERT_SEVERITIES[level], points, reasons };
}
