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

  it('stays live through a quiet period when nothing is waiting', () => {
    const quiet = fromSnapshot(snapshot({ serverTime: serverNow, series: { 'all:': [bucket(min(5), 5)] }, pipeline: { lastStoredAt: min(5), backlog: 0, oldestWaitingAt: null } }));
    expect(wallStatus({ ...base, data: quiet }).state).toBe('live');
    const empty = fromSnapshot(snapshot({ serverTime: serverNow, pipeline: { lastStoredAt: null, backlog: 0, oldestWaitingAt: null } }));
    expect(wallStatus({ ...base, data: empty }).state).toBe('live');
  });

  it('is stale when messages wait but nothing was stored for over a minute', () => {
    const stalled = fromSnapshot(snapshot({ serverTime: serverNow, pipeline: { lastStoredAt: serverNow - 90_000, backlog: 1200, oldestWaitingAt: serverNow - 95_000 } }));
    expect(wallStatus({ ...base, data: stalled })).toMatchObject({ state: 'stale', reason: 'stalled', age: 90_000 });
    const busy = fromSnapshot(snapshot({ serverTime: serverNow, pipeline: { lastStoredAt: serverNow - 2_000, backlog: 1200, oldestWaitingAt: serverNow - 3_000 } }));
    expect(wallStatus({ ...base, data: busy }).state).toBe('live');
    const never = fromSnapshot(snapshot({ serverTime: serverNow, pipeline: { lastStoredAt: null, backlog: 5, oldestWaitingAt: serverNow - 1_000 } }));
    expect(wallStatus({ ...base, data: never })).toMatchObject({ state: 'stale', reason: 'stalled', age: null });
  });

  it('is stale while storing but far behind: the oldest message waiting was sent over a minute ago', () => {
    // A replayed backlog: stored every second, yet what is on screen is two hours old.
    const behind = fromSnapshot(snapshot({ serverTime: serverNow, pipeline: { lastStoredAt: serverNow - 1_000, backlog: 250_000, oldestWaitingAt: serverNow - 2 * 3_600_000 } }));
    expect(wallStatus({ ...base, data: behind })).toMatchObject({ state: 'stale', reason: 'behind', age: 2 * 3_600_000 });
    // a busy minute's queue of a few seconds is live
    const keepingUp = fromSnapshot(snapshot({ serverTime: serverNow, pipeline: { lastStoredAt: serverNow - 1_000, backlog: 4_000, oldestWaitingAt: serverNow - 5_000 } }));
    expect(wallStatus({ ...base, data: keepingUp }).state).toBe('live');
  });
});
