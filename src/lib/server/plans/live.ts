import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../../schemas/events.ts';
import type { InsightsUpdate } from '../../../../schemas/insights.ts';
import type { PlansUpdate } from '../../../../schemas/plans.ts';
import { log } from '../../../../streaming/log.ts';
import type { ServerContext } from '../context.ts';
import { computeInsights } from '../insights.ts';
import { plansChannel } from './service.ts';

type Io = Server<ClientToServerEvents, ServerToClientEvents>;

/**
 * The web node's share of insights and plans: recompute the insights every INSIGHTS_MS and push them,
 * and relay plan changes published on Redis (by whichever node accepted them) to this node's clients.
 * The latest insights are kept on globalThis because GET /api/insights runs in the SvelteKit bundle, a
 * separate module graph from src/server.ts. Emits are node-local (`io.local`): every node hears the Redis
 * channel itself, so with the Socket.IO Redis adapter on a broadcast would reach each client twice.
 */

const KEY = Symbol.for('voc-pulse.insights');
type Holder = { [KEY]?: { latest: InsightsUpdate | null; computing: Promise<InsightsUpdate> | null } };
const holder = () => ((globalThis as Holder)[KEY] ??= { latest: null, computing: null });

/** The latest insights; computed now when this node has none yet (or they are older than `maxAgeMs`). */
export async function currentInsights(ctx: ServerContext, maxAgeMs = 5 * 60_000): Promise<InsightsUpdate> {
  const h = holder();
  if (h.latest?.computedAt && Date.now() - h.latest.computedAt < maxAgeMs) return h.latest;
  return refreshInsights(ctx);
}

function refreshInsights(ctx: ServerContext): Promise<InsightsUpdate> {
  const h = holder();
  h.computing ??= computeInsights(ctx.db, Date.now())
    .then((u) => (h.latest = u))
    .finally(() => (h.computing = null));
  return h.computing;
}

export async function attachPlans(io: Io, ctx: ServerContext): Promise<() => void> {
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
    const latest = holder().latest;
    if (latest) socket.emit('insights:update:v1', latest);
  });

  let stopped = false;
  const tick = async () => {
    const t0 = performance.now();
    try {
      const update = await refreshInsights(ctx);
      if (!stopped) io.local.emit('insights:update:v1', update);
      log.debug({ ms: Math.round(performance.now() - t0), insights: update.insights.length, sampled: update.sampled }, 'insights computed');
    } catch (e) {
      log.warn({ err: (e as Error).message }, 'insights computation failed; the previous list stays');
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), ctx.config.INSIGHTS_MS);
  return () => {
    stopped = true;
    clearInterval(timer);
    subscriber.disconnect();
  };
}
