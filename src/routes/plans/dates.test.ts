import { describe, expect, it } from 'vitest';
import { formatInput, inWords, parseInput } from './dates.ts';

const at = (y: number, m: number, d: number, hh = 0, mm = 0) => new Date(y, m - 1, d, hh, mm).getTime();

describe('dates typed in the page language', () => {
  it('shows a time as 年-月-日 24-hour in Chinese and with a month name in English, whatever the browser', () => {
    const ts = at(2026, 11, 24, 21, 5);
    expect(formatInput('zh', ts)).toBe('2026-11-24 21:05');
    expect(formatInput('en', ts)).toBe('Nov 24, 2026 21:05');
  });

  it('reads back what it shows, in both languages', () => {
    for (const ts of [at(2026, 1, 2, 0, 0), at(2026, 12, 31, 23, 59), at(2027, 2, 28, 9, 5)]) {
      expect(parseInput(formatInput('zh', ts))).toEqual({ ok: true, ts });
      expect(parseInput(formatInput('en', ts))).toEqual({ ok: true, ts });
    }
  });

  it('takes the usual ways of writing a date, year first or with a month name', () => {
    const ts = at(2026, 12, 1, 9, 5);
    for (const text of ['2026-12-01 09:05', '2026/12/1 9:05', '2026年12月1日 9:05', '2026年12月1日 9点5分', '2026-12-01T09:05', 'Dec 1, 2026 09:05', 'December 1, 2026, 9:05 am', '1 Dec 2026 09:05', 'dec 1 2026 at 9:05']) {
      expect(parseInput(text), text).toEqual({ ok: true, ts });
    }
    expect(parseInput('2026-12-01')).toEqual({ ok: true, ts: at(2026, 12, 1) });
    expect(parseInput('Dec 1, 2026 9:05 pm')).toEqual({ ok: true, ts: at(2026, 12, 1, 21, 5) });
  });

  it('refuses what it cannot be sure of rather than store another day', () => {
    for (const text of ['', '12/01/2026', '01.12.2026', '2026-02-30', '2026-13-01', 'Novem 1, 2026', '2026-12-01 25:00', '2026-12-01 9', 'tomorrow']) {
      expect(parseInput(text).ok, text).toBe(false);
    }
  });

  it('says the parsed value back in words of the page language', () => {
    const ts = at(2026, 11, 24, 9, 5);
    expect(inWords('en', ts)).toMatch(/Tuesday, November 24, 2026.*09:05/);
    expect(inWords('zh', ts)).toMatch(/2026年11月24日星期二.*09:05/);
  });
});
