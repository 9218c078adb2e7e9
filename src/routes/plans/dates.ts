import { localeOf, type UiLang } from '../../lib/i18n/index.ts';

/**
 * Dates typed into the plans screens, in the page's language, not the browser's: a native
 * <input type="date"> follows the browser (a zh page in an en-US browser asked for mm/dd/yyyy) and cannot
 * be told otherwise. zh: "2026-11-24 09:05" (年-月-日, 24-hour); en: "Nov 24, 2026 09:05" (a month
 * name, so 11/12 is never a guess between November 12th and December 11th). Times are the browser's
 * local time, as the native field's were.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** The text the field shows for a time, in the form its parser reads back. */
export function formatInput(lang: UiLang, ts: number): string {
  const d = new Date(ts);
  const time = `${p2(d.getHours())}:${p2(d.getMinutes())}`;
  if (lang === 'zh') return `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())} ${time}`;
  return `${MONTH_NAMES[d.getMonth()]} ${d.getDate()}, ${d.getFullYear()} ${time}`;
}

export type Parsed = { ok: true; ts: number } | { ok: false };

function build(y: number, m: number, d: number, hh: number, mm: number): Parsed {
  if (m < 1 || m > 12 || d < 1 || d > 31 || hh > 23 || mm > 59) return { ok: false };
  const date = new Date(y, m - 1, d, hh, mm);
  // 31 Feb rolls over to March in Date: refuse it rather than store another day
  if (date.getFullYear() !== y || date.getMonth() !== m - 1 || date.getDate() !== d) return { ok: false };
  return { ok: true, ts: date.getTime() };
}

/** "09:05", "9:05", "21:05", "9:05 pm", "9 pm", "21时5分"; empty is midnight. */
function parseTime(s: string): { hh: number; mm: number } | null {
  const t = s.trim().toLowerCase().replace(/^at\s+/, '');
  if (!t) return { hh: 0, mm: 0 };
  const m = /^(\d{1,2})(?:(:|时|点)(\d{1,2})?分?)?\s*(am|pm)?$/.exec(t);
  // a bare "9" is no time: a typo in the date as likely as 09:00
  if (!m || (m[2] === undefined && m[4] === undefined)) return null;
  let hh = Number(m[1]);
  const mm = m[3] === undefined ? 0 : Number(m[3]);
  if (m[4]) {
    if (hh < 1 || hh > 12) return null;
    hh = (hh % 12) + (m[4] === 'pm' ? 12 : 0);
  }
  return { hh, mm };
}

/**
 * Reads what was typed. Both languages take year-first dates (2026-11-24, 2026/11/24, 2026年11月24日),
 * which are never ambiguous; English also takes a month name ("Nov 24, 2026", "24 November 2026").
 * Day-first or month-first numbers (11/12/2026) are refused: which one was meant cannot be known.
 */
export function parseInput(text: string): Parsed {
  const s = text.trim().replace(/\s+/g, ' ');
  if (!s) return { ok: false };
  const ymd = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?(?:[ T,]\s*|$)(.*)$/.exec(s);
  if (ymd) {
    const time = parseTime(ymd[4]);
    return time ? build(+ymd[1], +ymd[2], +ymd[3], time.hh, time.mm) : { ok: false };
  }
  const mdy = /^([a-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})(?:,? (.*))?$/i.exec(s);
  const dmy = /^(\d{1,2})(?:st|nd|rd|th)? ([a-z]{3,9})\.?,? (\d{4})(?:,? (.*))?$/i.exec(s);
  const named = mdy ? { mon: mdy[1], day: mdy[2], year: mdy[3], rest: mdy[4] } : dmy ? { mon: dmy[2], day: dmy[1], year: dmy[3], rest: dmy[4] } : null;
  if (named) {
    const month = MONTHS.indexOf(named.mon.slice(0, 3).toLowerCase());
    const full = named.mon.toLowerCase();
    // "Novem" is no month; "Nov", "Nov." and "November" are
    const known = month >= 0 && (full.length === 3 || new Intl.DateTimeFormat('en', { month: 'long' }).format(new Date(2000, month, 1)).toLowerCase() === full || (full === 'sept' && month === 8));
    const time = parseTime(named.rest ?? '');
    return known && time ? build(+named.year, month + 1, +named.day, time.hh, time.mm) : { ok: false };
  }
  return { ok: false };
}

const wordsFormats = new Map<UiLang, Intl.DateTimeFormat>();

/** The parsed value read back in words: "Tuesday, November 24, 2026 at 09:05" / "2026年11月24日星期二 09:05". */
export function inWords(lang: UiLang, ts: number): string {
  let f = wordsFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(localeOf(lang), { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    wordsFormats.set(lang, f);
  }
  return f.format(ts);
}
