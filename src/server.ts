/**
 * The web node: SvelteKit (adapter-node build) and Socket.IO on one HTTP server. Run after `vite build`:
 * `tsx src/server.ts`. Configuration: streaming/config.ts (environment variables).
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Server } from 'socket.io';
import { MAX_BYTES } from './lib/server/ingest.ts';
import { closeContext, getContext } from './lib/server/context.ts';
import { LiveHub, STORED_IDS_ROOM, type LiveIo } from './lib/server/live-hub.ts';
import { attachAlerts } from './lib/server/alerts-hub.ts';
import { TopicsHub } from './lib/server/topics-hub.ts';
import { leadership } from '../streaming/leader.ts';
import { getAccess, stopAccess } from './lib/server/access/service.ts';
import { guardSockets } from './lib/server/access/sockets.ts';
import { attachPlans } from './lib/server/plans/attach.ts';
import { attachInsights } from './lib/server/insights-hub.ts';
import { attachImpact } from './lib/server/impact/hub.ts';
import { streamBacklog, webMetrics } from './lib/server/web-metrics.ts';
import { log } from '../streaming/log.ts';
import { migrate } from '../streaming/store/migrate.ts';
import { retryForever } from '../streaming/operators/retry.ts';
import { storedChannel, type StoredNotice } from '../streaming/push/stored-notice.ts';

// adapter-node reads its body limit from the environment; ours (10 MB) is enforced by the route with a
// JSON error, so the adapter's own limit sits above it.
process.env.BODY_SIZE_LIMIT ??= String(2 * MAX_BYTES);

const ctx = await getContext();
const { config } = ctx;
await retryForever('migrate ClickHouse', () => migrate(ctx.db));
const access = await retryForever('load accounts and tokens', () => getAccess(ctx));
const envAdmin = await access.ensureEnvAdmin();
if (envAdmin !== 'none' && envAdmin !== 'unchanged') log.info({ user: config.VOC_ADMIN_USER, envAdmin }, 'admin account from VOC_ADMIN_USER');
const setupToken = await access.mintSetupToken();
if (setupToken) {
  // The only way in when no admin exists and none is configured; valid once, for 24 h.
  log.warn(
    { setup: `/setup?token=${setupToken}` },
    'no admin account yet: open this path on the web node once to create the first admin (or set VOC_ADMIN_USER and VOC_ADMIN_PASSWORD)'
  );
}

const { handler } = await import(new URL('../build/handler.js', import.meta.url).href);
const http = createServer((req, res) =>
  handler(req, res, () => {
    res.statusCode = 404;
    res.end('not found');
  })
);

const io: LiveIo = new Server(http, { serveClient: false, pingInterval: 10_000, pingTimeout: 10_000 });
const subscriber = ctx.redis.duplicate();
if (process.env.SOCKET_REDIS_ADAPTER === '1') {
  // Only needed for events that must reach clients of other web nodes; the live picture is per node.
  const pub = ctx.redis.duplicate();
  io.adapter(createAdapter(pub, pub.duplicate()));
}
// After the adapter: the guard wraps the adapter's broadcast so events reach only whom the policy allows.
guardSockets(io as never, access);
access.attachIo(io as never);

const hub = new LiveHub({ db: ctx.db, io, backlog: () => streamBacklog(ctx) });
await retryForever('load the live picture', () => hub.start());
const alerts = await retryForever('load the alerts', () => attachAlerts(io, ctx));
const topicsLead = leadership(ctx.redis, `${config.VOC_STREAM}:topics:leader`, randomUUID(), 3 * config.TOPICS_PERIOD_MS);
const topicsHub = new TopicsHub({ db: ctx.db, io, periodMs: config.TOPICS_PERIOD_MS, windowMinutes: config.TOPICS_WINDOW_MINUTES, leadership: topicsLead });
topicsHub.start();
const detachPlans = await attachPlans(io, ctx);
const detachInsights = attachInsights(io, ctx);

const detachImpact = await attachImpact(io, ctx);

io.on('connection', (socket) => {
  webMetrics().clients.inc();
  socket.emit('live:snapshot:v1', hub.snapshot());
  const topics = topicsHub.snapshot();
  if (topics) socket.emit('topics:update:v1', topics);
  socket.on('stored:subscribe:v1', () => socket.join(STORED_IDS_ROOM));
  socket.on('disconnect', () => webMetrics().clients.dec());
});

await subscriber.subscribe(storedChannel(config.VOC_STREAM));
subscriber.on('message', (_channel, message) => {
  try {
    hub.onStored(JSON.parse(message) as StoredNotice);
  } catch (e) {
    log.warn({ err: (e as Error).message }, 'ignored a malformed stored notice');
  }
});

http.listen(config.PORT, config.HOST, () => {
  const shown = config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST;
  log.info({ url: `http://${shown}:${config.PORT}` }, 'web node listening');
});

async function shutdown(signal: string) {
  log.info({ signal }, 'web node shutting down');
  hub.stop();
  alerts.stop();
  topicsHub.stop();
  await topicsLead.release().catch(() => {});
  await stopAccess();
  await detachPlans();
  await detachInsights();
  await detachImpact();
  io.close();
  subscriber.disconnect();
  http.close();
  await closeContext();
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
