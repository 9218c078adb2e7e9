/**
 * A processor instance: `tsx streaming/main.ts`. Run as many as needed; they share the consumer group.
 * Serves /metrics and /healthz on METRICS_PORT (default 9464; 0 disables).
 */
import { createServer } from 'node:http';
import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import { loadConfig } from './config.ts';
import { log } from './log.ts';
import { retryForever } from './operators/retry.ts';
import { startProcessor } from './processor.ts';
import { connectHttpDb } from './store/db.ts';
import { migrate } from './store/migrate.ts';

const config = loadConfig();
// Unique per process, so a restarted instance never mistakes another live one's entries for its own.
const consumer = config.VOC_CONSUMER ?? `${hostname()}-${process.pid}`;
const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
const reader = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
const db = await retryForever('connect to ClickHouse', () =>
  connectHttpDb({ url: config.CLICKHOUSE_URL, username: config.CLICKHOUSE_USER, password: config.CLICKHOUSE_PASSWORD, database: config.CLICKHOUSE_DATABASE })
);
await retryForever('migrate ClickHouse', () => migrate(db));

const processor = startProcessor({ config, consumer, redis, reader, db });
log.info({ consumer, stream: config.VOC_STREAM, group: config.VOC_GROUP }, 'processor started');

const metricsPort = Number(process.env.METRICS_PORT ?? 9464);
const metricsServer =
  metricsPort > 0
    ? createServer(async (req, res) => {
        if (req.url === '/metrics') {
          res.setHeader('content-type', processor.metrics.registry.contentType);
          res.end(await processor.metrics.registry.metrics());
        } else if (req.url === '/healthz') res.end('{"ok":true}');
        else {
          res.statusCode = 404;
          res.end();
        }
      }).listen(metricsPort)
    : null;
metricsServer?.on('error', (e) => log.warn({ err: e.message }, 'metrics endpoint unavailable'));

async function shutdown(signal: string) {
  log.info({ signal }, 'processor stopping: no more reads, flushing and acknowledging');
  await processor.stop(Number(process.env.SHUTDOWN_GRACE_MS ?? 30_000));
  metricsServer?.close();
  redis.disconnect();
  reader.disconnect();
  await db.close();
  log.info('processor stopped');
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
processor.done.catch((e) => {
  log.error({ err: (e as Error).message }, 'processor failed');
  process.exit(1);
});
