import { localeOf, type UiLang } from '../i18n/index.ts';

/**
 * A moment on the on-call card and in its log: "14:05" today, "Nov 23, 14:05" / "11月23日 14:05" on any
 * other day (and the year when it is not this one). A bare "14:05" on an alert from yesterday reads as
 * today, in the middle of an incident. "Today" is the viewer's day, in the viewer's time zone.
 */
export function whenText(ts: number, now: number, lang: UiLang, timeZone?: string): string {
  const locale = localeOf(lang);
  const day = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone });
  const [d, today] = [day.format(ts), day.format(now)];
  const time = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone } as const;
  if (d === today) return new Intl.DateTimeFormat(locale, time).format(ts);
  const year = d.slice(0, 4) === today.slice(0, 4) ? {} : { year: 'numeric' as const };
  return new Intl.DateTimeFormat(locale, { ...year, month: 'short', day: 'numeric', ...time }).format(ts);
}
