import type { Redis } from 'ioredis';
import { readGroups } from '../ingest/groups.ts';

/**
 * The oldest stream entry some consumer group may still need: the oldest pending entry of any group, or
 * the entry after a group's last delivered one. Everything older has been acknowledged by every group.
 * Returns null when a group has never read anything (then nothing may go).
 */
export async function oldestNeededId(redis: Redis, stream: string): Promise<string | null> {
  const groups = await readGroups(redis, stream);
  if (groups.length === 0) return null;
  let oldest: string | null = null;
  for (const g of groups) {
    if (g.lastDeliveredId === '0-0') return null;
    let needed = nextId(g.lastDeliveredId);
    if (g.pending > 0) {
      const [, minPending] = (await redis.xpending(stream, g.name)) as [number, string | null, ...unknown[]];
      if (minPending && compareIds(minPending, needed) < 0) needed = minPending;
    }
    if (oldest === null || compareIds(needed, oldest) < 0) oldest = needed;
  }
  return oldest;
}

/** Drops entries every group is done with, so the stream does not grow without end. */
export async function trimConsumed(redis: Redis, stream: string): Promise<void> {
  const minId = await oldestNeededId(redis, stream);
  // "~" lets Redis drop whole internal nodes only: cheap, and it never removes an id >= minId.
  if (minId) await redis.xtrim(stream, 'MINID', '~', minId);
}

export function compareIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(BigInt);
  const [bm, bs] = b.split('-').map(BigInt);
  return am !== bm ? (am < bm ? -1 : 1) : as === bs ? 0 : as < bs ? -1 : 1;
}

function nextId(id: string): string {
  const [ms, seq] = id.split('-');
  return `${ms}-${BigInt(seq) + 1n}`;
}
