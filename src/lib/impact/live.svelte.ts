import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../schemas/events.ts';
import type { ImpactSummary, ImpactUpdate } from '../../../schemas/impact.ts';

export type ImpactSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The launches' headlines as the server last computed them: a socket gives every recomputation (and the
 * current list on connect), so the view, the wall and a reconnecting screen agree.
 */
export class ImpactLive {
  launches = $state.raw<ImpactSummary[]>([]);
  serverTime = $state<number | null>(null);
  connected = $state(false);
  /** true once a first list arrived */
  loaded = $state(false);

  /** Opens a socket of its own; returns the function that closes it. */
  start(): () => void {
    const socket: ImpactSocket = io({ transports: ['websocket', 'polling'] });
    const detach = this.attach(socket);
    return () => {
      detach();
      socket.disconnect();
    };
  }

  /** Listens on a socket someone else owns (the wall's); returns the function that stops listening. */
  attach(socket: ImpactSocket): () => void {
    const up = () => (this.connected = true);
    const down = () => (this.connected = false);
    const onUpdate = (u: ImpactUpdate) => {
      this.launches = u.launches;
      this.serverTime = u.serverTime;
      this.loaded = true;
    };
    this.connected = socket.connected;
    socket.on('connect', up);
    socket.on('disconnect', down);
    socket.on('impact:update:v1', onUpdate);
    return () => {
      socket.off('connect', up);
      socket.off('disconnect', down);
      socket.off('impact:update:v1', onUpdate);
    };
  }
}
