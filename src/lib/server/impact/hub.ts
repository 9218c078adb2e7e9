import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../../schemas/events.ts';
import { clusterKeys, startClusterJob } from '../cluster-job.ts';
import type { ServerContext } from '../context.ts';
import { webMetrics } from '../web-metrics.ts';
import { getImpact } from './index.ts';
import type { ImpactSnapshot } from './service.ts';

type Io = Server<ClientToServerEvents, ServerToClientEvents>;

export const impactKeys = (stream: string) => clusterKeys(stream, 'impact');

/**
 * The impact of launched plans is measured by one web node at a time and shared through Redis
 * (../cluster-job.ts), like the insights: every launch's estimate is a few hundred ms of CPU and several
 * ClickHouse reads each IMPACT_MS. The leader recomputes every period and as soon as the launches
 * change (checked every few seconds); the others adopt its figures and push them to their own clients.
 * A follower's routes answer from the adopted figures (service.ts waits briefly for a fresh launch).
 */
export async function attachImpact(io: Io, ctx: ServerContext): Promise<() => Promise<void>> {
  const impact = await getImpact();
  const push = () => io.local.emit('impact:update:v1', impact.update());
  // The leader's routes may have recomputed already (a launch read a second after it was recorded):
  // such figures are shared as they are, not computed a second time.
  let sharedAt = 0;
  const unshared = () => impact.lastComputedAt > sharedAt;
  const job = startClusterJob<ImpactSnapshot>({
    redis: ctx.redis,
    keys: impactKeys(ctx.config.VOC_STREAM),
    name: 'impact',
    periodMs: ctx.config.IMPACT_MS,
    due: async () => unshared() || (await impact.due()),
    compute: async () => {
      const s = unshared() && !(await impact.due()) ? impact.snapshot() : await impact.compute();
      sharedAt = s.computedAt;
      return s;
    },
    atOf: (s) => s.computedAt,
    localAt: () => impact.lastComputedAt,
    adopt: (s) => {
      impact.adopt(s);
      sharedAt = s.computedAt;
    },
    publish: push
  });
  impact.cluster = job;
  io.on('connection', (socket) => socket.emit('impact:update:v1', impact.update()));
  return async () => {
    impact.cluster = null;
    await job.stop();
  };
}
