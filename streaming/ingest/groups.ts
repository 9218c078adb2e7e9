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
