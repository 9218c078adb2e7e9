import { baseMetric, isRateMetric, isShareMetric, metricOf, noteText, resolutionMin, shownValue, type Alert, type AlertMetric, type BaseMetric, type AlertSeverity, type StormDigest } from '../../../schemas/alerts.ts';
import { regionLabel } from '../../../schemas/regions.ts';
import { parentOf, topicLabel, type Bilingual } from '../../../schemas/taxonomy.ts';
import { parseSlice } from '../../analyse/alerts/slices.ts';
import type { Notification } from '../../analyse/alerts/engine.ts';
import { firingMinutes, reopenings, shownReasons, type Reopening } from './firing.ts';

/**
 * The words of a notification, in Chinese and English, independent of any chat tool: a title, a few
 * lines, example messages. Formatters (formats.ts) only lay these out in each tool's markup.
 */

export interface MessageText {
  kind: Notification['kind'];
  severity: AlertSeverity | null;
  title: Bilingual;
  lines: Bilingual[];
  /** example customer messages (already PII-redacted), shown as quotes */
  quotes: string[];
  /** link to the alert on the on-call screen, when a base URL is configured */
  url: string | null;
  /** an "opened" page for an alert the system had resolved and that fired again (same id) */
  reopened: Reopening | null;
}

const SEVERITY: Record<AlertSeverity, Bilingual> = {
  low: { zh: '低', en: 'LOW' }, medium: { zh: '中', en: 'MEDIUM' }, high: { zh: '高', en: 'HIGH' }, critical: { zh: '紧急', en: 'CRITICAL' }
};

const CHANNEL: Record<string, Bilingual> = {
  app_review: { zh: '应用商店评论', en: 'app reviews' }, in_app: { zh: '应用内反馈', en: 'in-app feedback' },
  chat: { zh: '在线客服', en: 'chat' }, call: { zh: '客服热线', en: 'calls' }, email: { zh: '邮件', en: 'e-mail' },
  social: { zh: '社交媒体', en: 'social' }, survey: { zh: '问卷', en: 'surveys' }, other: { zh: '其他', en: 'other' }
};

function valueLabel(dimension: string, value: string, lang: 'zh' | 'en'): string {
  // A leaf label alone ("加载慢") loses its subject; the parent puts it back ("应用 › 加载慢").
  if (dimension === 'topic') return value.includes('.') ? `${topicLabel(parentOf(value), lang)} › ${topicLabel(value, lang)}` : topicLabel(value, lang);
  if (dimension === 'region') return regionLabel(value, lang);
  if (dimension === 'channel') return CHANNEL[value]?.[lang] ?? value;
  return value;
}

/** "App slow · East China" / "应用卡顿 · 华东"; the whole stream is "all feedback". */
export function sliceLabel(slice: string): Bilingual {
  const parts = Object.entries(parseSlice(slice));
  if (parts.length === 0) return { zh: '全部反馈', en: 'all feedback' };
  return {
    zh: parts.map(([d, v]) => valueLabel(d, v, 'zh')).join(' · '),
    en: parts.map(([d, v]) => valueLabel(d, v, 'en')).join(' · ')
  };
}

const n = (x: number) => (x >= 10 ? String(Math.round(x)) : x.toFixed(1));
const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Clock time in China (no daylight saving): on-call staff read local time. */
const hhmm = (t: number) => new Date(t + 8 * 3600_000).toISOString().slice(11, 16);

/** The measures' names, and a value in its unit (sentiment shown on its −1…1 scale, stored as −mean). */
export const MEASURE: Record<AlertMetric, Bilingual> = {
  neg: { zh: '投诉量', en: 'complaints' }, n: { zh: '消息量', en: 'messages' },
  neg_share: { zh: '负面占比', en: 'negative share' }, sentiment: { zh: '平均情感', en: 'mean sentiment' },
  detractor_share: { zh: 'NPS 贬损者占比（0–6 分）', en: 'NPS detractor share (0–6)' }, csat_low: { zh: 'CSAT 低分占比（1–2 分）', en: 'low CSAT share (1–2 of 5)' },
  neg_5m: { zh: '5 分钟投诉量', en: 'complaints per 5 min' },
  neg_share_5m: { zh: '负面占比（5 分钟）', en: 'negative share (5 min)' }, sentiment_5m: { zh: '平均情感（5 分钟）', en: 'mean sentiment (5 min)' }
};
const signed = (x: number) => `${x < 0 ? '−' : x > 0 ? '+' : ''}${Math.abs(x).toFixed(2)}`;
const inUnit = (m: AlertMetric, x: number) => (isShareMetric(m) ? pct(x) : baseMetric(m) === 'sentiment' ? signed(shownValue(m, x)) : n(x));

/** A rate alert's title in English (the Chinese title is the measure's name with 上升 / 下降). */
const RATE_TITLE: Partial<Record<BaseMetric, string>> = {
  neg_share: 'Negative share up', sentiment: 'Sentiment drop', detractor_share: 'NPS detractors up', csat_low: 'Low CSAT ratings up'
};

const EXCESS_OF: Partial<Record<BaseMetric, Bilingual>> = {
  neg_share: { zh: '条负面消息', en: 'negative messages' },
  detractor_share: { zh: '个贬损者评分', en: 'detractor answers' },
  csat_low: { zh: '个低分评价', en: 'low CSAT ratings' }
};

/**
 * "since 14:05 (UTC+8), 35 min so far": an alert that re-opened started long before its quiet stretch,
 * so it says when it first fired and how long it has fired in all, quiet minutes left out (firing.ts).
 */
function since(a: Alert): Bilingual {
  const min = firingMinutes(a);
  return reopenings(a).length
    ? { zh: `${hhmm(a.stats.startedAt)} 首次触发（北京时间），累计触发 ${min} 分钟`, en: `first fired ${hhmm(a.stats.startedAt)} (UTC+8), ${min} min of firing in all` }
    : { zh: `${hhmm(a.stats.startedAt)} 开始（北京时间），已持续 ${min} 分钟`, en: `since ${hhmm(a.stats.startedAt)} (UTC+8), ${min} min so far` };
}

/** The first lines of a share or sentiment alert: the measure, observed against expected and its band. */
function rateLines(a: Alert, m: AlertMetric): Bilingual[] {
  const s = a.stats;
  const lower = s.lower ?? s.expected;
  const [lo, up] = baseMetric(m) === 'sentiment' ? [s.upper, lower] : [lower, s.upper];
  const five = resolutionMin(m) === 5;
  const extra = Math.round(s.peakExcessMessages ?? 0);
  const when = since(a);
  // The excess is in the messages the share is over: for the survey scores, scored answers.
  const what = EXCESS_OF[baseMetric(m)] ?? EXCESS_OF.neg_share!;
  return [
    {
      zh: `${MEASURE[m].zh} ${inUnit(m, s.observed)}，预期 ${inUnit(m, s.expected)}（正常范围 ${inUnit(m, lo)} – ${inUnit(m, up)}）`,
      en: `${MEASURE[m].en} ${inUnit(m, s.observed)} vs expected ${inUnit(m, s.expected)} [${inUnit(m, lo)} – ${inUnit(m, up)}]`
    },
    {
      zh: `${when.zh}，峰值${five ? ' 5 分钟' : '分钟'}比预期多约 ${extra} ${what.zh}`,
      en: `${when.en}, ≈ ${extra} ${what.en} above the expected at the peak ${five ? '5 minutes' : 'minute'}`
    }
  ];
}

function alertLines(a: Alert): Bilingual[] {
  const s = a.stats;
  const m = metricOf(a);
  const lines: Bilingual[] = isRateMetric(m) ? rateLines(a, m) : m === 'neg_5m' ? [
    {
      zh: `每 5 分钟 ${n(s.observed)} 条投诉（正常约 ${n(s.expected)} 条，${n(s.ratio)} 倍），峰值 ${n(s.peakObserved)} 条`,
      en: `${n(s.observed)} complaints per 5 min (normal ≈ ${n(s.expected)}, ${n(s.ratio)}×), peak ${n(s.peakObserved)}`
    },
    { zh: `${since(a).zh}，累计多出约 ${Math.round(s.totalExcess)} 条`, en: `${since(a).en}, ≈ ${Math.round(s.totalExcess)} extra complaints` }
  ] : [
    {
      zh: `每分钟 ${n(s.observed)} 条投诉（正常约 ${n(s.expected)} 条，${n(s.ratio)} 倍），峰值 ${n(s.peakObserved)} 条`,
      en: `${n(s.observed)} complaints/min (normal ≈ ${n(s.expected)}, ${n(s.ratio)}×), peak ${n(s.peakObserved)}`
    },
    { zh: `${since(a).zh}，累计多出约 ${Math.round(s.totalExcess)} 条`, en: `${since(a).en}, ≈ ${Math.round(s.totalExcess)} extra complaints` }
  ];
  const contrib = a.evidence?.contributions.length ? a.evidence.contributions : a.contributions;
  const top = contrib.filter((c) => c.share >= 0.2).slice(0, 4);
  if (top.length) {
    lines.push({
      zh: `主要来源：${top.map((c) => `${valueLabel(c.dimension, c.value, 'zh')} ${pct(c.share)}`).join('，')}`,
      en: `driven by: ${top.map((c) => `${valueLabel(c.dimension, c.value, 'en')} ${pct(c.share)}`).join(', ')}`
    });
  }
  if (a.impact) {
    lines.push({
      zh: `影响客户 ${a.impact.customers} 位，其中 VIP ${a.impact.vipCustomers} 位`,
      en: `${a.impact.customers} customers affected, ${a.impact.vipCustomers} VIP`
    });
  }
  const kws = a.evidence?.keywords.slice(0, 6).map((k) => k.keyword) ?? [];
  if (kws.length) lines.push({ zh: `激增关键词：${kws.join('、')}`, en: `surging keywords: ${kws.join(', ')}` });
  const also = [...new Map((a.corroborations ?? []).map((c) => [c.metric, c])).values()].slice(0, 2);
  if (also.length) {
    lines.push({
      zh: `同时异常：${also.map((c) => `${sliceLabel(c.slice).zh}的${MEASURE[c.metric].zh} ${inUnit(c.metric, c.observed)}（预期 ${inUnit(c.metric, c.expected)}）`).join('；')}`,
      en: `also seen as: ${also.map((c) => `${MEASURE[c.metric].en} of ${sliceLabel(c.slice).en} ${inUnit(c.metric, c.observed)} (expected ${inUnit(c.metric, c.expected)})`).join('; ')}`
    });
  }
  return lines;
}

export function describe(note: Notification, baseUrl: string | null = null): MessageText {
  if (note.kind === 'storm') return describeStorm(note.storm, baseUrl);
  const a = note.alert;
  const where = sliceLabel(a.slice);
  const sev = SEVERITY[a.severity];
  const m = metricOf(a);
  const opened: Bilingual = isRateMetric(m)
    ? { zh: `${MEASURE[m].zh}${baseMetric(m) === 'sentiment' ? '下降' : '上升'}：${where.zh}`, en: `${RATE_TITLE[baseMetric(m)] ?? 'Negative share up'}${m === baseMetric(m) ? '' : ' (5 min)'}: ${where.en}` }
    : m === 'neg_5m' ? { zh: `投诉持续上升（5 分钟）：${where.zh}`, en: `Complaints rising (5 min): ${where.en}` }
    : { zh: `投诉激增：${where.zh}`, en: `Complaint spike: ${where.en}` };
  // The engine pages a re-opened alert as "opened": said as a fresh spike it reads like a new incident,
  // while it is the one people saw resolve, back (same alert, its history and notes kept).
  // A new surge on an alert still open (resurge.ts) is paged as "opened" too; what the page is about is
  // the alert's latest re-opening or surge note.
  const surge = note.kind === 'opened' ? latestSurge(a) : null;
  const back = note.kind === 'opened' && !surge ? (reopenings(a).at(-1) ?? null) : null;
  const title: Bilingual =
    note.kind === 'opened'
      ? surge ? { zh: `【${sev.zh}】再次激增·${opened.zh}`, en: `[${sev.en}] New surge: ${opened.en}` }
        : back ? { zh: `【${sev.zh}】告警重新打开·${opened.zh}`, en: `[${sev.en}] Re-opened: ${opened.en}` } : { zh: `【${sev.zh}】${opened.zh}`, en: `[${sev.en}] ${opened.en}` }
      : note.kind === 'escalated' ? { zh: `【${sev.zh}】告警升级：${where.zh}`, en: `[${sev.en}] Escalated: ${where.en}` }
        : { zh: `【已恢复】${where.zh}`, en: `[RESOLVED] ${where.en}` };
  const again = reopenings(a).length > 0;
  const min = firingMinutes(a);
  const lines = note.kind === 'resolved'
    ? [isRateMetric(m)
      ? again
        ? { zh: `${MEASURE[m].zh}再次回到正常范围，累计触发 ${min} 分钟`, en: `${MEASURE[m].en} back to normal again, ${min} min of firing in all` }
        : { zh: `${MEASURE[m].zh}已回到正常范围，持续 ${min} 分钟`, en: `${MEASURE[m].en} back to normal after ${min} min` }
      : again
        ? { zh: `再次回到正常范围，累计触发 ${min} 分钟，累计多出约 ${Math.round(a.stats.totalExcess)} 条投诉`, en: `back to normal again, ${min} min of firing in all, ≈ ${Math.round(a.stats.totalExcess)} extra complaints in all` }
        : { zh: `已回到正常范围，持续 ${min} 分钟，累计多出约 ${Math.round(a.stats.totalExcess)} 条投诉`, en: `back to normal after ${min} min, ≈ ${Math.round(a.stats.totalExcess)} extra complaints in all` }]
    : [
      ...(surge ? [surge] : back ? [reopenLine(back)] : []),
      ...alertLines(a),
      ...(note.kind === 'escalated' ? shownReasons(a).slice(0, 3) : [])
    ];
  return {
    kind: note.kind, severity: a.severity, title, lines,
    quotes: note.kind === 'resolved' ? [] : (a.evidence?.examples ?? []).slice(0, 3).map((e) => e.text),
    url: baseUrl ? `${baseUrl.replace(/\/$/, '')}/oncall?alert=${encodeURIComponent(a.id)}` : null,
    reopened: back
  };
}

/**
 * The surge note, when the alert's latest episode change is a new surge rather than a re-opening (both
 * page as "opened"). Capitalised, as the first line of the message.
 */
function latestSurge(a: Alert): Bilingual | null {
  const reopenedAt = reopenings(a).at(-1)?.at ?? -Infinity;
  for (let i = a.state.notes.length - 1; i >= 0; i--) {
    const n = a.state.notes[i];
    if (n.actor !== 'system' || n.at < reopenedAt) continue;
    const en = noteText(n.note, 'en');
    if (en.startsWith('new surge:')) return { en: 'N' + en.slice(1), zh: noteText(n.note, 'zh') };
  }
  return null;
}

/** "Re-opened: it fired again after a quiet 40 min (resolved automatically at 14:50 UTC+8); same alert, history kept." */
function reopenLine(r: Reopening): Bilingual {
  const at = r.resolvedAt === null ? null : hhmm(r.resolvedAt);
  return {
    zh: `告警重新打开：平静 ${r.quietMin} 分钟后再次触发${at ? `（${at} 曾自动解决，北京时间）` : ''}，仍是同一告警，历史与备注保留`,
    en: `Re-opened: it fired again after a quiet ${r.quietMin} min${at ? ` (resolved automatically at ${at} UTC+8)` : ''}; same alert, history and notes kept`
  };
}

function describeStorm(s: StormDigest, baseUrl: string | null): MessageText {
  const shown = s.slices.slice(0, 8).map(sliceLabel);
  return {
    kind: 'storm', severity: null,
    title: { zh: `告警风暴：${s.alertIds.length} 个告警合并通知`, en: `Alert storm: ${s.alertIds.length} alerts in one message` },
    lines: [
      { zh: `同时异常的范围：${shown.map((l) => l.zh).join('；')}`, en: `slices spiking together: ${shown.map((l) => l.en).join('; ')}` },
      { zh: '可能是整体故障，请查看值班页面。', en: 'This may be a wide outage; see the on-call screen.' }
    ],
    quotes: [],
    url: baseUrl ? `${baseUrl.replace(/\/$/, '')}/oncall` : null,
    reopened: null
  };
}
