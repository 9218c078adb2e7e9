import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { oldestNeededId, trimConsumed } from '../../streaming/store/trim.ts';
import { redisClient, testStreams, xaddDocs } from '../support/pipeline.ts';

describe('stream trimming', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = redisClient();
  });
  afterAll(() => redis?.disconnect());

  it('keeps every entry a group has not acknowledged and drops the rest', async () => {
    const { VOC_STREAM: stream } = testStreams();
    await redis.xgroup('CREATE', stream, 'a', '0', 'MKSTREAM');
    const ids = await xaddDocs(redis, stream, Array.from({ length: 3000 }, (_, i) => ({ n: i })));
    expect(await oldestNeededId(redis, stream)).toBeNull(); // group "a" read nothing yet
    // Group "a" reads 2000 and acknowledges all but entry 1500.
    await redis.xreadgroup('GROUP', 'a', 'c1', 'COUNT', 2000, 'STREAMS', stream, '>');
    await redis.xack(stream, 'a', ...ids.slice(0, 2000).filter((_, i) => i !== 1500));
    expect(await oldestNeededId(redis, stream)).toBe(ids[1500]);
    // A second group that has read only 1000 holds more back.
    await redis.xgroup('CREATE', stream, 'b', '0');
    await redis.xreadgroup('GROUP', 'b', 'c1', 'COUNT', 1000, 'STREAMS', stream, '>');
    await redis.xack(stream, 'b', ...ids.slice(0, 1000));
    await trimConsumed(redis, stream);
    const left = await redis.xrange(stream, '-', '+');
    const leftIds = new Set(left.map(([id]) => id));
    for (const id of ids.slice(1000)) expect(leftIds.has(id)).toBe(true);
    expect(left.length).toBeLessThan(3000);
  });
});
