import { describe, expect, it } from 'vitest';
import { applyUpdate, fromSnapshot, mergeTicker, upsertBucket } from './store.ts';
import { windowTotal } from './metrics.ts';
import { bucket, item, min, snapshot } from './fixtures.ts';

// A healthy pipeline: these tests are about buckets and the ticker.
const pipeline = { lastStoredAt: null, backlog: 0, oldestWaitingAt: null };

describe('live store', () => {
  it('an upsert for a minute the snapshot already has replaces it, never adds', () => {
    // as on the server, a 60-minute window ending with min(10) starts at min(-49)
    const data = fromSnapshot(
      snapshot({ series: { 'all:': [bucket(min(-50), 1000), bucket(min(-49), 100), bucket(min(8), 5), bucket(min(9), 7), bucket(min(10), 2)] } })
    );
    const now = min(10) + 40_000;
    expect(windowTotal(data, now)).toBe(114);
    const next = applyUpdate(data, {
      serverTime: now,
      upserts: [
        { key: 'all:', bucket: bucket(min(10), 4) },
        { key: 'all:', bucket: bucket(min(10), 6) }
      ],
      ticker: [],
      usualPerMinute: 3, pipeline
    });
    expect(next.series['all:'].slice(-3).map((b) => b.n)).toEqual([5, 7, 6]);
    expect(windowTotal(next, now)).toBe(118);
    // a producer clock running ahead puts messages in a later minute; the server counts them, so do we
    const ahead = applyUpdate(next, { serverTime: now, upserts: [{ key: 'all:', bucket: bucket(min(12), 3) }], ticker: [], usualPerMinute: 3, pipeline });
    expect(windowTotal(ahead, now)).toBe(121);
    expect(next.usualPerMinute).toBe(3);
    // the input is not mutated: the old picture stays valid for whoever still holds it
    expect(data.series['all:'].slice(-3).map((b) => b.n)).toEqual([5, 7, 2]);
  });

  it('inserts new minutes in order and opens new series', () => {
    const data = fromSnapshot(snapshot({ series: { 'all:': [bucket(min(9), 1)] } }));
    const next = applyUpdate(data, {
      serverTime: min(11),
      upserts: [
        { key: 'all:', bucket: bucket(min(11), 3) },
        { key: 'all:', bucket: bucket(min(10), 2) },
        { key: 'topic:app.slow', bucket: bucket(min(11), 1) }
      ],
      ticker: [],
      usualPerMinute: null, pipeline
    });
    expect(next.series['all:'].map((b) => b.minute)).toEqual([min(9), min(10), min(11)]);
    expect(next.series['topic:app.slow']).toHaveLength(1);
  });

  it('a reconnect snapshot replaces the state instead of merging into it', () => {
    let data = fromSnapshot(snapshot({ series: { 'all:': [bucket(min(9), 100)], 'topic:app.slow': [bucket(min(9), 50)] } }));
    data = applyUpdate(data, { serverTime: min(10), upserts: [], ticker: [item('a', min(10))], usualPerMinute: 5, pipeline });
    const fresh = fromSnapshot(snapshot({ series: { 'all:': [bucket(min(9), 90), bucket(min(10), 4)] } }));
    expect(fresh.series['topic:app.slow']).toBeUndefined();
    expect(fresh.ticker).toEqual([]);
    expect(fresh.series['all:'].map((b) => b.n)).toEqual([90, 4]);
  });

  it('drops minutes that fell out of the window', () => {
    const data = fromSnapshot(snapshot({ windowMinutes: 5, serverTime: min(10), series: { 'all:': [bucket(min(1), 1), bucket(min(6), 2)], 'region:x': [bucket(min(2), 1)] } }));
    expect(data.series['all:'].map((b) => b.minute)).toEqual([min(6)]);
    expect(data.series['region:x']).toBeUndefined();
  });

  it('never moves the server clock backwards on a late update', () => {
    const data = fromSnapshot(snapshot({ serverTime: min(10) }));
    expect(applyUpdate(data, { serverTime: min(9), upserts: [], ticker: [], usualPerMinute: null, pipeline }).serverTime).toBe(min(10));
  });

  it('upsertBucket keeps one bucket per minute', () => {
    const list = [bucket(min(1), 1), bucket(min(3), 3)];
    expect(upsertBucket(list, bucket(min(2), 2)).map((b) => b.n)).toEqual([1, 2, 3]);
    expect(upsertBucket(list, bucket(min(0), 9)).map((b) => b.n)).toEqual([9, 1, 3]);
    expect(upsertBucket(list, bucket(min(3), 7)).map((b) => b.n)).toEqual([1, 7]);
  });
});

describe('ticker', () => {
  it('keeps newest first, without duplicates, and caps the length', () => {
    const current = [item('b', min(2)), item('a', min(1))];
    const merged = mergeTicker(current, [item('c', min(3)), item('b', min(2), { text: 'edited' })], 2);
    expect(merged.map((i) => i.id)).toEqual(['c', 'b']);
    expect(merged[1].text).toBe('edited');
  });
});
