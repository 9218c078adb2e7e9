import { describe, expect, it } from 'vitest';
import { fromSnapshot } from './store.ts';
import { wallStatus, type StatusInput } from './status.ts';
import { bucket, item, min, snapshot } from './fixtures.ts';

// The server clock runs 7 minutes ahead of this wall's clock: staleness must not care.
const OFFSET = 7 * 60_000;
const serverNow = min(10) + 20_000;
const data = fromSnapshot(snapshot({ serverTime: serverNow, series: { 'all:': [bucket(min(9), 5), bucket(min(10), 1)] } }));
const base: StatusInput = { connected: true, data, lastMessageAt: serverNow - OFFSET, now: serverNow - OFFSET, clockOffset: OFFSET };

describe('wall status', () => {
  it('is live while connected, recently updated and the data is fresh', () => {
    expect(wallStatus(base).state).toBe('live');
    expect(wallStatus({ ...base, now: base.now + 15_000 }).state).toBe('live');
  });

  it('is reconnecting whenever the socket is down, whatever the data', () => {
    expect(wallStatus({ ...base, connected: false })).toMatchObject({ state: 'reconnecting' });
  });

  it('is stale after more than 15 s without an update', () => {
    expect(wallStatus({ ...base, now: base.now + 15_001 })).toMatchObject({ state: 'stale', reason: 'no-update', age: 15_001 });
  });

  it('is stale when connected but no snapshot arrived yet', () => {
    expect(wallStatus({ ...base, data: null, lastMessageAt: null })).toMatchObject({ state: 'stale', reason: 'no-data' });
  });

  it('is stale when updates flow but the newest data is over 3 minutes old', () => {
    const quiet = fromSnapshot(snapshot({ serverTime: serverNow, series: { 'all:': [bucket(min(5), 5), bucket(min(9), 0), bucket(min(10), 0)] } }));
    // min(5) bucket ends at min(6): 4m20s before now
    expect(wallStatus({ ...base, data: quiet })).toMatchObject({ state: 'stale', reason: 'old-data', age: 4 * 60_000 + 20_000 });
    // a ticker item 2 minutes old proves fresher data
    const withTicker = { ...quiet, ticker: [item('x', serverNow - 120_000)] };
    expect(wallStatus({ ...base, data: withTicker }).state).toBe('live');
  });

  it('treats an empty picture as stale data', () => {
    const empty = fromSnapshot(snapshot({ serverTime: serverNow }));
    expect(wallStatus({ ...base, data: empty })).toMatchObject({ state: 'stale', reason: 'old-data' });
  });
});
