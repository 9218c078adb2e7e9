import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../schemas/events.ts';
import type { InsightsUpdate } from '../../../schemas/insights.ts';
import { log } from '../../../streaming/log.ts';
import { clusterKeys, startClusterJob } from './cluster-job.ts';
import type { ServerContext } from './context.ts';
import { startInsightsWorker, type InsightsWorker } from './insights-worker.ts';
import { adoptInsights, latestInsights, refreshInsights } from './plans/live.ts';
import { webMetrics } from './web-metrics.ts';

type Io = Server<ClientToServerEvents, ServerToClientEvents>;

export const insightsKeys = (stream: string) => clusterKeys(stream, 'insights');

/**
 * Insights are computed by one web node at a time and shared through Redis (cluster-job.ts): reading
 * up to 40,000 rows and the statistics every INSIGHTS_MS is ClickHouse and CPU work worth doing once per
 * cluster. The leader computes on a worker thread; the others adopt its list within a few seconds.
 * Every node pushes to its own clients (`io.local`), as with plans.
 */
export function attachInsights(io: Io, ctx: ServerContext): () => Promise<void> {
  const period = ctx.config.INSIGHTS_MS;
  let worker: InsightsWorker | null = null;

  io.on('connection', (socket) => {
    const latest = latestInsights();
    if (latest) socket.emit('insights:update:v1', latest);
  });

  const job = startClusterJob<InsightsUpdate>({
    redis: ctx.redis,
    keys: insightsKeys(ctx.config.VOC_STREAM),
    name: 'insights',
    periodMs: period,
    due: () => Date.now() - (latestInsights()?.computedAt ?? 0) >= period,
    compute: async () => {
      if (!worker || worker.dead) worker = startInsightsWorker();
      const w = worker;
      const update = await refreshInsights(() => w.compute(Date.now()));
      log.debug({ insights: update.insights.length, sampled: update.sampled }, 'insights computed');
      return update;
    },
    atOf: (u) => u.computedAt ?? 0,
    localAt: () => latestInsights()?.computedAt ?? 0,
    adopt: (u) => void adoptInsights(u),
    publish: (u) => io.local.emit('insights:update:v1', u),
    onComputed: () => webMetrics().insightsComputed.inc(),
    // A former leader lets its thread go: only the leader needs one.
    onFollowing: () => {
      if (worker) void worker.close();
      worker = null;
    }
  });

  return async () => {
    await job.stop();
    await worker?.close();
  };
}
