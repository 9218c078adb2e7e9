import type { Redis } from 'ioredis';
import type { Db } from './db.ts';
import { list, sql } from './sql.ts';

/**
 * Exactly-once storage by id, across processor instances and crashes.
 *
 * Before inserting, each message claims its id in Redis with its own stream entry id (SET NX). Then:
 * - claim won: the id is new, insert it;
 * - claim held by ANOTHER stream entry: a producer sent the same id twice, drop this copy;
 * - claim held by THIS stream entry: this entry was delivered before (crash, or taken over from a dead
 *   consumer) and may or may not have reached ClickHouse, so ask ClickHouse.
 * A claim is never released, so a claimed id is always eventually stored by whoever holds its entry.
 */
export interface Claimable {
  id: string;
  streamId: string;
}

export interface DedupeResult<T> {
  toInsert: T[];
  /** same id as a different, earlier entry */
  duplicates: T[];
  /** this very entry was stored before a crash */
  alreadyStored: T[];
}

export async function claimIds<T extends Claimable>(redis: Redis, db: Db, keyPrefix: string, ttlSeconds: number, items: T[]): Promise<DedupeResult<T>> {
  const pipe = redis.pipeline();
  for (const it of items) pipe.call('SET', `${keyPrefix}${it.id}`, it.streamId, 'NX', 'GET', 'EX', ttlSeconds);
  const replies = (await pipe.exec()) ?? [];
  const result: DedupeResult<T> = { toInsert: [], duplicates: [], alreadyStored: [] };
  const uncertain: T[] = [];
  // The same id twice in one batch: only the first copy can be inserted. That holds for two producers'
  // entries and for one entry delivered twice (taken back by XAUTOCLAIM while still in flight), whose
  // second copy finds its own claim and would otherwise ask ClickHouse, which has not got the first yet.
  const seenInBatch = new Map<string, string>();
  items.forEach((it, i) => {
    const [err, previous] = replies[i];
    if (err) throw err;
    const earlier = seenInBatch.get(it.id);
    if (earlier !== undefined) (earlier === it.streamId ? result.alreadyStored : result.duplicates).push(it);
    else if (previous === null) result.toInsert.push(it);
    else if (previous === it.streamId) uncertain.push(it);
    else result.duplicates.push(it);
    seenInBatch.set(it.id, it.streamId);
  });
  if (uncertain.length > 0) {
    const stored = await storedIds(db, uncertain.map((u) => u.id));
    for (const u of uncertain) (stored.has(u.id) ? result.alreadyStored : result.toInsert).push(u);
  }
  return result;
}

export async function storedIds(db: Db, ids: string[]): Promise<Set<string>> {
  const rows = await db.query<{ id: string }>(sql`SELECT id FROM feedback_ids WHERE id IN ${list(ids)}`);
  return new Set(rows.map((r) => r.id));
}
