import { describe, expect, it } from 'vitest';
import { fromSnapshot } from './store.ts';
import { denseMinutes, meanSentiment, negativeShare, rankDimension, rateNow, recent, usualRatio } from './metrics.ts';
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

  it('rate now is the last complete minute, not the filling one', () => {
    expect(rateNow(data, now)).toBe(30);
    expect(rateNow(data, min(12))).toBe(0);
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

describe('denseMinutes', () => {
  it('zero-fills gaps and ends at the given minute', () => {
    const d = denseMinutes([bucket(min(1), 3), bucket(min(3), 5)], min(4), 5);
    expect(d.map((b) => b.minute)).toEqual([min(0), min(1), min(2), min(3), min(4)]);
    expect(d.map((b) => b.n)).toEqual([0, 3, 0, 5, 0]);
  });
});
