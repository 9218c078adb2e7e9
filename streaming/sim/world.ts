import type { Channel } from '../../schemas/feedback.ts';
import { hashUnit, pickWeighted, weighted } from './rng.ts';

/**
 * The simulated customer base and its daily rhythm. Customer attributes are a pure function of the
 * customer id, so the same customer always writes from the same city, phone and tier.
 */

export const REGIONS = ['east', 'north', 'south', 'central', 'west'] as const;
export type Region = (typeof REGIONS)[number];
export const PLATFORMS = ['android', 'ios', 'miniprogram'] as const;
export type Platform = (typeof PLATFORMS)[number];
export const TIERS = ['new', 'regular', 'vip'] as const;
export type Tier = (typeof TIERS)[number];

export const REGION_SHARE: Record<Region, number> = { east: 0.32, south: 0.22, north: 0.2, central: 0.14, west: 0.12 };
export const PLATFORM_SHARE: Record<Platform, number> = { android: 0.57, ios: 0.37, miniprogram: 0.06 };
const TIER_SHARE: Record<Tier, number> = { new: 0.2, regular: 0.68, vip: 0.12 };
const SEGMENT_SHARE = { consumer: 0.78, student: 0.12, business: 0.1 } as const;
const PRODUCT_SHARE = { 'food-delivery': 0.78, grocery: 0.15, pharmacy: 0.07 } as const;

export const CITIES: Record<Region, ReadonlyArray<readonly [zh: string, en: string]>> = {
  east: [['上海', 'Shanghai'], ['杭州', 'Hangzhou'], ['南京', 'Nanjing'], ['苏州', 'Suzhou']],
  north: [['北京', 'Beijing'], ['天津', 'Tianjin'], ['济南', 'Jinan']],
  south: [['广州', 'Guangzhou'], ['深圳', 'Shenzhen'], ['厦门', 'Xiamen']],
  central: [['武汉', 'Wuhan'], ['长沙', 'Changsha'], ['郑州', 'Zhengzhou']],
  west: [['成都', 'Chengdu'], ['重庆', 'Chongqing'], ['西安', "Xi'an"]]
};

// 5.12 is the current release, rolled out to most users; 5.11 lingers on phones that do not auto-update.
const VERSIONS = weighted<string>([
  ['5.12.2', 0.34], ['5.12.1', 0.18], ['5.12.0', 0.08], ['5.11.4', 0.22], ['5.11.3', 0.12], ['5.11.0', 0.06]
]);

export const BASE_CHANNELS: Record<Channel, number> = {
  in_app: 0.26, app_review: 0.16, chat: 0.18, survey: 0.14, social: 0.1, call: 0.1, email: 0.06, other: 0
};

const table = <K extends string>(shares: Record<K, number>) => weighted(Object.entries(shares) as [K, number][]);
const regionTable = table(REGION_SHARE);
const platformTable = table(PLATFORM_SHARE);
const tierTable = table(TIER_SHARE);
const segmentTable = table(SEGMENT_SHARE);
const productTable = table(PRODUCT_SHARE);

export interface Customer {
  id: string;
  region: Region;
  city: readonly [zh: string, en: string];
  platform: Platform;
  appVersion: string;
  tier: Tier;
  segment: string;
  product: string;
}

export const CUSTOMER_POOL = 2_000_000;

export function customerOf(n: number): Customer {
  const region = pickWeighted(regionTable, hashUnit(n, 1));
  const platform = pickWeighted(platformTable, hashUnit(n, 2));
  const version = pickWeighted(VERSIONS, hashUnit(n, 3));
  const cities = CITIES[region];
  return {
    id: `u${String(n).padStart(7, '0')}`,
    region,
    city: cities[Math.floor(hashUnit(n, 4) * cities.length)],
    platform,
    appVersion: `${platform === 'ios' ? 'iOS' : platform === 'android' ? 'Android' : 'MiniProgram'} ${version}`,
    tier: pickWeighted(tierTable, hashUnit(n, 5)),
    segment: pickWeighted(segmentTable, hashUnit(n, 6)),
    product: pickWeighted(productTable, hashUnit(n, 7))
  };
}

// Relative volume by hour of day in Asia/Shanghai: dead at 04:00, a lunch peak, the dinner/evening
// peak 19–21 h. Interpolated linearly between the hour marks, then normalised to mean 1.
const HOURLY = [
  0.5, 0.32, 0.2, 0.14, 0.11, 0.14, 0.28, 0.55, 0.75, 0.85, 0.95, 1.35,
  1.75, 1.45, 0.95, 0.85, 0.9, 1.1, 1.45, 1.8, 1.95, 1.8, 1.35, 0.85
];
// For a periodic piecewise-linear curve the time average equals the average of its nodes.
const HOURLY_MEAN = HOURLY.reduce((s, v) => s + v, 0) / HOURLY.length;
const SHANGHAI_OFFSET_H = 8; // no daylight saving in China

export function shanghaiHour(t: number): number {
  const h = (t / 3_600_000 + SHANGHAI_OFFSET_H) % 24;
  return h < 0 ? h + 24 : h;
}

/** Volume multiplier at time t; its average over a day is exactly 1. */
export function dailyRhythm(t: number): number {
  const h = shanghaiHour(t);
  const i = Math.floor(h);
  const f = h - i;
  return (HOURLY[i] * (1 - f) + HOURLY[(i + 1) % 24] * f) / HOURLY_MEAN;
}
