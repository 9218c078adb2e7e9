import type { EffectEstimate, ImpactSummary } from '../../../schemas/impact.ts';
import type { LaunchScope } from '../../../schemas/plans.ts';
import { regionLabel } from '../../../schemas/regions.ts';
import { topicLabel } from '../../../schemas/taxonomy.ts';
import { localeOf, type Translate, type UiLang } from '../i18n/index.ts';

/** Words and numbers of the impact view, shared by /impact, the wall and the report. */

const MINUS = '\u2212';

export function signedPercent(lang: UiLang, share: number): string {
  const s = new Intl.NumberFormat(localeOf(lang), { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format(share);
  return s.replace('-', MINUS);
}

/** "−38% [−45%, −30%]" */
export function relativeWithInterval(lang: UiLang, e: Pick<EffectEstimate, 'relativeEffect' | 'lower95' | 'upper95'>): string {
  return `${signedPercent(lang, e.relativeEffect)} [${signedPercent(lang, e.lower95)}, ${signedPercent(lang, e.upper95)}]`;
}

/** "≈1,240 fewer complaints" — or "no clear change in complaints" when the interval holds zero. */
export function effectWords(lang: UiLang, t: Translate, e: EffectEstimate): string {
  if (!e.significant) return t('impact.noChange');
  const n = new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: 0 }).format(Math.abs(Math.round(e.cumulativeEffect)));
  return e.cumulativeEffect < 0 ? t('impact.fewer', { n }) : t('impact.more', { n });
}

/** "≈1,240 fewer complaints in 78 h" — the period the count covers, for the page of one launch. */
export function effectWordsIn(lang: UiLang, t: Translate, e: EffectEstimate, hours: number): string {
  if (!e.significant) return t('impact.noChange');
  const n = new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: 0 }).format(Math.abs(Math.round(e.cumulativeEffect)));
  const h = new Intl.NumberFormat(localeOf(lang)).format(hours);
  return t(e.cumulativeEffect < 0 ? 'impact.fewerIn' : 'impact.moreIn', { n, h });
}

/** "≈1,240 fewer complaints, −38% [−45%, −30%]" */
export function headline(lang: UiLang, t: Translate, e: EffectEstimate): string {
  return `${effectWords(lang, t, e)}${lang === 'zh' ? '，' : ', '}${relativeWithInterval(lang, e)}`;
}

export function probabilityWords(lang: UiLang, t: Translate, p: number): string {
  // 99.96% would print as 100%, which no statistician would sign: cap what is shown.
  const shown = Math.min(p, 0.999);
  const pct = new Intl.NumberFormat(localeOf(lang), { style: 'percent', maximumFractionDigits: shown > 0.99 ? 1 : 0 }).format(shown);
  return t('impact.probability', { p: pct });
}

export function scopeWords(lang: UiLang, t: Translate, scope: LaunchScope): string {
  if (scope.kind !== 'pilot') return t('impact.everywhere');
  const parts = [
    ...(scope.regions ?? []).map((r) => regionLabel(r, lang)),
    ...(scope.channels ?? []).map((c) => t(`channel.${c}` as Parameters<Translate>[0])),
    ...(scope.segments ?? []),
    ...(scope.platforms ?? []),
    ...(scope.appVersions ?? [])
  ];
  return parts.length ? t('impact.pilot', { slices: parts.join(lang === 'zh' ? '、' : ', ') }) : t('impact.everywhere');
}

export const topicsWords = (lang: UiLang, topics: readonly string[]) => topics.map((id) => topicLabel(id, lang)).join(lang === 'zh' ? '、' : ', ');

export function statusWord(t: Translate, s: ImpactSummary['status']): string {
  return t(s === 'settled' ? 'impact.settled' : s === 'settling' ? 'impact.settling' : 'impact.insufficient');
}

const dateTimeFormats = new Map<UiLang, Intl.DateTimeFormat>();

export function dateTime(lang: UiLang, ts: number): string {
  let f = dateTimeFormats.get(lang);
  if (!f) dateTimeFormats.set(lang, (f = new Intl.DateTimeFormat(localeOf(lang), { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })));
  return f.format(ts);
}

export function day(lang: UiLang, ts: number): string {
  return new Intl.DateTimeFormat(localeOf(lang), { year: 'numeric', month: 'short', day: 'numeric' }).format(ts);
}

export function shortDay(lang: UiLang, ts: number): string {
  return new Intl.DateTimeFormat(localeOf(lang), { month: 'short', day: 'numeric' }).format(ts);
}

/**
 * One axis's tick labels, all in one style: from 10,000 on the whole axis goes compact ("−5K, −10K";
 * "−0.5万, −1万"), so that "−10,000" fits the axis margin with its minus sign. Deciding per label put
 * "−5,000" beside "−1万" on the same axis.
 */
export function axisLabels(lang: UiLang, values: readonly number[], signed: boolean): string[] {
  const sign = signed ? 'exceptZero' : 'auto';
  const compact = values.some((v) => Math.abs(v) >= 10_000);
  if (!compact) {
    const whole = new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: 0, signDisplay: sign });
    return values.map((v) => whole.format(v).replace('-', MINUS));
  }
  if (lang === 'zh') {
    const wan = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2, signDisplay: sign });
    return values.map((v) => (v === 0 ? '0' : `${wan.format(v / 10_000)}万`).replace('-', MINUS));
  }
  const f = new Intl.NumberFormat(localeOf(lang), { notation: 'compact', maximumFractionDigits: 1, signDisplay: sign });
  return values.map((v) => f.format(v).replace('-', MINUS));
}
