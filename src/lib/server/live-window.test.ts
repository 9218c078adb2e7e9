import { describe, expect, it } from 'vitest';
import { LiveWindow } from './live-window.ts';

const b = (minute: number, n: number) => ({ minute, n, neg: 0, pos: 0, sentimentSum: 0 });
const MIN = 60_000;

describe('LiveWindow', () => {
  it('reports only buckets whose value changed, so clients replace exactly what moved', () => {
    const w = new LiveWindow(60);
    const now = 100 * MIN;
    expect(w.merge([{ key: 'all:', bucket: b(99 * MIN, 5) }, { key: 'all:', bucket: b(100 * MIN, 1) }], now)).toHaveLength(2);
    const second = w.merge([{ key: 'all:', bucket: b(99 * MIN, 5) }, { key: 'all:', bucket: b(100 * MIN, 3) }], now);
    expect(second).toEqual([{ key: 'all:', bucket: b(100 * MIN, 3) }]);
    expect(w.snapshot(now)['all:'].map((x) => x.n)).toEqual([5, 3]);
  });

  it('forgets minutes that slide out of the window', () => {
    const w = new LiveWindow(2);
    w.merge([{ key: 'topic:x', bucket: b(10 * MIN, 1) }, { key: 'topic:x', bucket: b(11 * MIN, 2) }], 11 * MIN);
    expect(w.snapshot(12 * MIN)['topic:x'].map((x) => x.minute)).toEqual([11 * MIN]);
    expect(w.snapshot(20 * MIN)['topic:x']).toBeUndefined();
  });
});
