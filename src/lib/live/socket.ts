import type { LiveSnapshot, LiveUpdate } from '../../../schemas/live.ts';

/** What the wall needs from a socket.io-client Socket; a plain shape so the wiring is testable. */
export interface SocketLike {
  on(event: 'connect', fn: () => void): unknown;
  on(event: 'disconnect', fn: (reason: string) => void): unknown;
  on(event: 'live:snapshot:v1', fn: (s: LiveSnapshot) => void): unknown;
  on(event: 'live:update:v1', fn: (u: LiveUpdate) => void): unknown;
  connect(): unknown;
  disconnect(): unknown;
  removeAllListeners(): unknown;
  io: {
    on(event: 'reconnect_attempt', fn: (attempt: number) => void): unknown;
    removeAllListeners(): unknown;
  };
}

export interface LiveSink {
  connection(up: boolean): void;
  /** the Manager's retry counter; 0 once connected */
  attempt(n: number): void;
  snapshot(s: LiveSnapshot): void;
  update(u: LiveUpdate): void;
}

// The Manager stops retrying after a server-side close; an unattended wall must come back by itself.
export const SERVER_CLOSE_RETRY_MS = 2_000;

/** Connects socket events to the sink; returns the function that detaches and closes. */
export function wireSocket(socket: SocketLike, sink: LiveSink, retryMs = SERVER_CLOSE_RETRY_MS): () => void {
  let retry: ReturnType<typeof setTimeout> | undefined;
  socket.on('connect', () => {
    sink.attempt(0);
    sink.connection(true);
  });
  socket.on('disconnect', (reason) => {
    sink.connection(false);
    if (reason === 'io server disconnect') retry = setTimeout(() => socket.connect(), retryMs);
  });
  socket.io.on('reconnect_attempt', (n) => sink.attempt(n));
  socket.on('live:snapshot:v1', (s) => sink.snapshot(s));
  socket.on('live:update:v1', (u) => sink.update(u));
  return () => {
    clearTimeout(retry);
    socket.removeAllListeners();
    socket.io.removeAllListeners();
    socket.disconnect();
  };
}
