import { localeOf, type UiLang } from '../../lib/i18n/index.ts';

/**
 * A count for the wall's narrow number columns (top topics, breakdowns: 3em). Up to 9,999 it is exact; above,
 * compact ("12.3K", "1.23万"): at a few thousand messages a second a topic's 15 minutes reach millions,
 * and "4,512,345" would run over the negative share beside it. The exact figure stays in the title.
 */
const EXACT_BELOW = 10_000;
const formats = new Map<string, Intl.NumberFormat>();

function format(lang: UiLang, compact: boolean): Intl.NumberFormat {
  const key = `${lang}:${compact}`;
  let f = formats.get(key);
  if (!f) {
    const options: Intl.NumberFormatOptions = compact ? { notation: 'compact', maximumSignificantDigits: 3 } : { maximumFractionDigits: 0 };
    formats.set(key, (f = new Intl.NumberFormat(localeOf(lang), options)));
  }
  return f;
}

export const wallCount = (lang: UiLang, n: number): string => format(lang, n >= EXACT_BELOW).format(n);
