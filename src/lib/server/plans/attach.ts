import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../../schemas/events.ts';
import type { PlansUpdate } from '../../../../schemas/plans.ts';
import { log } from '../../../../streaming/log.ts';
import type { ServerContext } from '../context.ts';
import { startInsightsWorker } from '../insights-worker.ts';
import { latestInsights, refreshInsights } from './live.ts';
import { plansChannel } from './service.ts';

type Io = Server<ClientToServerEvents, ServerToClientEvents>;

/**
 * The web node's share of insights and plans: recompute the insights every INSIGHTS_MS (worker thread)
 * and push them, and relay plan changes published on Redis (by whichever node accepted them) to this
 * node's clients. Emits are node-local (`io.local`): every node hears the Redis channel itself, so with
 * the Socket.IO Redis adapter a broadcast would reach each client twice.
 */
export async function attachPlans(io: Io, ctx: ServerContext): Promise<() => Promise<void>> {
  const subscriber = ctx.redis.duplicate();
  await subscriber.subscribe(plansChannel(ctx.config.VOC_STREAM));
  subscriber.on('message', (_channel, message) => {
    try {
      io.local.emit('plans:update:v1', JSON.parse(message) as PlansUpdate);
    } catch (e) {
      log.warn({ err: (e as Error).message }, 'ignored a malformed plan update');
    }
  });

  io.on('connection', (socket) => {
    const latest = latestInsights();
    if (latest) socket.emit('insights:update:v1', latest);
  });

  let worker = startInsightsWorker();
  let stopped = false;
  const tick = async () => {
    const t0 = performance.now();
    if (worker.dead) worker = startInsightsWorker();
    try {
      const update = await refreshInsights(() => worker.compute(Date.now()));
      if (!stopped) io.local.emit('insights:update:v1', update);
      log.debug({ ms: Math.round(performance.now() - t0), insights: update.insights.length, sampled: update.sampled }, 'insights computed');
    } catch (e) {
      log.warn({ err: (e as Error).message }, 'insights computation failed; the previous list stays');
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), ctx.config.INSIGHTS_MS);
  return async () => {
    stopped = true;
    clearInterval(timer);
    subscriber.disconnect();
    await worker.close();
  };
}
