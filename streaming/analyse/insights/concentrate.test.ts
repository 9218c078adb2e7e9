import { describe, expect, it } from 'vitest';
import { CONCENTRATION_DIMENSIONS } from '../../../schemas/insights.ts';
import { categoryConcentrations, hourBand, type DimCounts, type SliceReference } from './concentrate.ts';
import { DEFAULT_INSIGHT_OPTIONS, type InsightOptions } from './message.ts';

const o: InsightOptions = { ...DEFAULT_INSIGHT_OPTIONS, window: { from: 0, to: 1 }, baseline: { from: 0, to: 1 } };

function dims(part: Partial<Record<keyof DimCounts, Record<string, number>>>): DimCounts {
  return Object.fromEntries(CONCENTRATION_DIMENSIONS.map((d) => [d, new Map(Object.entries(part[d] ?? {}))])) as DimCounts;
}

// Half the traffic in each region, now and before; the topic has no history, so all traffic is the reference.
const ref: SliceReference = {
  trafficNow: dims({ region: { east: 5000, north: 5000 } }),
  trafficBase: dims({ region: { east: 5000, north: 5000 } }),
  topicBase: dims({}),
  own: false
};
const regions = (east: number, north: number, opts = o) => categoryConcentrations('region', dims({ region: { east, north } }), ref, opts);

describe('category concentrations', () => {
  it('keeps a slice that is large, frequent and significant', () => {
    const [c] = regions(40, 10);
    expect(c.value).toBe('east');
    expect(c.lift).toBeGreaterThan(3);
    expect(c.g2).toBeGreaterThan(o.minG2);
  });

  it('drops a significant but small lift (1.3× on 2 300 messages)', () => {
    expect(regions(1300, 1000)).toEqual([]);
    expect(regions(1300, 1000, { ...o, minLift: 1.2 })[0].g2).toBeGreaterThan(o.minG2);
  });

  it('drops a large lift that is not significant (14 against 4)', () => {
    expect(regions(14, 4)).toEqual([]);
  });

  it('drops a slice with too few messages, however lopsided and significant', () => {
    // east is 5 % of traffic: 7 of 7 there is G² ≈ 42, but seven messages are seven messages
    const smallEast: SliceReference = { ...ref, trafficNow: dims({ region: { east: 500, north: 9500 } }) };
    const seven = (opts: InsightOptions) => categoryConcentrations('region', dims({ region: { east: 7, north: 0 } }), smallEast, opts);
    expect(seven(o)).toEqual([]);
    expect(seven({ ...o, minSliceCount: 7 })).toHaveLength(1);
  });

  it('compares with the topic’s own past, not with all traffic, when there is one', () => {
    // The topic always lived 80 % in the east; 80 % now is no news.
    const own: SliceReference = { ...ref, topicBase: dims({ region: { east: 400, north: 100 } }), own: true };
    expect(categoryConcentrations('region', dims({ region: { east: 80, north: 20 } }), own, o)).toEqual([]);
    expect(regions(80, 20)).toHaveLength(1);
  });
});

describe('hour band', () => {
  const flatTraffic = Object.fromEntries(Array.from({ length: 24 }, (_, h) => [String(h), 1000]));
  const hoursRef: SliceReference = { trafficNow: dims({ hours: flatTraffic }), trafficBase: dims({ hours: flatTraffic }), topicBase: dims({}), own: false };
  const topic = (extra: Record<number, number>) =>
    dims({ hours: Object.fromEntries(Array.from({ length: 24 }, (_, h) => [String(h), 5 + (extra[h] ?? 0)])) });

  it('finds the contiguous band of the excess', () => {
    const band = hourBand(topic({ 19: 20, 20: 22, 21: 18 }), hoursRef, o)!;
    expect(band.band).toEqual({ from: 19, to: 22 });
    expect(band.value).toBe('19-22');
  });

  it('wraps midnight', () => {
    expect(hourBand(topic({ 23: 20, 0: 22, 1: 18 }), hoursRef, o)!.band).toEqual({ from: 23, to: 2 });
  });

  it('finds nothing in a flat day', () => {
    expect(hourBand(topic({}), hoursRef, o)).toBeNull();
  });
});
