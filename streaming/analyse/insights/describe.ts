import type { Channel } from '../../../schemas/feedback.ts';
import type { Concentration, ConcentrationDimension, Insight, InsightLang } from '../../../schemas/insights.ts';
import { regionLabel } from '../../../schemas/regions.ts';
import { topicLabel } from '../../../schemas/taxonomy.ts';

/**
 * The statement of an insight, built from its statistics alone (no language model), so every number
 * in it can be traced to a field. It speaks of complaints: the growth, the slice and the first count
 * are those of the topic's negative messages (stats.complaints, focus), the topic's other messages
 * appear only as the share that complains. Only concentrations that passed the size and significance
 * tests (the focus) are mentioned. Imports nothing server-side: the browser may rebuild statements.
 */

type Parts = Partial<Record<ConcentrationDimension, Concentration>>;

const PLATFORMS: Record<string, Record<InsightLang, string>> = {
  android: { zh: 'Android', en: 'Android' },
  ios: { zh: 'iOS', en: 'iOS' },
  miniprogram: { zh: '小程序', en: 'Mini Program' },
  harmony: { zh: '鸿蒙', en: 'HarmonyOS' },
  web: { zh: '网页端', en: 'web' }
};

const CHANNELS: Record<Channel, Record<InsightLang, string>> = {
  app_review: { zh: '在应用评价中', en: 'in app-store reviews' },
  in_app: { zh: '在应用内反馈中', en: 'in in-app feedback' },
  chat: { zh: '在在线客服中', en: 'in chats' },
  call: { zh: '在客服电话中', en: 'on calls' },
  email: { zh: '在邮件中', en: 'by e-mail' },
  social: { zh: '在社交媒体上', en: 'on social media' },
  survey: { zh: '在问卷中', en: 'in surveys' },
  other: { zh: '在其他渠道中', en: 'through other channels' }
};

// By the band's midpoint, local time; the names match how a food-delivery day is talked about.
const BAND_NAMES: Array<[from: number, to: number, zh: string, en: string]> = [
  [5, 9, '早间', 'In the morning'],
  [9, 11, '上午', 'In the late morning'],
  [11, 14, '午间高峰', 'In the lunch peak'],
  [14, 17, '下午', 'In the afternoon'],
  [17, 19, '傍晚', 'In the early evening'],
  [19, 23, '晚间高峰', 'In the evening peak']
];

export const formatRatio = (x: number): string => x.toFixed(1);
export const formatPercent = (share: number): string => `${Math.round(share * 100)}%`;
/** Whole counts with thousands separators ("1,718"), the way both languages write them on screen. */
export const formatCount = (n: number): string => Math.round(n).toLocaleString('en-US');

export function bandName(from: number, to: number, lang: InsightLang): string {
  const len = (to - from + 24) % 24 || 24;
  const mid = (from + len / 2) % 24;
  const hit = BAND_NAMES.find(([a, b]) => mid >= a && mid < b);
  return hit ? (lang === 'zh' ? hit[2] : hit[3]) : lang === 'zh' ? '深夜' : 'Late at night';
}

export function bandRange(from: number, to: number, lang: InsightLang): string {
  const end = to === 0 ? 24 : to;
  if (end < from) return lang === 'zh' ? `${from} 时至次日 ${end} 时` : `${from}:00–${end}:00 next day`;
  return lang === 'zh' ? `${from}–${end} 时` : `${from}:00–${end}:00`;
}

const platformLabel = (p: string, lang: InsightLang) => PLATFORMS[p]?.[lang] ?? p;

function lowerFirst(s: string): string {
  // "Slow loading" → "slow loading", but "iOS…"/"UI…" keep their capitals.
  return s.length > 1 && s[1] === s[1].toLowerCase() ? s[0].toLowerCase() + s.slice(1) : s;
}

function partsOf(insight: Insight): Parts {
  const parts: Parts = {};
  for (const c of insight.focus?.concentrations ?? []) parts[c.dimension] = c;
  return parts;
}

function levelOf(growth: number, lang: InsightLang): string {
  if (growth >= 1.5) return lang === 'zh' ? `是平时的 ${formatRatio(growth)} 倍` : `are ${formatRatio(growth)}× the usual level`;
  if (growth <= 0.67) return lang === 'zh' ? `降至平时的 ${formatPercent(growth)}` : `fell to ${formatPercent(growth)} of the usual level`;
  return lang === 'zh' ? '与平时相当' : 'are at about the usual level';
}

function zh(insight: Insight): string {
  const { stats } = insight;
  const p = partsOf(insight);
  const growth = insight.focus?.growth ?? stats.growth;
  const when = p.hours?.band ? `${bandName(p.hours.band.from, p.hours.band.to, 'zh')}（${bandRange(p.hours.band.from, p.hours.band.to, 'zh')}），` : '';
  const who = [
    p.region ? `${regionLabel(p.region.value, 'zh')}地区` : '',
    p.platform ? platformLabel(p.platform.value, 'zh') : '',
    p.version ? `${p.version.value} 版本` : ''
  ].filter(Boolean);
  // A space only between Latin and Han ("华东地区 Android 用户", "华东地区用户").
  const whoText = who.join(' ');
  const subject = `${whoText ? whoText + (/[A-Za-z0-9]$/.test(whoText) ? ' 用户' : '用户') : ''}${p.channel ? CHANNELS[p.channel.value as Channel]?.zh ?? p.channel.value : ''}`;
  let s = `${when}${subject}关于「${topicLabel(stats.topic, 'zh')}」的抱怨${levelOf(growth, 'zh')}`;
  s += `；本期共 ${formatCount(stats.complaints)} 条抱怨，占该话题 ${formatCount(stats.count)} 条消息的 ${formatPercent(stats.negativeShare)}`;
  if (stats.detractorShare !== null && stats.npsCount >= 10) s += `，NPS 贬损者占 ${formatPercent(stats.detractorShare)}`;
  if (stats.anger?.significant) {
    const peers = stats.anger.peers === 'parent' ? `其他「${topicLabel(stats.parent, 'zh')}」问题` : '其他问题';
    s += `，负面强度是${peers}的 ${formatRatio(stats.anger.ratio)} 倍`;
  }
  if (insight.sparse) s += '；抱怨太少，尚无法判断集中在哪里';
  else if (!insight.focus) s += '；未集中在特定时段、地区、平台或渠道';
  return s + '。';
}

function en(insight: Insight): string {
  const { stats } = insight;
  const p = partsOf(insight);
  const growth = insight.focus?.growth ?? stats.growth;
  const when = p.hours?.band ? `${bandName(p.hours.band.from, p.hours.band.to, 'en')} (${bandRange(p.hours.band.from, p.hours.band.to, 'en')}), ` : '';
  const who = p.platform ? ` from ${platformLabel(p.platform.value, 'en')} users` : p.region || p.version ? ' from customers' : '';
  const where = p.region ? ` in ${regionLabel(p.region.value, 'en')}` : '';
  const version = p.version ? ` on app version ${p.version.value}` : '';
  const channel = p.channel ? ` ${CHANNELS[p.channel.value as Channel]?.en ?? `via ${p.channel.value}`}` : '';
  const level = levelOf(growth, 'en');
  let s = `${when}complaints about ${lowerFirst(topicLabel(stats.topic, 'en'))}${who}${where}${version}${channel} ${level}`;
  s += ` (${formatCount(stats.complaints)} complaints in this period, ${formatPercent(stats.negativeShare)} of its ${formatCount(stats.count)} messages`;
  if (stats.detractorShare !== null && stats.npsCount >= 10) s += `, ${formatPercent(stats.detractorShare)} NPS detractors`;
  s += ')';
  if (stats.anger?.significant) {
    const peers = stats.anger.peers === 'parent' ? `other issues in ${topicLabel(stats.parent, 'en')}` : 'other issues';
    s += `, and ${formatRatio(stats.anger.ratio)}× as angry as ${peers}`;
  }
  if (insight.sparse) s += '; too few complaints to say where they concentrate';
  else if (!insight.focus) s += '; not concentrated in any hours, region, platform or channel';
  return s[0].toUpperCase() + s.slice(1) + '.';
}

export function describeInsight(insight: Insight, lang: InsightLang): string {
  return lang === 'zh' ? zh(insight) : en(insight);
}
