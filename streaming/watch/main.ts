/**
 * The alert watcher: `tsx streaming/watch/main.ts` (npm run start:watch). Run two for a hot standby:
 * a Redis lock with an expiry makes one the leader; the other takes over when the leader's lock lapses,
 * resuming from the state the leader left in Redis. Configuration: streaming/config.ts and
 * streaming/watch/config.ts (README, "Alerts").
 */
import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import { loadConfig } from '../config.ts';
import { readGroups } from '../ingest/groups.ts';
import { log } from '../log.ts';
import { retryForever } from '../operators/retry.ts';
import { createNotifier } from '../push/webhooks/index.ts';
import { connectHttpDb } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { loadWatchConfig } from './config.ts';
import { leadership } from '../leader.ts';
import { AlertLoop, alertKeys, type AlertChange } from './loop.ts';
import { nextLook } from './plan.ts';

const config = loadConfig();
const watch = loadWatchConfig();
const token = `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
const keys = alertKeys(config.VOC_STREAM);
const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3 });
const subscriber = redis.duplicate();
const db = await retryForever('connect to ClickHouse', () =>
  connectHttpDb({ url: config.CLICKHOUSE_URL, username: config.CLICKHOUSE_USER, password: config.CLICKHOUSE_PASSWORD, database: config.CLICKHOUSE_DATABASE })
);
await retryForever('migrate ClickHouse', () => migrate(db));

const notifier = watch.rules.length ? createNotifier({ rules: watch.rules, baseUrl: watch.VOC_PUBLIC_URL }) : null;
const lock = leadership(redis, keys.leader, token, watch.WATCH_LOCK_MS);

async function caughtUp(): Promise<boolean> {
  const group = (await readGroups(redis, config.VOC_STREAM)).find((g) => g.name === config.VOC_GROUP);
  const backlog = group ? (group.lag ?? 0) + group.pending : await redis.xlen(config.VOC_STREAM);
  return backlog <= watch.WATCH_BACKLOG_OK;
}

let loop: AlertLoop | null = null;
let stopping = false;

await subscriber.subscribe(keys.changes);
subscriber.on('message', (_channel, message) => {
  try {
    const change = JSON.parse(message) as AlertChange;
    if (change.source === 'web' && loop) void loop.external(change.events).catch((e) => log.warn({ err: (e as Error).message }, 'could not fold an action into the alert state'));
  } catch (e) {
    log.warn({ err: (e as Error).message }, 'ignored a malformed alert change');
  }
});

// Renewed on its own clock, not only between rounds: a long warm-up must not let the lock lapse and a
// standby take over while this instance is still writing.
let leader = false;
const renewal = setInterval(() => {
  if (leader) void lock.hold().then((held) => (leader = held), () => (leader = false));
}, Math.max(500, Math.floor(watch.WATCH_LOCK_MS / 3)));

async function round(): Promise<void> {
  leader = await lock.hold();
  if (!leader) {
    if (loop) log.warn({ token }, 'alert watcher lost the lead; standing by');
    loop = null;
    return;
  }
  if (!loop) {
    const next = new AlertLoop({
      db, redis, stream: config.VOC_STREAM, notifier, caughtUp, settleMs: watch.WATCH_SETTLE_MS, warmDays: watch.WATCH_WARM_DAYS,
      catchUpMin: watch.WATCH_CATCHUP_MIN, slideMs: watch.WATCH_SLIDE_MS, windowSettleMs: watch.WATCH_WINDOW_SETTLE_MS, measures: watch.WATCH_MEASURES
    });
    // The previous leader's last state, not ours from before: it may have moved on since.
    await next.load();
    loop = next;
    log.info({ token, lastMinute: next.state.lastMinute && new Date(next.state.lastMinute).toISOString(), active: next.state.engine.active.length }, 'alert watcher leading');
  }
  const scored = await loop.tick();
  if (scored) log.debug({ scored, active: loop.state.engine.active.length }, 'alert minutes scored');
}

async function run(): Promise<void> {
  log.info({ token, webhooks: watch.rules.length }, 'alert watcher started');
  while (!stopping) {
    await round().catch((e) => {
      log.warn({ err: (e as Error).message }, 'alert round failed; retrying');
      loop = null;
    });
    // Wake when the next window or minute is due (its end + the settle delay), or after WATCH_TICK_MS at
    // the latest: a window read 5 s late would page 5 s late.
    const wake = Math.min(Date.now() + watch.WATCH_TICK_MS, nextLook(Date.now(), watch.WATCH_SETTLE_MS, watch.WATCH_SLIDE_MS, watch.WATCH_WINDOW_SETTLE_MS) + 50);
    while (Date.now() < wake && !stopping) await new Promise((r) => setTimeout(r, Math.min(200, Math.max(1, wake - Date.now()))));
  }
}

const running = run();

async function shutdown(signal: string): Promise<void> {
  log.info({ signal }, 'alert watcher stopping');
  stopping = true;
  await running;
  clearInterval(renewal);
  if (loop) await loop.flush().catch((e) => log.warn({ err: (e as Error).message }, 'could not save the alert state'));
  await lock.release().catch(() => undefined);
  subscriber.disconnect();
  redis.disconnect();
  await db.close();
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
