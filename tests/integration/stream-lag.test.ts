import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { oldestWaitingAt, readGroups } from '../../streaming/ingest/groups.ts';
import { redisClient, testStreams } from '../support/pipeline.ts';

describe('how far behind the processors are', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = redisClient();
  });
  afterAll(() => redis?.disconnect());

  const group = async (stream: string) => (await readGroups(redis, stream)).find((g) => g.name === 'p');

  it('dates the oldest entry not yet stored: pending first, then the first undelivered, none when all are done', async () => {
    const { VOC_STREAM: stream } = testStreams();
    // Entries added at known times (their ids): 10:00, 10:01, 10:02.
    const t0 = Date.UTC(2026, 10, 24, 10, 0, 0);
    for (const i of [0, 1, 2]) await redis.xadd(stream, `${t0 + i * 60_000}-0`, 'data', `{"n":${i}}`);
    // no processor has run: everything waits, from the first entry
    expect(await oldestWaitingAt(redis, stream, undefined)).toBe(t0);
    await redis.xgroup('CREATE', stream, 'p', '0');
    expect(await oldestWaitingAt(redis, stream, await group(stream))).toBe(t0);
    // two delivered, the first acknowledged (stored): the second, still pending, is the oldest
    await redis.xreadgroup('GROUP', 'p', 'c1', 'COUNT', 2, 'STREAMS', stream, '>');
    await redis.xack(stream, 'p', `${t0}-0`);
    expect(await oldestWaitingAt(redis, stream, await group(stream))).toBe(t0 + 60_000);
    // both acknowledged: the undelivered third
    await redis.xack(stream, 'p', `${t0 + 60_000}-0`);
    expect(await oldestWaitingAt(redis, stream, await group(stream))).toBe(t0 + 120_000);
    await redis.xreadgroup('GROUP', 'p', 'c1', 'COUNT', 1, 'STREAMS', stream, '>');
    await redis.xack(stream, 'p', `${t0 + 120_000}-0`);
    expect(await oldestWaitingAt(redis, stream, await group(stream))).toBeNull();
  });
});
