import { Redis } from 'ioredis';
import { inject } from 'vitest';
import type { Config } from '../../streaming/config.ts';
import { startProcessor, type Processor } from '../../streaming/processor.ts';
import type { Db } from '../../streaming/store/db.ts';
import { uniqueName } from './engines.ts';

export type ProcessorConfig = Parameters<typeof startProcessor>[0]['config'];

/** Stream names unique to one test, so test files sharing the Redis server never see each other's data. */
export function testStreams(overrides: Partial<Config> = {}): ProcessorConfig {
  const prefix = uniqueName('t');
  return {
    VOC_STREAM: `${prefix}:feedback`,
    VOC_DLQ: `${prefix}:dlq`,
    VOC_GROUP: 'processors',
    BATCH_MAX: 500,
    BATCH_MS: 50,
    CLAIM_IDLE_MS: 60_000,
    DEDUPE_TTL_S: 3600,
    MAX_IN_FLIGHT: 20_000,
    ...overrides
  };
}

export function redisClient(url = inject('redisUrl')): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
}

/** A real processor, in this process, on real Redis and the given ClickHouse engine. */
export function runProcessor(config: ProcessorConfig, db: Db, consumer = uniqueName('c')): Processor & { close(): Promise<void> } {
  const redis = redisClient();
  const reader = redisClient();
  const p = startProcessor({ config, consumer, redis, reader, db });
  return {
    ...p,
    async close() {
      await p.stop(5000);
      redis.disconnect();
      reader.disconnect();
    }
  };
}

export async function xaddDocs(redis: Redis, stream: string, docs: unknown[]): Promise<string[]> {
  const pipe = redis.pipeline();
  for (const d of docs) pipe.xadd(stream, '*', 'data', typeof d === 'string' ? d : JSON.stringify(d));
  const replies = (await pipe.exec()) ?? [];
  return replies.map(([, id]) => String(id));
}

export async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
    last = await probe();
  }
  return last;
}

/** Entries delivered but not acknowledged; -1 while the processor has not created its group yet. */
export async function pendingCount(redis: Redis, stream: string, group = 'processors'): Promise<number> {
  try {
    const summary = (await redis.xpending(stream, group)) as [number, ...unknown[]];
    return Number(summary[0]);
  } catch (e) {
    if (String((e as Error).message).includes('NOGROUP')) return -1;
    throw e;
  }
}
