import { describe, expect, it } from 'vitest';
import { labelWidth, spaced, timeTickIndexes, yTickCount } from './axes.ts';

const REM = 28.8; // 1080p
const minute = (h: number, m: number) => new Date(2026, 10, 24, h, m).getTime();

describe('trend axis ticks sized to the pixels', () => {
  it('asks d3 for more y ticks on a taller band, never fewer than two', () => {
    expect(yTickCount(60, REM)).toBe(2);
    expect(yTickCount(400, REM)).toBeGreaterThan(yTickCount(150, REM));
  });

  it('keeps y labels at least a pitch apart, top first', () => {
    const ticks = [0, 10, 20, 30].map((v) => ({ y: 100 - v * 2, label: String(v) }));
    expect(spaced(ticks, -Infinity, 30).map((t) => t.label)).toEqual(['30', '10']);
  });

  it('labels round times that fit the width and "now", none touching the last', () => {
    // an hour from 19:29 on a 1080p trend (~960 px of plot): round quarter hours or finer, then now
    const first = minute(19, 29);
    const wide = timeTickIndexes(first, 60, 960, REM);
    expect(wide.at(-1)).toBe(59);
    for (const i of wide.slice(0, -1)) expect(new Date(first + i * 60_000).getMinutes() % 5).toBe(0);
    const perMinute = 960 / 60;
    for (let k = 1; k < wide.length; k++) expect((wide[k] - wide[k - 1]) * perMinute).toBeGreaterThanOrEqual(3.8 * REM);
    // a narrower plot gets fewer labels, never overlapping ones
    const narrow = timeTickIndexes(first, 60, 480, REM);
    expect(narrow.length).toBeLessThan(wide.length);
    expect(narrow.length).toBeGreaterThanOrEqual(2);
  });

  it('makes the label column as wide as its longest label', () => {
    expect(labelWidth([{ y: 0, label: '100%' }], 10)).toBeGreaterThan(labelWidth([{ y: 0, label: '0' }], 10));
    expect(labelWidth([], 10)).toBe(15);
  });
});
