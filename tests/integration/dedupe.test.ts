import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../streaming/store/db.ts';
import { claimIds } from '../../streaming/store/dedupe.ts';
import { insertFeedback } from '../../streaming/store/insert.ts';
import { toRow } from '../../streaming/store/rows.ts';
import { labelled } from '../support/sim-history.ts';
import { ENGINES, uniqueName } from '../support/engines.ts';
import { redisClient } from '../support/pipeline.ts';

/**
 * Exactly-once storage decides per batch which entries to insert. A real Redis holds the claims and a
 * real ClickHouse (both engines) says what is stored.
 */
describe.each(ENGINES)('claiming ids before storing, on $name', (engine) => {
  let db: Db;
  let redis: Redis;
  let prefix: string;
  const ids = (items: { id: string; streamId: string }[]) => items.map((i) => `${i.id}@${i.streamId}`);
  beforeAll(async () => {
    db = await engine.open();
    redis = redisClient();
  });
  afterAll(async () => {
    redis?.disconnect();
    await db?.close();
  });
  const claim = (items: { id: string; streamId: string }[]) => claimIds(redis, db, prefix, 600, items);

  it('inserts an entry delivered twice in one batch once (taken back while still in flight)', async () => {
    prefix = `${uniqueName('dedupe')}:`;
    const r = await claim([{ id: 'a', streamId: '1-0' }, { id: 'b', streamId: '2-0' }, { id: 'a', streamId: '1-0' }]);
    expect(ids(r.toInsert)).toEqual(['a@1-0', 'b@2-0']);
    expect(ids(r.alreadyStored)).toEqual(['a@1-0']);
    expect(r.duplicates).toEqual([]);
  });

  it('keeps the first of two producers\' entries with one id, in one batch and across batches', async () => {
    prefix = `${uniqueName('dedupe')}:`;
    const first = await claim([{ id: 'c', streamId: '3-0' }, { id: 'c', streamId: '4-0' }]);
    expect(ids(first.toInsert)).toEqual(['c@3-0']);
    expect(ids(first.duplicates)).toEqual(['c@4-0']);
    const later = await claim([{ id: 'c', streamId: '5-0' }]);
    expect(ids(later.duplicates)).toEqual(['c@5-0']);
    expect(later.toInsert).toEqual([]);
  });

  it('asks ClickHouse about an entry redelivered after a crash: stored ones are not inserted again', async () => {
    prefix = `${uniqueName('dedupe')}:`;
    const [stored, lost] = [{ id: uniqueName('d'), streamId: '6-0' }, { id: uniqueName('e'), streamId: '7-0' }];
    expect(ids((await claim([stored, lost])).toInsert)).toEqual(ids([stored, lost]));
    // Only the first reached ClickHouse before the crash.
    const row = labelled({ id: stored.id, channel: 'chat', text: '送餐太慢了' }, Date.now());
    await insertFeedback(db, [{ key: stored.streamId, row: toRow(row, stored.streamId) }]);
    const again = await claim([stored, lost]);
    expect(ids(again.alreadyStored)).toEqual(ids([stored]));
    expect(ids(again.toInsert)).toEqual(ids([lost]));
  });
});
