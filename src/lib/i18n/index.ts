import { en, type MessageKey } from './en.ts';
import { zh } from './zh.ts';

export type UiLang = 'zh' | 'en';
export type { MessageKey };
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export const DICTIONARIES: Record<UiLang, Record<MessageKey, string>> = { en, zh };

/** BCP 47 tag for Intl and <html lang>; zh means Simplified Chinese for our customers. */
export const localeOf = (lang: UiLang): string => (lang === 'zh' ? 'zh-CN' : 'en');

/** lang attribute for a customer's own words: zh/en get their tag (fonts, screen readers); any other code is left to the page's. */
export const textLang = (lang: string): string | undefined => (lang === 'zh' || lang === 'en' ? localeOf(lang) : undefined);

/**
 * `?lang=` wins so a wall can be pinned to a language in its kiosk URL; otherwise the browser's first
 * preference we support; English when none is.
 */
export function pickLang(param: string | null | undefined, browserLanguages: readonly string[] = []): UiLang {
  const p = param?.toLowerCase();
  if (p === 'zh' || p === 'en') return p;
  for (const tag of browserLanguages) {
    const primary = tag.toLowerCase().split('-')[0];
    if (primary === 'zh' || primary === 'en') return primary;
  }
  return 'en';
}

/** A key missing at runtime (e.g. a channel code newer than this build) shows as itself. */
export function createT(lang: UiLang): Translate {
  const dict = DICTIONARIES[lang];
  return (key, params) =>
    (dict[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole));
}
