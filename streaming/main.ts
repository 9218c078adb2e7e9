/**
 * A processor instance: `tsx streaming/main.ts`. Run as many as needed; they share the consumer group.
 * Serves /metrics and /healthz on METRICS_PORT (default 9464; 0 disables).
 */
import { createServer } from 'node:http';
import { hostname } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { Redis } from 'ioredis';
import { loadConfig } from './config.ts';
import { readGroups, oldestWaitingAt } from './ingest/groups.ts';
import { log } from './log.ts';
import { retryForever } from './operators/retry.ts';
import { startProcessor } from './processor.ts';
import { connectHttpDb } from './store/db.ts';
import { migrate } from './store/migrate.ts';

// V8 lets a heap grow to up to 2–4× what survived its last full collection before collecting again.
// The processor's messages live long enough (read → enriched → stored, a few hundred ms) to be promoted
// to the old generation and die there, so under load the main thread's heap sat at 100–160 MB around
// ~40 MB of live data. Growing by 20% at most keeps it at 60–80 MB; the extra full collections run
// mostly on V8's helper threads (pipeline bench: peak RSS 435 → 345 MB, throughput not lower). The
// flag is read at every collection, so setting it here works however the processor is started, and
// it applies to the enrichment thread too.
setFlagsFromString('--heap-growing-percent=20');
const config = loadConfig();
// Unique per process, so a restarted instance never mistakes another live one's entries for its own.
const consumer = config.VOC_CONSUMER ?? `${hostname()}-${process.pid}`;
const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
const reader = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
// ioredis reconnects for ever, and without a listener prints every failed attempt as an "Unhandled
// error event"; one warning every 30 s says the same.
let redisWarnedAt = 0;
for (const r of [redis, reader]) {
  r.on('error', (e: Error) => {
    if (Date.now() - redisWarnedAt < 30_000) return;
    redisWarnedAt = Date.now();
    log.warn({ err: e.message }, 'Redis unreachable; retrying');
  });
}
const db = await retryForever('connect to ClickHouse', () =>
  connectHttpDb({ url: config.CLICKHOUSE_URL, username: config.CLICKHOUSE_USER, password: config.CLICKHOUSE_PASSWORD, database: config.CLICKHOUSE_DATABASE })
);
await retryForever('migrate ClickHouse', () => migrate(db));

const processor = startProcessor({ config, consumer, redis, reader, db });
log.info({ consumer, stream: config.VOC_STREAM, group: config.VOC_GROUP }, 'processor started');

// While there is a backlog (a first run working through history, or a catch-up after an outage) a person
// following the log sees how far it has got; a processor that keeps up says nothing.
const PROGRESS_MS = config.PROGRESS_LOG_MS;
let storedBefore = 0;
const progress = setInterval(async () => {
  try {
    const stored = (await processor.metrics.stored.get()).values[0]?.value ?? 0;
    const group = (await readGroups(redis, config.VOC_STREAM)).find((g) => g.name === config.VOC_GROUP);
    const waiting = (group?.lag ?? 0) + (group?.pending ?? 0);
    if (waiting > 1000) {
      const oldest = await oldestWaitingAt(redis, config.VOC_STREAM, group);
      log.info({ stored_since_last: stored - storedBefore, per_sec: Math.round(((stored - storedBefore) * 1000) / PROGRESS_MS), waiting, oldest_waiting_min: oldest ? Math.round((Date.now() - oldest) / 60_000) : null }, 'catching up');
    }
    storedBefore = stored;
  } catch (e) {
    log.warn({ err: (e as Error).message }, 'progress report failed');
  }
}, PROGRESS_MS);
progress.unref();

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

/** How long past the grace period a stop may hang (a read blocked on an unreachable Redis) before we exit anyway. */
const SHUTDOWN_HANG_MS = 5_000;

async function shutdown(signal: string) {
  log.info({ signal }, 'processor stopping: no more reads, flushing and acknowledging');
  clearInterval(progress);
  const graceMs = Number(process.env.SHUTDOWN_GRACE_MS ?? 30_000);
  // With Redis gone the last read never returns, so the drain never ends. Exiting then loses nothing:
  // what was read and not acknowledged stays pending in the stream, and another processor claims it.
  setTimeout(() => {
    log.warn({ graceMs }, 'processor stop did not finish in time (Redis or ClickHouse unreachable?); exiting with entries left pending for another processor');
    process.exit(1);
  }, graceMs + SHUTDOWN_HANG_MS).unref();
  await processor.stop(graceMs);
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
