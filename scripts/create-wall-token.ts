/**
 * Creates a wall token through the same code path as the admin page and prints the wall URL (once; only a
 * hash is stored). For kiosk set-up and the demo: `tsx scripts/create-wall-token.ts "Lobby screen" http://host:3000`.
 * Uses the same environment variables as the web node (REDIS_URL, CLICKHOUSE_*).
 */
import { Redis } from 'ioredis';
import { loadConfig } from '../streaming/config.ts';
import { connectHttpDb } from '../streaming/store/db.ts';
import { migrate } from '../streaming/store/migrate.ts';
import { Access } from '../src/lib/server/access/service.ts';

const [name = 'Wall screen', base = `http://127.0.0.1:${process.env.PORT ?? 3000}`] = process.argv.slice(2);
const config = loadConfig();
const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3 });
const db = await connectHttpDb({ url: config.CLICKHOUSE_URL, username: config.CLICKHOUSE_USER, password: config.CLICKHOUSE_PASSWORD, database: config.CLICKHOUSE_DATABASE });
try {
  await migrate(db);
  const access = new Access(db, redis, config);
  await access.reload();
  const { token } = await access.createWallToken('cli', name.slice(0, 100));
  console.log(`${base.replace(/\/$/, '')}/wall?token=${encodeURIComponent(token)}`);
} finally {
  redis.disconnect();
  await db.close();
}
