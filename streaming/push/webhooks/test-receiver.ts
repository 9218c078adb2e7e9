import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP receiver for webhook tests: records every request and can fail the first N with a given
 * status (and Retry-After), or answer with a robot-style error body.
 */

export interface Received { method: string; url: string; headers: IncomingHttpHeaders; body: string; at: number }

export interface ReceiverBehaviour {
  failFirst?: number;
  failStatus?: number;
  retryAfter?: string;
  /** body of successful answers (e.g. '{"errcode":0}') */
  okBody?: string;
  /** drop the first N connections without answering (network error) */
  destroyFirst?: number;
}

export interface Receiver {
  url: string;
  requests: Received[];
  behaviour: ReceiverBehaviour;
  close(): Promise<void>;
}

export async function startReceiver(behaviour: ReceiverBehaviour = {}): Promise<Receiver> {
  const requests: Received[] = [];
  const state: Receiver = { url: '', requests, behaviour, close: async () => {} };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const n = requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      const b = state.behaviour;
      if (n <= (b.destroyFirst ?? 0)) { req.socket.destroy(); return; }
      if (n <= (b.destroyFirst ?? 0) + (b.failFirst ?? 0)) {
        res.writeHead(b.failStatus ?? 500, b.retryAfter ? { 'retry-after': b.retryAfter } : {});
        res.end('{"error":"try later"}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(b.okBody ?? '{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); });
  return state;
}
