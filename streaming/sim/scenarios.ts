import type { Channel } from '../../schemas/feedback.ts';
import type { Platform, Region } from './world.ts';

/**
 * What customers write about, independent of language: each scenario has a mood and a baseline share of
 * traffic, and optionally prefers some channels (crashes are reported in app reviews, waiting times on
 * the phone). Incidents then raise one scenario inside one slice of customers.
 */

export type Mood = 'negative' | 'neutral' | 'positive';

export const SCENARIO_KEYS = [
  'late_delivery',
  'cold_food',
  'wrong_item',
  'rude_courier',
  'damaged_package',
  'bad_taste',
  'app_crash',
  'images_slow',
  'payment_failed',
  'refund_delay',
  'coupon_price',
  'cs_wait',
  'login_code',
  'praise_courier',
  'praise_food',
  'praise_app',
  'praise_service',
  'question',
  'suggestion',
  'neutral_ok',
  // Only after a fix (an incident's relief), never in the baseline mix: weight 0.
  'praise_images_fast'
] as const;
export type ScenarioKey = (typeof SCENARIO_KEYS)[number];

export interface ScenarioDef {
  mood: Mood;
  /** baseline share of real (non-noise) feedback; the table sums to about 1 */
  weight: number;
  /** multipliers on the baseline channel mix; channels not listed keep weight 1 */
  channels?: Partial<Record<Channel, number>>;
}

// Shares follow what food-delivery VoC programmes typically see: about three in five messages are
// complaints, delivery dominates them, and praise concentrates on couriers and food.
export const SCENARIOS: Record<ScenarioKey, ScenarioDef> = {
  late_delivery: { mood: 'negative', weight: 0.12, channels: { call: 1.5, chat: 1.3 } },
  cold_food: { mood: 'negative', weight: 0.05, channels: { app_review: 0.5 } },
  wrong_item: { mood: 'negative', weight: 0.07, channels: { chat: 1.6 } },
  rude_courier: { mood: 'negative', weight: 0.035, channels: { call: 1.6, social: 1.4 } },
  damaged_package: { mood: 'negative', weight: 0.03 },
  bad_taste: { mood: 'negative', weight: 0.03, channels: { call: 0.4 } },
  app_crash: { mood: 'negative', weight: 0.045, channels: { app_review: 2.5, in_app: 1.8, call: 0.3 } },
  images_slow: { mood: 'negative', weight: 0.02, channels: { app_review: 2, in_app: 2, call: 0.3 } },
  payment_failed: { mood: 'negative', weight: 0.035, channels: { in_app: 1.5, chat: 1.5 } },
  refund_delay: { mood: 'negative', weight: 0.06, channels: { chat: 1.8, email: 2, call: 1.5, app_review: 0.5 } },
  coupon_price: { mood: 'negative', weight: 0.05, channels: { social: 1.5 } },
  cs_wait: { mood: 'negative', weight: 0.045, channels: { call: 2, social: 1.5, survey: 1.3, in_app: 0.5 } },
  login_code: { mood: 'negative', weight: 0.02, channels: { in_app: 1.5, app_review: 1.5 } },
  praise_courier: { mood: 'positive', weight: 0.08, channels: { survey: 2, email: 0.3, call: 0.2 } },
  praise_food: { mood: 'positive', weight: 0.07, channels: { survey: 1.5, app_review: 1.3, call: 0.1 } },
  praise_app: { mood: 'positive', weight: 0.05, channels: { app_review: 2.5, call: 0.1 } },
  praise_service: { mood: 'positive', weight: 0.05, channels: { survey: 2, chat: 1.5, call: 1.2 } },
  question: { mood: 'neutral', weight: 0.05, channels: { chat: 2.5, email: 1.5, call: 1.5, survey: 0.2 } },
  suggestion: { mood: 'neutral', weight: 0.05, channels: { in_app: 2, survey: 1.5, app_review: 1.2 } },
  neutral_ok: { mood: 'neutral', weight: 0.04, channels: { survey: 3, call: 0.2 } },
  praise_images_fast: { mood: 'positive', weight: 0, channels: { app_review: 2.5, in_app: 2, call: 0.1 } }
};

/** Which customers an incident hits; an absent field means "all". */
/** Each complaint scenario as the one taxonomy topic the enrichment assigns it (benchmarks and test history label by it). */
export const SCENARIO_TOPIC: Record<string, string> = {
  late_delivery: 'delivery.late', cold_food: 'food.temperature', wrong_item: 'delivery.wrong_missing',
  rude_courier: 'delivery.courier', damaged_package: 'delivery.damaged', bad_taste: 'food.taste',
  app_crash: 'app.crash', images_slow: 'app.slow', payment_failed: 'payment.failed', refund_delay: 'aftersales.refund',
  coupon_price: 'price.promotion', cs_wait: 'service.support', login_code: 'account.login'
};

export interface Slice {
  region?: Region;
  platform?: Platform;
  channel?: Channel;
}

export interface Incident {
  id: string;
  /** epoch ms: the problem begins (it ramps up over `rampMs`) */
  start: number;
  /** epoch ms: the fix ships; afterwards the excess decays exponentially */
  end: number;
  scenario: ScenarioKey;
  slice: Slice;
  /** rate of the scenario inside the slice at full strength, relative to its baseline (e.g. 8 = 8×) */
  multiplier: number;
  rampMs?: number;
  /**
   * Instead of `multiplier`: this many extra messages a minute at full strength, whatever the feed's rate
   * and hour, so a demo at a low rate can still show an incident big enough to page someone.
   */
  perMinute?: number;
  /** e-folding time of the fade after the fix; after 3× this the excess is down to 5 % */
  decayMs?: number;
  /** praise once the fix ships: some of the people who complained notice and say so */
  relief?: Relief;
}

export interface Relief {
  /** a positive scenario about what the fix changed */
  scenario: ScenarioKey;
  /** its peak rate as a share of the incident's excess at full strength */
  share: number;
  /** it builds up over riseMs after the fix (people notice over time) and fades with decayMs */
  riseMs: number;
  decayMs: number;
}

const MINUTE = 60_000;
export const DEFAULT_RAMP_MS = 3 * MINUTE;
export const DEFAULT_DECAY_MS = 40 * MINUTE;

/**
 * Strength of an incident at time t, in [0, 1]: a linear ramp (real problems roll out with traffic, they
 * do not switch on), a plateau until the fix, then exponential decay (stragglers on old caches, people
 * complaining late about what happened earlier).
 */
export function incidentStrength(inc: Incident, t: number): number {
  if (t < inc.start) return 0;
  const ramp = inc.rampMs ?? DEFAULT_RAMP_MS;
  const rise = ramp > 0 ? Math.min(1, (t - inc.start) / ramp) : 1;
  if (t < inc.end) return rise;
  const atFix = ramp > 0 ? Math.min(1, (inc.end - inc.start) / ramp) : 1;
  const decay = inc.decayMs ?? DEFAULT_DECAY_MS;
  const s = atFix * Math.exp(-(t - inc.end) / decay);
  // Below 0.1 % the excess is invisible; cutting it off lets the generator skip finished incidents.
  return s < 1e-3 ? 0 : s;
}

export interface IncidentPreset {
  scenario: ScenarioKey;
  slice: Slice;
  multiplier: number;
  label: { zh: string; en: string };
  relief?: Relief;
}

/**
 * Strength of an incident's praise at time t, relative to its share: nothing before the fix, then a
 * build-up as customers notice, then a fade.
 */
export function reliefStrength(inc: Incident, t: number): number {
  if (!inc.relief || t < inc.end) return 0;
  const dt = t - inc.end;
  const s = (1 - Math.exp(-dt / inc.relief.riseMs)) * Math.exp(-dt / inc.relief.decayMs);
  return s < 1e-3 && dt > inc.relief.riseMs ? 0 : s;
}

export const INCIDENT_PRESETS: Record<string, IncidentPreset> = {
  images_slow_android_east: {
    scenario: 'images_slow',
    slice: { region: 'east', platform: 'android' },
    multiplier: 15,
    label: { zh: '华东安卓端图片加载慢', en: 'Images load slowly on Android in East China' },
    relief: { scenario: 'praise_images_fast', share: 0.3, riseMs: 30 * MINUTE, decayMs: 12 * 60 * MINUTE }
  },
  payment_failed_ios: {
    scenario: 'payment_failed',
    slice: { platform: 'ios' },
    multiplier: 6,
    label: { zh: 'iOS 支付失败', en: 'Payments fail on iOS' }
  },
  cs_wait_call_north: {
    scenario: 'cs_wait',
    slice: { region: 'north', channel: 'call' },
    multiplier: 8,
    label: { zh: '华北客服热线排队过长', en: 'Long hotline queues in North China' }
  }
};

export function presetIncident(name: string, start: number, durationMs: number, id = `${name}@${start}`): Incident {
  const preset = INCIDENT_PRESETS[name];
  if (!preset) throw new Error(`unknown incident scenario "${name}"; known: ${Object.keys(INCIDENT_PRESETS).join(', ')}`);
  return {
    id, start, end: start + durationMs, scenario: preset.scenario, slice: { ...preset.slice }, multiplier: preset.multiplier,
    ...(preset.relief ? { relief: { ...preset.relief } } : {})
  };
}

/**
 * The demo story: image loading breaks on Android in East China a few minutes in, the fix ships 20
 * minutes later and complaints fade; a smaller iOS payment blip follows so the wall shows two shapes.
 */
export function demoSchedule(now: number): Incident[] {
  return [
    presetIncident('images_slow_android_east', now + 3 * MINUTE, 20 * MINUTE, 'demo-images-slow'),
    presetIncident('payment_failed_ios', now + 45 * MINUTE, 8 * MINUTE, 'demo-payment-ios')
  ];
}
