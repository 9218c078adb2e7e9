import { describe, expect, it } from 'vitest';
import { keywordBars } from './bars.ts';
import { topicsStatus } from './status.ts';

describe('keyword bars', () => {
  it('ranks by count on a zero-based scale and marks keywords rising inside the topic', () => {
    const bars = keywordBars([
      { keyword: '太慢', count: 10, ratio: 1 },
      { keyword: '超时', count: 40, ratio: 0.9 },
      { keyword: '暴雨', count: 20, ratio: 6 }
    ]);
    expect(bars.map((b) => [b.keyword, b.width, b.rising])).toEqual([
      ['超时', 100, false],
      ['暴雨', 50, true],
      ['太慢', 25, false]
    ]);
    expect(keywordBars([])).toEqual([]);
  });
});

describe('topics page status', () => {
  const base = { connected: true, lastMessageAt: 1_000, periodMs: 60_000, now: 1_000 };
  it('is live while pushes arrive, stale after three missed periods, reconnecting without a socket', () => {
    expect(topicsStatus(base).state).toBe('live');
    expect(topicsStatus({ ...base, now: 1_000 + 170_000 }).state).toBe('live');
    expect(topicsStatus({ ...base, now: 1_000 + 190_000 })).toEqual({ state: 'stale', reason: 'no-update', age: 190_000 });
    expect(topicsStatus({ ...base, periodMs: 2_000, now: 1_000 + 16_000 }).state).toBe('stale');
    expect(topicsStatus({ ...base, lastMessageAt: null })).toMatchObject({ state: 'stale', reason: 'no-data' });
    expect(topicsStatus({ ...base, connected: false }).state).toBe('reconnecting');
  });
});
