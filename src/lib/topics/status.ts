import type { WallStatus } from '../live/status.ts';

/** No push for this many server periods (and at least 15 s) means the picture is old. */
export const MISSED_PERIODS = 3;

export function topicsStatus(s: { connected: boolean; lastMessageAt: number | null; periodMs: number | null; now: number }): WallStatus {
  if (!s.connected) return { state: 'reconnecting', reason: null, age: null };
  if (s.lastMessageAt === null || s.periodMs === null) return { state: 'stale', reason: 'no-data', age: null };
  const age = s.now - s.lastMessageAt;
  if (age > Math.max(15_000, MISSED_PERIODS * s.periodMs)) return { state: 'stale', reason: 'no-update', age };
  return { state: 'live', reason: null, age: null };
}
