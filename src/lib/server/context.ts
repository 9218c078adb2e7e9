import { Redis } from 'ioredis';
import { loadConfig, type Config } from '../../../streaming/config.ts';
import { connectHttpDb, type Db } from '../../../streaming/store/db.ts';

/**
 * The web node's connections, created once. They live on globalThis because the custom server
 * (src/server.ts) and the SvelteKit bundle it loads are separate module graphs that must share them.
 */
export interface ServerContext {
  config: Config;
  redis: Redis;
  db: Db;
}

const KEY = Symbol.for('voc-pulse.server-context');
type Holder = { [KEY]?: Promise<ServerContext> };

export function getContext(): Promise<ServerContext> {
  const holder = globalThis as Holder;
  holder[KEY] ??= (async () => {
    const config = loadConfig();
    const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3, enableAutoPipelining: true });
    const db = await connectHttpDb({
      url: config.CLICKHOUSE_URL,
      username: config.CLICKHOUSE_USER,
      password: config.CLICKHOUSE_PASSWORD,
      database: config.CLICKHOUSE_DATABASE
    });
    return { config, redis, db };
  })();
  return holder[KEY]!;
}

export async function closeContext(): Promise<void> {
  const holder = globalThis as Holder;
  const ctx = await holder[KEY];
  delete holder[KEY];
  if (!ctx) return;
  ctx.redis.disconnect();
  await ctx.db.close();
}
