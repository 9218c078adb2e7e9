import { localeOf, type Translate, type UiLang } from './index.ts';

/** Number and time formatting for one language; '—' stands for "no value", never 0 or NaN. */
export interface Formatters {
  int: (n: number) => string;
  percent: (share: number | null) => string;
  sentiment: (mean: number | null) => string;
  ratio: (r: number) => string;
  clock: (ts: number) => string;
  shortTime: (ts: number) => string;
  /** day and time, for a time that is not from the last few hours (a bare "10:35" would pass for today) */
  dayTime: (ts: number) => string;
  age: (ms: number) => string;
}

const DASH = '—';

export function createFormatters(lang: UiLang, t: Translate): Formatters {
  const locale = localeOf(lang);
  const int = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const signed = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });
  const ratio = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  const clock = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const short = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const dayTime = new Intl.DateTimeFormat(locale, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return {
    int: (n) => int.format(n),
    percent: (s) => (s === null ? DASH : pct.format(s)),
    // the typographic minus, as the impact figures use: a hyphen is narrower than '+' and reads as a dash on the wall
    sentiment: (m) => (m === null ? DASH : signed.format(m).replace('-', '\u2212')),
    ratio: (r) => `${ratio.format(r)}×`,
    clock: (ts) => clock.format(ts),
    shortTime: (ts) => short.format(ts),
    dayTime: (ts) => dayTime.format(ts),
    age: (ms) => {
      const s = Math.max(0, Math.round(ms / 1000));
      return s < 120 ? t('age.seconds', { n: int.format(s) }) : t('age.minutes', { n: int.format(Math.floor(s / 60)) });
    }
  };
}
