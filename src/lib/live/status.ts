import { MINUTE, type LiveData } from './store.ts';
import { ALL } from './metrics.ts';

export type WallState = 'live' | 'stale' | 'reconnecting';
/** Why the wall is not live, for the small print next to the badge. */
export type StaleReason = 'no-data' | 'no-update' | 'old-data' | null;

/** The server pushes at least every 5 s; three missed pushes is a stall, not jitter. */
export const UPDATE_STALE_MS = 15_000;
export const DATA_STALE_MS = 3 * MINUTE;

export interface StatusInput {
  connected: boolean;
  data: LiveData | null;
  /** client clock when the last snapshot/update arrived */
  lastMessageAt: number | null;
  /** client clock now */
  now: number;
  /** serverTime - client clock at the last message */
  clockOffset: number;
}

export interface WallStatus {
  state: WallState;
  reason: StaleReason;
  /** ms since the last message, or since the newest data, whichever made it stale */
  age: number | null;
}

/**
 * The latest time the wall may have data for, in server time. A bucket's minute is its START and its
 * messages may lie anywhere in that minute, so a bucket counts up to its end; ticker items are exact.
 */
export function newestDataAt(data: LiveData): number | null {
  let newest: number | null = null;
  const all = data.series[ALL] ?? [];
  for (let i = all.length - 1; i >= 0; i--) {
    // Zero-filled minutes say "nothing arrived", which is not fresh data.
    if (all[i].n > 0) {
      newest = all[i].minute + MINUTE;
      break;
    }
  }
  for (const item of data.ticker) if (newest === null || item.ts > newest) newest = item.ts;
  return newest;
}

export function wallStatus(s: StatusInput): WallStatus {
  if (!s.connected) return { state: 'reconnecting', reason: null, age: null };
  if (!s.data || s.lastMessageAt === null) return { state: 'stale', reason: 'no-data', age: null };
  const sinceMessage = s.now - s.lastMessageAt;
  if (sinceMessage > UPDATE_STALE_MS) return { state: 'stale', reason: 'no-update', age: sinceMessage };
  const newest = newestDataAt(s.data);
  const dataAge = newest === null ? null : s.now + s.clockOffset - newest;
  if (dataAge === null || dataAge > DATA_STALE_MS) return { state: 'stale', reason: 'old-data', age: dataAge };
  return { state: 'live', reason: null, age: null };
}
