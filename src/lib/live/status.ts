import type { LiveData } from './store.ts';

export type WallState = 'live' | 'stale' | 'reconnecting';
/** Why the wall is not live, for the small print next to the badge. */
export type StaleReason = 'no-data' | 'no-update' | 'stalled' | 'behind' | null;

/** The server pushes at least every 5 s; three missed pushes is a stall, not jitter. */
export const UPDATE_STALE_MS = 15_000;
/** entries waiting and nothing stored for this long: the processors are down or stuck */
export const STALL_MS = 60_000;
/**
 * The oldest message not yet stored was sent this long ago: the processors are storing, but the numbers on
 * screen describe the past (a replayed backlog, a processor outage being caught up), so the wall is not live.
 */
export const BEHIND_MS = 60_000;

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

/** ms since the last message from the server, or null before the first: the badge's age while reconnecting. */
export const quietFor = (feed: { lastMessageAt: number | null; now: number }): number | null =>
  feed.lastMessageAt === null ? null : feed.now - feed.lastMessageAt;

export function wallStatus(s: StatusInput): WallStatus {
  if (!s.connected) return { state: 'reconnecting', reason: null, age: null };
  if (!s.data || s.lastMessageAt === null) return { state: 'stale', reason: 'no-data', age: null };
  const sinceMessage = s.now - s.lastMessageAt;
  if (sinceMessage > UPDATE_STALE_MS) return { state: 'stale', reason: 'no-update', age: sinceMessage };
  // A quiet night with nothing waiting is live; messages waiting while nothing is stored is not.
  const { backlog, lastStoredAt, oldestWaitingAt } = s.data.pipeline;
  if (backlog > 0) {
    const serverNow = s.now + s.clockOffset;
    const sinceStored = lastStoredAt === null ? null : serverNow - lastStoredAt;
    if (sinceStored === null || sinceStored > STALL_MS) return { state: 'stale', reason: 'stalled', age: sinceStored };
    const behind = oldestWaitingAt === null ? 0 : serverNow - oldestWaitingAt;
    if (behind > BEHIND_MS) return { state: 'stale', reason: 'behind', age: behind };
  }
  return { state: 'live', reason: null, age: null };
}
