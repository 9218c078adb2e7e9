import { describe, expect, it } from 'vitest';
import { fromSnapshot } from './store.ts';
import { denseMinutes, meanSentiment, negativeShare, rankDimension, rateNow, recent, riseOf, usualRatio } from './metrics.ts';
import { bucket, min, snapshot } from './fixtures.ts';

describe('big numbers', () => {
  const data = fromSnapshot(
    snapshot({
      series: {
        'all:': [bucket(min(4), 50, 50, -50), bucket(min(5), 10, 2, 1), bucket(min(8), 20, 5, -2), bucket(min(9), 30, 9, 3), bucket(min(10), 4, 4, -4)]
      }
    })
  );
  const now = min(10) + 30_000;

  it('rate now counts the last 60 s: the filling minute plus the rest of the previous one', () => {
    // 4 so far in minute 10, half of minute 9's 30 still inside the window
    expect(rateNow(data, now)).toBe(4 + 15);
    expect(rateNow(data, min(12))).toBe(0);
  });

  it('a burst that began after a quiet minute shows at once, not as 0 until the minute closes', () => {
    const burst = fromSnapshot(snapshot({ series: { 'all:': [bucket(min(8), 0), bucket(min(9), 0), bucket(min(10), 45, 30, -20)] } }));
    expect(rateNow(burst, min(10) + 20_000)).toBe(45);
  });

  it('a steady stream reads its own rate at any second of the minute', () => {
    const steady = fromSnapshot(snapshot({ series: { 'all:': [bucket(min(9), 60), bucket(min(10), 10)] } }));
    // 10 s into minute 10 at 1 message/s: 10 + 50 of minute 9's 60
    expect(rateNow(steady, min(10) + 10_000)).toBe(60);
  });

  it('negative share and mean cover the last five minutes including the current one', () => {
    const t = recent(data, 'all:', now, 5);
    expect(t.n).toBe(20 + 30 + 4);
    expect(negativeShare(t)).toBeCloseTo(18 / 54);
    expect(meanSentiment(t)).toBeCloseTo(-3 / 54);
  });

  it('says nothing rather than 0 or NaN when there is nothing to divide', () => {
    const empty = recent(data, 'all:', min(30), 5);
    expect(negativeShare(empty)).toBeNull();
    expect(meanSentiment(empty)).toBeNull();
    expect(usualRatio(12, null)).toBeNull();
    expect(usualRatio(12, 0)).toBeNull();
    expect(usualRatio(12, 8)).toBe(1.5);
  });
});

describe('top topics', () => {
  const data = fromSnapshot(
    snapshot({
      series: {
        'all:': [bucket(min(10), 999)],
        'topic:app.slow': [bucket(min(-20), 500), bucket(min(9), 5, 1)],
        'topic:delivery.late': [bucket(min(-10), 40, 40), bucket(min(10), 4, 0)],
        'topic:food.taste': [bucket(min(9), 8, 1)],
        'topic:food.temperature': [bucket(min(9), 8, 6)],
        'topic:app.crash': [bucket(min(9), 0)],
        'channel:chat': [bucket(min(10), 100)]
      }
    })
  );
  const now = min(10) + 10_000;

  it('ranks by volume in the last 15 minutes, ignoring older minutes, other dimensions and empty topics', () => {
    const top = rankDimension(data, 'topic', now, 15, 8);
    // equal volume: the more negative topic ranks first
    expect(top.map((t) => t.id)).toEqual(['food.temperature', 'food.taste', 'app.slow', 'delivery.late']);
    expect(top[0]).toMatchObject({ n: 8, negShare: 0.75 });
    expect(top[3]).toMatchObject({ n: 4, negShare: 0 });
  });

  it('honours the limit', () => {
    expect(rankDimension(data, 'topic', now, 15, 2)).toHaveLength(2);
  });
});

describe('rising topics', () => {
  // A 60-minute window: minutes -49..10. Busy topics run steadily; app.slow is quiet, then surges.
  const steady = (perMinute: number) => Array.from({ length: 60 }, (_, i) => bucket(min(i - 49), perMinute, perMinute >> 1));
  const quietThenSurge = [...Array.from({ length: 55 }, (_, i) => bucket(min(i - 49), i % 5 === 0 ? 1 : 0)), ...[6, 7, 8, 9, 10].map((m) => bucket(min(m), 9, 8))];
  const data = fromSnapshot(
    snapshot({
      windowMinutes: 60,
      series: {
        'all:': steady(60),
        'topic:delivery.late': steady(20),
        'topic:food.taste': steady(12),
        'topic:refund.slow': steady(10),
        'topic:app.slow': quietThenSurge,
        // 0 → 3: not a crisis
        'topic:login.failed': [bucket(min(9), 1), bucket(min(10), 2)],
        // 12 where 5 are usual: ×2.4, but a count chance gives often enough (z ≈ 2.4)
        'topic:packaging': [...Array.from({ length: 55 }, (_, i) => bucket(min(i - 49), 1)), ...[3, 2, 3, 2, 2].map((n, i) => bucket(min(6 + i), n))]
      }
    })
  );
  const now = min(10) + 10_000;

  it('puts a topic surging in its last five minutes first, with its ratio, though others have more volume', () => {
    const byVolume = rankDimension(data, 'topic', now, 15, 3);
    expect(byVolume.map((r) => r.id)).toEqual(['delivery.late', 'food.taste', 'refund.slow']);
    const top = rankDimension(data, 'topic', now, 15, 3, { risingFirst: true });
    expect(top.map((r) => r.id)).toEqual(['app.slow', 'delivery.late', 'food.taste']);
    // 45 messages against 11 in the 55 minutes before: 1 expected in 5 minutes
    expect(top[0].rise).toBeCloseTo(45 / 1, 5);
    expect(top[1].rise).toBeNull();
  });

  it('never calls steady volume, a quiet topic going from 0 to 3, or a small rise chance explains rising', () => {
    for (const key of ['topic:delivery.late', 'topic:login.failed', 'topic:packaging']) expect(riseOf(data, key, now)).toBeNull();
  });

  it('reads a busy topic doubling as rising', () => {
    const x = [...Array.from({ length: 55 }, (_, i) => bucket(min(i - 49), 20)), ...[6, 7, 8, 9, 10].map((m) => bucket(min(m), 40))];
    const doubled = fromSnapshot(snapshot({ windowMinutes: 60, series: { 'all:': x, 'topic:x': x } }));
    expect(riseOf(doubled, 'topic:x', now)).toBeCloseTo(2, 5);
  });

  it('measures the usual rate only over the minutes the wall has data for, and needs 15 of them', () => {
    // Feedback began 20 minutes ago: 15 minutes at 2 a minute, then 6 a minute. Over the whole window the
    // first part would read 0.5 a minute and call ×12; over the minutes with data it is ×3.
    const x = [...Array.from({ length: 15 }, (_, i) => bucket(min(i - 9), 2)), ...[6, 7, 8, 9, 10].map((m) => bucket(min(m), 6))];
    const young = fromSnapshot(snapshot({ windowMinutes: 60, series: { 'all:': x, 'topic:x': x } }));
    expect(riseOf(young, 'topic:x', now)).toBeCloseTo(3, 5);
    // ten minutes of history are not enough to know what is usual
    const younger = fromSnapshot(snapshot({ windowMinutes: 60, series: { 'all:': x.slice(5), 'topic:x': x.slice(5) } }));
    expect(riseOf(younger, 'topic:x', now)).toBeNull();
  });
});

describe('denseMinutes', () => {
  it('zero-fills gaps and ends at the given minute', () => {
    const d = denseMinutes([bucket(min(1), 3), bucket(min(3), 5)], min(4), 5);
    expect(d.map((b) => b.minute)).toEqual([min(0), min(1), min(2), min(3), min(4)]);
    expect(d.map((b) => b.n)).toEqual([0, 3, 0, 5, 0]);
  });
});
