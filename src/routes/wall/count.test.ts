import { describe, expect, it } from 'vitest';
import { wallCount } from './count.ts';

describe('wallCount', () => {
  it('is exact up to 9,999 and compact above, so a busy topic fits its 3em column', () => {
    expect(wallCount('en', 9_999)).toBe('9,999');
    expect(wallCount('en', 4_512_345)).toBe('4.51M');
    expect(wallCount('en', 12_345)).toBe('12.3K');
    expect(wallCount('zh', 4_512_345)).toBe('451万');
    // never longer than "9,999": five characters
    for (const n of [10_000, 99_999, 999_999, 4_500_000]) for (const lang of ['en', 'zh'] as const) expect(wallCount(lang, n).length).toBeLessThanOrEqual(5);
  });
});
