import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../schemas/events.ts';
import type { TopicsUpdate } from '../../../schemas/topics.ts';
import { SERVER_CLOSE_RETRY_MS } from '../live/socket.ts';
import { topicsStatus } from './status.ts';

type TopicsSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The /topics page's live picture: every 'topics:update:v1' replaces it whole (the server sends the
 * latest on connect), so a reconnect needs no merging.
 */
export class TopicsLive {
  data = $state.raw<TopicsUpdate | null>(null);
  connected = $state(false);
  attempt = $state(0);
  lastMessageAt = $state<number | null>(null);
  now = $state(Date.now());
  status = $derived(
    topicsStatus({ connected: this.connected, lastMessageAt: this.lastMessageAt, periodMs: this.data?.periodMs ?? null, now: this.now })
  );

  start(): () => void {
    const tick = setInterval(() => (this.now = Date.now()), 1000);
    const socket: TopicsSocket = io({ transports: ['websocket', 'polling'] });
    let retry: ReturnType<typeof setTimeout> | undefined;
    socket.on('connect', () => {
      this.attempt = 0;
      this.connected = true;
    });
    socket.on('disconnect', (reason) => {
      this.connected = false;
      // The Manager gives up after a server-side close; the page must come back by itself.
      if (reason === 'io server disconnect') retry = setTimeout(() => socket.connect(), SERVER_CLOSE_RETRY_MS);
    });
    socket.io.on('reconnect_attempt', (n) => (this.attempt = n));
    socket.on('topics:update:v1', (u) => {
      this.data = u;
      this.lastMessageAt = Date.now();
    });
    return () => {
      clearInterval(tick);
      clearTimeout(retry);
      socket.removeAllListeners();
      socket.io.removeAllListeners();
      socket.disconnect();
    };
  }
}
