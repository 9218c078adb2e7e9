import { describe, expect, it } from 'vitest';
import { whenText } from './when.ts';

// 14:05 in Shanghai on 23 November 2026
const AT = Date.UTC(2026, 10, 23, 6, 5);
const H = 3600_000;

describe('times on the on-call card', () => {
  it('are the time alone today, in the viewer\'s time zone', () => {
    expect(whenText(AT, AT + 3 * H, 'zh', 'Asia/Shanghai')).toBe('14:05');
    expect(whenText(AT, AT + 3 * H, 'en', 'Asia/Shanghai')).toBe('14:05');
  });
  it('carry the date on any other day, written as each language writes it', () => {
    // 01:00 the next day in Shanghai: yesterday there, while it is still the 23rd in UTC
    expect(whenText(AT, AT + 11 * H, 'zh', 'Asia/Shanghai')).toBe('11月23日 14:05');
    expect(whenText(AT, AT + 11 * H, 'en', 'Asia/Shanghai')).toBe('Nov 23, 14:05');
    expect(whenText(AT, AT + 11 * H, 'en', 'UTC')).toBe('06:05');
  });
  it('and the year when it is not this one', () => {
    expect(whenText(AT, AT + 40 * 24 * H, 'en', 'Asia/Shanghai')).toBe('Nov 23, 2026, 14:05');
    expect(whenText(AT, AT + 40 * 24 * H, 'zh', 'Asia/Shanghai')).toBe('2026年11月23日 14:05');
  });
});
