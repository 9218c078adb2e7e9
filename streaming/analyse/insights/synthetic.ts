import type { Channel } from '../../../schemas/feedback.ts';
import { createRng } from '../../sim/rng.ts';
import type { InsightMessage } from './message.ts';

/**
 * A hand-built world for the insight tests, small enough to reason about: a steady mix of topics over a
 * 7-day baseline and a 1-day window, optionally with an incident (extra, angry "app.slow" messages from
 * Android users in East China between 19:00 and 22:00 Shanghai time) and copies of incident messages
 * (dup_of) that must not count. Sentiments are drawn per topic, so negativity is known by design.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** window end: midnight in Shanghai */
export const WINDOW_END = Date.UTC(2026, 10, 22, 16);
export const WINDOW = { from: WINDOW_END - DAY, to: WINDOW_END };
export const BASELINE = { from: WINDOW_END - 8 * DAY, to: WINDOW_END - DAY };

interface TopicDef {
  share: number;
  /** mean aspect sentiment; drawn ±0.15 */
  sentiment: number;
  texts: string[];
  keywords: string[];
}

export const TOPICS: Record<string, TopicDef> = {
  'delivery.late': {
    share: 0.3,
    sentiment: -0.45,
    texts: ['外卖又迟到了一个小时', '骑手送餐太慢，饭都凉了', 'delivery was late again', '配送超时没人管', '等了九十分钟才送到'],
    keywords: ['迟到', '送餐', '超时', 'late']
  },
  'app.slow': {
    share: 0.05,
    sentiment: -0.45,
    texts: ['图片加载太慢了', '首页一直转圈圈', 'images take forever to load', '商家页图片刷不出来', '选个菜要等半天加载'],
    keywords: ['图片', '加载', '转圈', 'load']
  },
  'app.crash': {
    share: 0.06,
    sentiment: -0.45,
    texts: ['打开就闪退', 'app keeps crashing', '付款时崩溃了', '更新后一直闪退'],
    keywords: ['闪退', '崩溃', 'crash']
  },
  'app.bug': {
    share: 0.06,
    sentiment: -0.45,
    texts: ['优惠券用不了', '地址保存不了', 'the cart button does nothing', '订单页面报错'],
    keywords: ['报错', '用不了', 'bug']
  },
  'payment.failed': {
    share: 0.05,
    sentiment: -0.5,
    texts: ['支付失败但扣款了', 'payment failed twice', '付不了款'],
    keywords: ['支付', '失败', 'payment']
  },
  'food.taste': {
    share: 0.2,
    sentiment: 0.5,
    texts: ['味道很好，下次还点', 'the noodles were great', '好吃，分量足'],
    keywords: ['好吃', '味道', 'great']
  },
  // never drawn by the steady mix; `small` adds a handful by hand
  'account.login': { share: 0, sentiment: -0.5, texts: ['验证码收不到', 'cannot log in'], keywords: ['验证码', 'login'] },
  other: { share: 0.28, sentiment: 0, texts: ['还行吧', 'ok'], keywords: [] }
};

const REGIONS: Array<[string, number]> = [['east', 0.4], ['north', 0.3], ['south', 0.3]];
const PLATFORMS: Array<[string, number]> = [['android', 0.6], ['ios', 0.4]];
const CHANNELS: Array<[Channel, number]> = [['in_app', 0.4], ['app_review', 0.3], ['chat', 0.3]];
const TIERS: Array<[string, number]> = [['regular', 0.7], ['new', 0.2], ['vip', 0.1]];

export interface SyntheticOptions {
  seed?: number;
  /** messages per hour, flat over the day (the concentration reference re-weights by traffic anyway) */
  perHour?: number;
  /** extra app.slow messages in the incident (0 = none) */
  incident?: number;
  /** near-duplicate copies of incident messages, marked dup_of */
  copies?: number;
  /** angrier app.crash: mean aspect sentiment in the window */
  crashSentiment?: number;
  /** messages of a rare topic (account.login): [baseline over 7 days, window] */
  small?: [number, number];
}

export function syntheticWindows(opts: SyntheticOptions = {}): { current: InsightMessage[]; baseline: InsightMessage[] } {
  const { seed = 1, perHour = 60, incident = 0, copies = 0, crashSentiment, small } = opts;
  const rng = createRng(seed);
  const pick = <T>(table: Array<[T, number]>): T => {
    let u = rng.next();
    for (const [v, w] of table) if ((u -= w) < 0) return v;
    return table[table.length - 1][0];
  };
  const topics = Object.entries(TOPICS).map(([id, d]) => [id, d.share] as [string, number]);
  let n = 0;
  const message = (ts: number, topic: string, over: Partial<InsightMessage> & { sentiment?: number } = {}): InsightMessage => {
    const def = TOPICS[topic];
    const s = Math.max(-1, Math.min(1, (over.sentiment ?? def.sentiment) + (rng.next() - 0.5) * 0.3));
    const platform = over.meta?.platform ?? pick(PLATFORMS);
    return {
      id: `syn-${n++}`,
      ts,
      channel: over.channel ?? pick(CHANNELS),
      customer: { region: over.customer?.region ?? pick(REGIONS), segment: 'consumer', tier: pick(TIERS) },
      app_version: `${platform === 'ios' ? 'iOS' : 'Android'} ${rng.chance(0.5) ? '5.12.2' : '5.11.4'}`,
      meta: { platform },
      nps: rng.chance(0.1) ? (s < -0.3 ? rng.int(7) : 7 + rng.int(4)) : null,
      topics: topic === 'other' ? [] : [topic],
      topic_sentiments: topic === 'other' ? [] : [s],
      keywords: def.keywords.filter(() => rng.chance(0.7)),
      text: rng.pick(def.texts) + ` #${n}`,
      dup_of: over.dup_of ?? '',
      noise: ''
    };
  };
  const hourly = (from: number, to: number, out: InsightMessage[], inWindow: boolean) => {
    for (let t = from; t < to; t += HOUR) {
      const k = rng.poisson(perHour);
      for (let i = 0; i < k; i++) {
        const topic = pick(topics);
        const sentiment = inWindow && topic === 'app.crash' && crashSentiment !== undefined ? crashSentiment : undefined;
        out.push(message(t + rng.int(HOUR), topic, { sentiment }));
      }
    }
  };
  const baseline: InsightMessage[] = [];
  const current: InsightMessage[] = [];
  hourly(BASELINE.from, BASELINE.to, baseline, false);
  hourly(WINDOW.from, WINDOW.to, current, true);
  // 19:00–22:00 in Shanghai is 11:00–14:00 UTC.
  const evening = WINDOW.from + 19 * HOUR;
  const incidentRows: InsightMessage[] = [];
  for (let i = 0; i < incident; i++) {
    incidentRows.push(message(evening + rng.int(3 * HOUR), 'app.slow', { sentiment: -0.8, customer: { region: 'east' }, meta: { platform: 'android' } }));
  }
  for (let i = 0; i < copies && incidentRows.length; i++) {
    const orig = incidentRows[i % incidentRows.length];
    current.push({ ...orig, id: `syn-copy-${i}`, dup_of: orig.id! });
  }
  current.push(...incidentRows);
  if (small) {
    const [b, c] = small;
    for (let i = 0; i < b; i++) baseline.push(message(BASELINE.from + rng.int(7 * DAY), 'account.login', {}));
    for (let i = 0; i < c; i++) current.push(message(WINDOW.from + rng.int(DAY), 'account.login', {}));
  }
  const byTs = (a: InsightMessage, b: InsightMessage) => a.ts - b.ts;
  return { current: current.sort(byTs), baseline: baseline.sort(byTs) };
}
