import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { wireSocket, type LiveSink, type SocketLike } from './socket.ts';
import { applyUpdate, fromSnapshot, type LiveData } from './store.ts';
import { windowTotal } from './metrics.ts';
import { bucket, min, snapshot } from './fixtures.ts';

type Handler = (...args: never[]) => void;

function fakeSocket() {
  const handlers = new Map<string, Handler>();
  const managerHandlers = new Map<string, Handler>();
  const socket = {
    connects: 0,
    disconnected: false,
    on: (event: string, fn: Handler) => handlers.set(event, fn),
    connect: () => socket.connects++,
    disconnect: () => (socket.disconnected = true),
    removeAllListeners: () => handlers.clear(),
    io: { on: (event: string, fn: Handler) => managerHandlers.set(event, fn), removeAllListeners: () => managerHandlers.clear() },
    emit: (event: string, ...args: unknown[]) => (handlers.get(event) as ((...a: unknown[]) => void) | undefined)?.(...args),
    emitManager: (event: string, ...args: unknown[]) => (managerHandlers.get(event) as ((...a: unknown[]) => void) | undefined)?.(...args)
  };
  return socket;
}

/** The same reduction the LiveWall class performs, kept plain for the test. */
function recorder() {
  const log: string[] = [];
  let data: LiveData | null = null;
  const sink: LiveSink = {
    connection: (up) => log.push(up ? 'up' : 'down'),
    attempt: (n) => log.push(`attempt ${n}`),
    snapshot: (s) => (data = fromSnapshot(s)),
    update: (u) => (data = data && applyUpdate(data, u))
  };
  return { log, sink, data: () => data };
}

describe('wireSocket', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reports connection state and the reconnect counter', () => {
    const s = fakeSocket();
    const r = recorder();
    wireSocket(s as unknown as SocketLike, r.sink);
    s.emit('connect');
    s.emit('disconnect', 'transport close');
    s.emitManager('reconnect_attempt', 1);
    s.emitManager('reconnect_attempt', 2);
    s.emit('connect');
    expect(r.log).toEqual(['attempt 0', 'up', 'down', 'attempt 1', 'attempt 2', 'attempt 0', 'up']);
    expect(s.connects).toBe(0);
  });

  it('reconnects by itself after the server closed the socket', () => {
    const s = fakeSocket();
    wireSocket(s as unknown as SocketLike, recorder().sink, 2000);
    s.emit('disconnect', 'io server disconnect');
    vi.advanceTimersByTime(1999);
    expect(s.connects).toBe(0);
    vi.advanceTimersByTime(1);
    expect(s.connects).toBe(1);
  });

  it('a reconnect snapshot replaces what the updates built, so totals never double', () => {
    const s = fakeSocket();
    const r = recorder();
    wireSocket(s as unknown as SocketLike, r.sink);
    s.emit('live:snapshot:v1', snapshot({ series: { 'all:': [bucket(min(9), 10), bucket(min(10), 1)] } }));
    s.emit('live:update:v1', { serverTime: min(10) + 40_000, upserts: [{ key: 'all:', bucket: bucket(min(10), 5) }], ticker: [], usualPerMinute: null });
    expect(windowTotal(r.data()!, min(10) + 40_000)).toBe(15);
    s.emit('disconnect', 'transport close');
    s.emit('connect');
    s.emit('live:snapshot:v1', snapshot({ serverTime: min(10) + 50_000, series: { 'all:': [bucket(min(9), 10), bucket(min(10), 6)] } }));
    expect(windowTotal(r.data()!, min(10) + 50_000)).toBe(16);
  });

  it('detaches, cancels a pending retry and closes on stop', () => {
    const s = fakeSocket();
    const r = recorder();
    const stop = wireSocket(s as unknown as SocketLike, r.sink, 2000);
    s.emit('disconnect', 'io server disconnect');
    stop();
    vi.advanceTimersByTime(5000);
    expect(s.connects).toBe(0);
    expect(s.disconnected).toBe(true);
    s.emit('connect');
    expect(r.log).toEqual(['down']);
  });
});
