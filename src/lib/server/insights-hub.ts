import { randomUUID } from 'node:crypto';
import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../schemas/events.ts';
import type { InsightsUpdate } from '../../../schemas/insights.ts';
import { leadership } from '../../../streaming/leader.ts';
import { log } from '../../../streaming/log.ts';
import type { ServerContext } from './context.ts';
import { startInsightsWorker, type InsightsWorker } from './insights-worker.ts';
import { adoptInsights, latestInsights, refreshInsights } from './plans/live.ts';
import { webMetrics } from './web-metrics.ts';

type Io = Server<ClientToServerEvents, ServerToClientEvents>;

/** How often a node checks the lock and, following, the shared result. */
const FOLLOW_MS = 5_000;

export const insightsKeys = (stream: string) => ({ leader: `${stream}:insights:leader`, latest: `${stream}:insights:latest` });

/**
 * Insights are computed by one web node at a time and shared through Redis: reading up to 40,000 rows
 * and the statistics every INSIGHTS_MS is ClickHouse and CPU work worth doing once per cluster, not once
 * per node. The node holding the lock computes (on a worker thread) and stores the result; the others
 * adopt it within FOLLOW_MS. If the computing node dies, another takes the lock when it expires.
 * Every node pushes to its own clients (`io.local`), as with plans.
 */
export function attachInsights(io: Io, ctx: ServerContext): () => Promise<void> {
  const period = ctx.config.INSIGHTS_MS;
  const tickMs = Math.min(FOLLOW_MS, period);
  const keys = insightsKeys(ctx.config.VOC_STREAM);
  // Renewed every tick; long enough that a slow computation keeps it.
  const lead = leadership(ctx.redis, keys.leader, randomUUID(), Math.max(30_000, 3 * tickMs));
  let worker: InsightsWorker | null = null;
  let stopped = false;
  let busy = false;

  io.on('connection', (socket) => {
    const latest = latestInsights();
    if (latest) socket.emit('insights:update:v1', latest);
  });

  const publish = (u: InsightsUpdate) => {
    if (!stopped) io.local.emit('insights:update:v1', u);
  };

  const compute = async () => {
    const t0 = performance.now();
    if (!worker || worker.dead) worker = startInsightsWorker();
    const w = worker;
    const update = await refreshInsights(() => w.compute(Date.now()));
    webMetrics().insightsComputed.inc();
    // The time beside the list, so followers read the (large) list only when it is new to them.
    await ctx.redis.multi().hset(keys.latest, 'at', String(update.computedAt ?? 0), 'update', JSON.stringify(update)).pexpire(keys.latest, 3 * period + 60_000).exec();
    publish(update);
    log.debug({ ms: Math.round(performance.now() - t0), insights: update.insights.length, sampled: update.sampled }, 'insights computed');
  };

  const follow = async () => {
    const at = Number(await ctx.redis.hget(keys.latest, 'at'));
    if (!(at > (latestInsights()?.computedAt ?? 0))) return;
    const raw = await ctx.redis.hget(keys.latest, 'update');
    if (raw) publish(adoptInsights(JSON.parse(raw) as InsightsUpdate));
  };

  const tick = async () => {
    if (busy || stopped) return;
    busy = true;
    try {
      if (await lead.hold()) {
        if (Date.now() - (latestInsights()?.computedAt ?? 0) >= period) await compute();
      } else {
        // A former leader lets its thread go: only the leader needs one.
        if (worker) void worker.close();
        worker = null;
        await follow();
      }
    } catch (e) {
      log.warn({ err: (e as Error).message }, 'insights computation failed; the previous list stays');
    } finally {
      busy = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), tickMs);
  return async () => {
    stopped = true;
    clearInterval(timer);
    await lead.release().catch(() => {});
    await worker?.close();
  };
}
