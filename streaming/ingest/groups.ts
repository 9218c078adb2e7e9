import type { Redis } from 'ioredis';

/** One consumer group of a stream, as XINFO GROUPS reports it (Redis 7 fields). */
export interface GroupInfo {
  name: string;
  pending: number;
  /** entries never delivered to the group; null when Redis cannot tell */
  lag: number | null;
  lastDeliveredId: string;
  entriesRead: number | null;
}

/** The time an entry was added, from its id ("<ms>-<seq>"). */
export const entryTime = (id: string): number => Number(id.split('-')[0]);

/**
 * When the oldest entry the group has not finished with was added: the oldest pending (delivered, not yet
 * acknowledged) entry, or else the first one after the last delivered. null when nothing waits. How far
 * behind the pipeline is, in time rather than entries, is what a viewer can judge.
 */
export async function oldestWaitingAt(redis: Redis, stream: string, group: GroupInfo | undefined): Promise<number | null> {
  const pending = group && group.pending > 0 ? ((await redis.xpending(stream, group.name)) as [number, string | null, ...unknown[]]) : null;
  if (pending && pending[1]) return entryTime(pending[1]);
  const [first] = await redis.xrange(stream, group ? `(${group.lastDeliveredId}` : '-', '+', 'COUNT', 1);
  return first ? entryTime(first[0]) : null;
}

/** XINFO GROUPS as objects; no groups (or no stream yet) is an empty list. */
export async function readGroups(redis: Redis, stream: string): Promise<GroupInfo[]> {
  const raw = (await redis.xinfo('GROUPS', stream).catch(() => [])) as unknown[][];
  return raw.map((g) => {
    const f: Record<string, unknown> = {};
    for (let i = 0; i + 1 < g.length; i += 2) f[String(g[i])] = g[i + 1];
    const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    return {
      name: String(f.name),
      pending: Number(f.pending ?? 0),
      lag: num(f.lag),
      lastDeliveredId: String(f['last-delivered-id'] ?? '0-0'),
      entriesRead: num(f['entries-read'])
    };
  });
}
