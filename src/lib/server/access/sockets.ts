import type { Server, Socket } from 'socket.io';
import { PERMISSIONS, can, type Principal } from '../../../../schemas/access.ts';
import { log } from '../../../../streaming/log.ts';
import { CLIENT_EVENTS, RESERVED_EVENTS, SERVER_EVENTS, decide, mayReceive } from './policy.ts';
import { parseCookies, SESSION_COOKIE } from './http.ts';
import { rooms, type Access } from './service.ts';

/** Rooms that broadcasts exclude: sockets lacking a permission, and wall tokens. */
const LACKS = (permission: string) => `access:lacks:${permission}`;
const WALL_TOKENS = 'access:wall-tokens';
const EVERYONE = 'access:all';

type AnySocket = Socket;

/**
 * The one authorisation check for Socket.IO. The handshake must carry a session cookie or a wall token
 * (`auth: { token }`); every event a client sends is checked against CLIENT_EVENTS; every event the
 * server sends — broadcast or to one socket — reaches only principals SERVER_EVENTS allows. Features
 * keep calling io.emit / socket.emit as before.
 */
export function guardSockets(io: Server, access: Access): void {
  io.use(async (socket, next) => {
    try {
      const principal = await handshakePrincipal(socket, access);
      if (!principal) return next(new Error('unauthorized'));
      socket.data.principal = principal;
      attach(socket, principal);
      next();
    } catch (e) {
      log.warn({ err: (e as Error).message }, 'socket handshake check failed');
      next(new Error('unauthorized'));
    }
  });
  filterBroadcasts(io);
}

type Signed = Principal & { session?: string; expiresInMs?: number };

async function handshakePrincipal(socket: AnySocket, access: Access): Promise<Signed | null> {
  const { headers, auth } = socket.handshake;
  const cookies = parseCookies(headers.cookie);
  if (cookies[SESSION_COOKIE]) {
    // A page of another site must not ride the user's cookie into a socket (cross-site WebSocket hijacking).
    const origin = headers.origin;
    if (origin && new URL(origin).host !== headers.host) return null;
    const s = await access.session(cookies[SESSION_COOKIE]);
    if (s) return { ...s.principal, session: s.hash, expiresInMs: s.expiresInMs };
  }
  const token = typeof auth?.token === 'string' ? auth.token : null;
  return token ? access.wallToken(token) : null;
}

function attach(socket: AnySocket, p: Signed): void {
  const { session, expiresInMs, ...principal } = p;
  socket.data.principal = principal;
  const joined = [EVERYONE, ...PERMISSIONS.filter((perm) => !can(principal.role, perm)).map(LACKS)];
  if (principal.kind === 'wall-token') joined.push(WALL_TOKENS, rooms.wallToken(principal.id));
  else joined.push(rooms.user(principal.id));
  if (session) joined.push(rooms.session(session));
  void socket.join(joined);
  // A socket lives no longer than the sign-in that opened it.
  if (expiresInMs !== undefined) {
    const end = setTimeout(() => {
      socket.emit('access:revoked:v1');
      socket.disconnect(true);
    }, expiresInMs);
    socket.once('disconnect', () => clearTimeout(end));
  }

  // Events sent to this one socket (snapshots on connect) follow the same table as broadcasts.
  const emit = socket.emit.bind(socket) as (event: string, ...args: unknown[]) => boolean;
  (socket as unknown as { emit: typeof emit }).emit = (event, ...args) => {
    if (!RESERVED_EVENTS.has(event) && !mayReceive(event, principal)) return false;
    return emit(event, ...args);
  };

  socket.use((packet, next) => {
    const [event] = packet;
    if (decide(CLIENT_EVENTS[event] ?? null, principal) === 'allow') return next();
    const ack = packet[packet.length - 1];
    if (typeof ack === 'function') ack({ ok: false, error: { code: 'forbidden', message: 'your role may not do this' } });
    next(new Error(`forbidden: ${event}`));
  });
  // Refused events surface here; the client was answered through its ack (if any).
  socket.on('error', (err) => log.debug({ err: err.message, who: principal.name }, 'socket event refused'));
}

const warned = new Set<string>();

/** Adds the rooms a broadcast must skip; with the Redis adapter the sender's exclusions travel along. */
function exclusions(event: string): string[] {
  const rule = SERVER_EVENTS[event];
  if (!rule) {
    if (!warned.has(event)) {
      warned.add(event);
      log.warn({ event }, 'server event has no access rule (src/lib/server/access/policy.ts); not delivered');
    }
    return [EVERYONE];
  }
  if (rule.access !== 'permission') return [];
  return rule.wall ? [LACKS(rule.permission)] : [LACKS(rule.permission), WALL_TOKENS];
}

function filterBroadcasts(io: Server): void {
  const adapter = io.of('/').adapter as unknown as Record<string, (packet: { data?: unknown[] }, opts: { except?: Set<string> }, ...rest: unknown[]) => unknown>;
  for (const method of ['broadcast', 'broadcastWithAck'] as const) {
    const original = adapter[method]?.bind(adapter);
    if (!original) continue;
    adapter[method] = (packet, opts, ...rest) => {
      const event = Array.isArray(packet.data) && typeof packet.data[0] === 'string' ? packet.data[0] : '';
      const except = new Set(opts.except ?? []);
      for (const room of exclusions(event)) except.add(room);
      return original(packet, { ...opts, except }, ...rest);
    };
  }
}
