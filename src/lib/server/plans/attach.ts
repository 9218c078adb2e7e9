import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../../schemas/events.ts';
import type { PlansUpdate } from '../../../../schemas/plans.ts';
import { log } from '../../../../streaming/log.ts';
import type { ServerContext } from '../context.ts';
import { plansChannel } from './service.ts';

type Io = Server<ClientToServerEvents, ServerToClientEvents>;

/**
 * Relays plan changes published on Redis (by whichever node accepted them) to this node's clients.
 * Emits are node-local (`io.local`): every node hears the Redis channel itself, so with the Socket.IO
 * Redis adapter a broadcast would reach each client twice.
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

  return async () => {
    subscriber.disconnect();
  };
}
