import { CHANNELS } from '../../../schemas/feedback.ts';
import { regionLabel } from '../../../schemas/regions.ts';
import { parentOf, topicLabel } from '../../../schemas/taxonomy.ts';
import { parseSlice } from '../../../streaming/analyse/alerts/slices.ts';
import type { Translate, UiLang } from '../i18n/index.ts';

/** Words for slices and their parts: "App › Slow loading · East China" rather than "topic:app.slow|region:east". */
export function valueLabel(dimension: string, value: string, lang: UiLang, t: Translate): string {
  if (dimension === 'topic') return value.includes('.') ? `${topicLabel(parentOf(value), lang)} › ${topicLabel(value, lang)}` : topicLabel(value, lang);
  if (dimension === 'region') return regionLabel(value, lang);
  if (dimension === 'channel' && (CHANNELS as readonly string[]).includes(value)) return t(`channel.${value as (typeof CHANNELS)[number]}`);
  return value || '—';
}

export function sliceWords(slice: string, lang: UiLang, t: Translate): string {
  const parts = Object.entries(parseSlice(slice));
  if (parts.length === 0) return lang === 'zh' ? '全部反馈' : 'All feedback';
  return parts.map(([d, v]) => valueLabel(d, v, lang, t)).join(' · ');
}
