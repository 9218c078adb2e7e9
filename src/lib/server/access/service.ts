import type { Redis } from 'ioredis';
import type { Server } from 'socket.io';
import { ROLES, type AuditAction, type Principal, type Role } from '../../../../schemas/access.ts';
import { apiKeys, type Config } from '../../../../streaming/config.ts';
import { log } from '../../../../streaming/log.ts';
import type { Db } from '../../../../streaming/store/db.ts';
import type { ServerContext } from '../context.ts';
import { burnPasswordCheck, hashPassword, randomSecret, sha256, verifyPassword } from './secrets.ts';
import { loadTokens, loadUsers, saveToken, saveUser, writeAudit, type TokenRow, type UserRow } from './store.ts';

/** A change another web node must react to at once (revocations disconnect live sockets). */
export type Change =
  | { kind: 'user'; id: string; disconnect: boolean }
  | { kind: 'wall-token'; id: string; disconnect: boolean }
  | { kind: 'producer-key'; id: string }
  | { kind: 'session'; hash: string };

type TokenKind = 'wall-token' | 'producer-key';
/** Where each kind of token lives, how its secret starts, and what other nodes hear when it changes. */
const TOKEN_KINDS: Record<TokenKind, { table: 'access_wall_tokens' | 'access_producer_keys'; prefix: string; change: (id: string, revoked: boolean) => Change }> = {
  // A revoked wall token also drops the walls still connected with it.
  'wall-token': { table: 'access_wall_tokens', prefix: 'wall_', change: (id, revoked) => ({ kind: 'wall-token', id, disconnect: revoked }) },
  'producer-key': { table: 'access_producer_keys', prefix: 'vocp_', change: (id) => ({ kind: 'producer-key', id }) }
};

export interface SessionView {
  principal: Principal;
  csrf: string;
  /** sha256 of the session id: the only form in which it is stored or named */
  hash: string;
  /** time left before the session ends by itself */
  expiresInMs: number;
}

export interface AuditEntry {
  actor: string;
  action: AuditAction;
  target?: string;
  detail?: string;
  ip?: string;
  ok?: boolean;
}

/** Socket rooms that let one change reach exactly the sockets it concerns. */
export const rooms = {
  user: (id: string) => `access:user:${id}`,
  wallToken: (id: string) => `access:wall-token:${id}`,
  session: (hash: string) => `access:session:${hash}`
};

export type UserSummary = Omit<UserRow, 'password_hash'>;
export type TokenSummary = Omit<TokenRow, 'hash'>;

const RELOAD_MS = 30_000;

/**
 * The web node's access state: accounts, wall tokens and producer keys read from ClickHouse and held in
 * memory (small tables, checked on every request), sessions and counters in Redis, changes announced on
 * a Redis channel so every web node reloads and drops revoked sockets within milliseconds.
 */
export class Access {
  private users = new Map<string, UserRow>();
  private wallTokens: TokenRow[] = [];
  private producerKeys: TokenRow[] = [];
  private activeWall = new Map<string, TokenRow>();
  private activeKeys = new Map<string, string>();
  private readonly envKeys: Map<string, string>;
  private reloading: Promise<void> | null = null;
  private reloadAgain: Promise<void> | null = null;
  private lastReload = 0;
  private timer: NodeJS.Timeout | null = null;
  private subscriber: Redis | null = null;
  private io: Server | null = null;
  readonly prefix: string;
  readonly channel: string;

  constructor(
    private readonly db: Db,
    private readonly redis: Redis,
    readonly config: Config
  ) {
    // Per deployment (its database), so test apps sharing one Redis never see each other's sessions.
    this.prefix = `voc-access:${config.CLICKHOUSE_DATABASE}:`;
    this.channel = `${this.prefix}changes`;
    this.envKeys = new Map([...apiKeys(config)].map((k) => [sha256(k), `env-${sha256(k).slice(0, 8)}`]));
  }

  async start(): Promise<void> {
    await this.reload();
    this.subscriber = this.redis.duplicate();
    await this.subscriber.subscribe(this.channel);
    this.subscriber.on('message', (_c, message) => void this.onChange(message));
    this.timer = setInterval(() => void this.reload().catch((e) => log.warn({ err: (e as Error).message }, 'access reload failed')), RELOAD_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.subscriber?.disconnect();
  }

  /** The Socket.IO server whose sockets revocations must reach (the custom server registers it). */
  attachIo(io: Server): void {
    this.io = io;
  }

  /** Resolves once a read that STARTED after this call has been applied. */
  reload(): Promise<void> {
    // A reload already under way may have read before the caller's change was written (a user created
    // a moment ago would stay unknown): queue one more after it, shared by everyone arriving meanwhile.
    if (this.reloading) {
      this.reloadAgain ??= this.reloading
        .catch(() => {})
        .then(() => {
          this.reloadAgain = null;
          return this.reload();
        });
      return this.reloadAgain;
    }
    this.reloading = (async () => {
      try {
        const [users, walls, keys] = await Promise.all([
          loadUsers(this.db),
          loadTokens(this.db, 'access_wall_tokens'),
          loadTokens(this.db, 'access_producer_keys')
        ]);
        this.users = new Map(users.map((u) => [u.id, u]));
        this.wallTokens = walls;
        this.producerKeys = keys;
        this.activeWall = new Map(walls.filter((t) => !t.revoked).map((t) => [t.hash, t]));
        this.activeKeys = new Map(keys.filter((k) => !k.revoked).map((k) => [k.hash, k.id]));
        this.lastReload = Date.now();
      } finally {
        this.reloading = null;
      }
    })();
    return this.reloading;
  }

  private async onChange(message: string): Promise<void> {
    let change: Change;
    try {
      change = JSON.parse(message) as Change;
    } catch {
      return;
    }
    if (change.kind !== 'session') await this.reload().catch((e) => log.warn({ err: (e as Error).message }, 'access reload failed'));
    if (!this.io) return;
    const room =
      change.kind === 'session'
        ? rooms.session(change.hash)
        : change.kind === 'wall-token' && change.disconnect
          ? rooms.wallToken(change.id)
          : change.kind === 'user' && change.disconnect
            ? rooms.user(change.id)
            : null;
    if (!room) return;
    this.io.local.to(room).emit('access:revoked:v1');
    this.io.local.in(room).disconnectSockets(true);
  }

  /** Applies a change here first (so this node's answer already reflects it), then tells every node. */
  private async announce(change: Change): Promise<void> {
    if (change.kind !== 'session') await this.reload();
    await this.redis.publish(this.channel, JSON.stringify(change));
  }

  // ---- principals -------------------------------------------------------------------------------

  private userPrincipal(u: UserRow): Principal {
    return { id: u.id, name: u.id, role: u.role, kind: 'user' };
  }

  private sessionKey = (hash: string) => `${this.prefix}session:${hash}`;
  private userSessionsKey = (userId: string) => `${this.prefix}user-sessions:${userId}`;

  async createSession(userId: string): Promise<{ id: string; csrf: string; maxAgeS: number }> {
    const id = randomSecret();
    const csrf = randomSecret();
    const hash = sha256(id);
    const ttl = Math.round(this.config.VOC_SESSION_HOURS * 3600);
    await this.redis
      .multi()
      .set(this.sessionKey(hash), JSON.stringify({ userId, csrf, at: Date.now() }), 'EX', ttl)
      .sadd(this.userSessionsKey(userId), hash)
      .expire(this.userSessionsKey(userId), ttl)
      .exec();
    return { id, csrf, maxAgeS: ttl };
  }

  async session(id: string | undefined): Promise<SessionView | null> {
    if (!id || id.length > 200) return null;
    const hash = sha256(id);
    const key = this.sessionKey(hash);
    const r = await this.redis.multi().get(key).pttl(key).exec();
    const raw = (r?.[0]?.[1] as string | null) ?? null;
    const ttl = Number(r?.[1]?.[1] ?? 0);
    if (!raw) return null;
    const { userId, csrf } = JSON.parse(raw) as { userId: string; csrf: string };
    const user = this.users.get(userId);
    if (!user || user.disabled) return null;
    return { principal: this.userPrincipal(user), csrf, hash, expiresInMs: Math.max(0, Number(ttl)) };
  }

  async endSession(id: string): Promise<void> {
    const hash = sha256(id);
    const raw = await this.redis.get(this.sessionKey(hash));
    await this.redis.del(this.sessionKey(hash));
    if (raw) await this.redis.srem(this.userSessionsKey((JSON.parse(raw) as { userId: string }).userId), hash);
    await this.announce({ kind: 'session', hash });
  }

  private async endUserSessions(userId: string): Promise<void> {
    const hashes = await this.redis.smembers(this.userSessionsKey(userId));
    if (hashes.length) await this.redis.del(...hashes.map(this.sessionKey));
    await this.redis.del(this.userSessionsKey(userId));
  }

  private mayReload(): boolean {
    return this.reloading !== null || Date.now() - this.lastReload > 1000;
  }

  async wallToken(token: string | undefined | null): Promise<Principal | null> {
    if (!token || token.length > 200) return null;
    const hash = sha256(token);
    let t = this.activeWall.get(hash);
    // A token made on another node a moment ago: its change notice may be reloading right now (wait for
    // it), otherwise reload at most once a second for unknown tokens.
    if (!t && this.mayReload()) {
      await this.reload();
      t = this.activeWall.get(hash);
    }
    return t ? { id: t.id, name: `wall:${t.name}`, role: 'viewer', kind: 'wall-token' } : null;
  }

  /** The id of a valid producer key (VOC_API_KEYS or created in the admin page), or null. */
  async producerKey(key: string | undefined | null): Promise<string | null> {
    if (!key || key.length > 200) return null;
    const hash = sha256(key);
    const fromEnv = this.envKeys.get(hash);
    if (fromEnv) return fromEnv;
    let id = this.activeKeys.get(hash);
    if (!id && this.mayReload()) {
      await this.reload();
      id = this.activeKeys.get(hash);
    }
    return id ?? null;
  }

  // ---- throttling -------------------------------------------------------------------------------

  private failKeys(username: string, ip: string) {
    return [`${this.prefix}login-fail:user:${sha256(username)}`, `${this.prefix}login-fail:ip:${ip}`];
  }

  /** Seconds to wait before another sign-in attempt is considered, 0 when one may try now. */
  async loginRetryAfter(username: string, ip: string): Promise<number> {
    const [userKey, ipKey] = this.failKeys(username, ip);
    const r = await this.redis.multi().get(userKey).pttl(userKey).get(ipKey).pttl(ipKey).exec();
    const [u, uTtl, i, iTtl] = (r ?? []).map(([, v]) => Number(v ?? 0));
    let wait = 0;
    if (u >= this.config.VOC_LOGIN_MAX_FAILURES) wait = Math.max(wait, uTtl);
    if (i >= this.config.VOC_LOGIN_MAX_FAILURES_PER_IP) wait = Math.max(wait, iTtl);
    return wait > 0 ? Math.ceil(wait / 1000) : 0;
  }

  private async countFailure(username: string, ip: string): Promise<void> {
    const window = this.config.VOC_LOGIN_WINDOW_S;
    const m = this.redis.multi();
    for (const key of this.failKeys(username, ip)) m.incr(key).expire(key, window, 'NX');
    await m.exec();
  }

  /** Per key and minute; the answer says how long to wait when the key is over its limit. */
  async producerAllowance(keyId: string): Promise<{ ok: true } | { ok: false; retryAfterS: number; limit: number }> {
    const minute = Math.floor(Date.now() / 60_000);
    const key = `${this.prefix}rate:${keyId}:${minute}`;
    const r = await this.redis.multi().incr(key).expire(key, 61).exec();
    const n = Number(r?.[0]?.[1] ?? 0);
    const limit = this.config.VOC_PRODUCER_LIMIT_PER_MIN;
    if (n <= limit) return { ok: true };
    return { ok: false, retryAfterS: Math.max(1, Math.ceil(((minute + 1) * 60_000 - Date.now()) / 1000)), limit };
  }

  // ---- sign-in ----------------------------------------------------------------------------------

  async signIn(
    username: string,
    password: string,
    ip: string
  ): Promise<{ ok: true; user: UserSummary } | { ok: false; status: 401 | 429; retryAfterS?: number }> {
    const name = username.trim().toLowerCase().slice(0, 64);
    const wait = await this.loginRetryAfter(name, ip);
    if (wait > 0) {
      await this.audit({ actor: name, action: 'sign-in-failed', detail: 'throttled', ip, ok: false });
      return { ok: false, status: 429, retryAfterS: wait };
    }
    const user = this.users.get(name);
    const good = user && !user.disabled ? await verifyPassword(password, user.password_hash) : (await burnPasswordCheck(password), false);
    if (!good || !user) {
      await this.countFailure(name, ip);
      await this.audit({ actor: name, action: 'sign-in-failed', detail: user?.disabled ? 'disabled' : 'bad credentials', ip, ok: false });
      return { ok: false, status: 401 };
    }
    await this.redis.del(this.failKeys(name, ip)[0]);
    await this.audit({ actor: name, action: 'sign-in', ip });
    return { ok: true, user: summary(user) };
  }

  // ---- administration ---------------------------------------------------------------------------

  hasAdmin(): boolean {
    return [...this.users.values()].some((u) => u.role === 'admin' && !u.disabled);
  }

  listUsers(): UserSummary[] {
    return [...this.users.values()].map(summary);
  }

  user(id: string): UserSummary | null {
    const u = this.users.get(id);
    return u ? summary(u) : null;
  }

  async createUser(
    by: string,
    input: { username: string; displayName: string; role: Role; password: string },
    ip = ''
  ): Promise<UserSummary | 'exists'> {
    if (this.users.has(input.username)) return 'exists';
    const row: UserRow = {
      id: input.username,
      display_name: input.displayName,
      role: input.role,
      password_hash: await hashPassword(input.password),
      disabled: 0,
      created_at: Date.now(),
      created_by: by
    };
    await saveUser(this.db, row);
    await this.audit({ actor: by, action: 'user-create', target: row.id, detail: row.role, ip });
    await this.announce({ kind: 'user', id: row.id, disconnect: false });
    return summary(row);
  }

  async updateUser(
    by: string,
    id: string,
    patch: { role?: Role; disabled?: boolean; password?: string; displayName?: string },
    ip = ''
  ): Promise<UserSummary | null> {
    const u = this.users.get(id);
    if (!u) return null;
    const next: UserRow = { ...u };
    const entries: AuditEntry[] = [];
    if (patch.role && patch.role !== u.role) {
      next.role = patch.role;
      entries.push({ actor: by, action: 'user-role', target: id, detail: `${u.role} -> ${patch.role}`, ip });
    }
    if (patch.disabled !== undefined && Boolean(u.disabled) !== patch.disabled) {
      next.disabled = patch.disabled ? 1 : 0;
      entries.push({ actor: by, action: patch.disabled ? 'user-disable' : 'user-enable', target: id, ip });
    }
    if (patch.displayName !== undefined) next.display_name = patch.displayName;
    if (patch.password) {
      next.password_hash = await hashPassword(patch.password);
      entries.push({ actor: by, action: 'user-password', target: id, ip });
    }
    await saveUser(this.db, next);
    for (const e of entries) await this.audit(e);
    const revoke = next.disabled === 1 || Boolean(patch.password) || next.role !== u.role;
    if (next.disabled || patch.password) await this.endUserSessions(id);
    // A changed role reconnects the user's sockets so their rooms (what they receive) follow the role.
    await this.announce({ kind: 'user', id, disconnect: revoke });
    return summary(next);
  }

  /** The first admin from VOC_ADMIN_USER / VOC_ADMIN_PASSWORD: created, or reset to the configured password. */
  async ensureEnvAdmin(): Promise<'created' | 'reset' | 'unchanged' | 'none'> {
    const { VOC_ADMIN_USER: name, VOC_ADMIN_PASSWORD: password } = this.config;
    if (!name || !password) return 'none';
    const u = this.users.get(name);
    if (!u) {
      await this.createUser('env', { username: name, displayName: name, role: 'admin', password });
      return 'created';
    }
    if (u.role === 'admin' && !u.disabled && (await verifyPassword(password, u.password_hash))) return 'unchanged';
    await this.updateUser('env', name, { role: 'admin', disabled: false, password });
    return 'reset';
  }

  /**
   * With no admin and none configured, a one-time setup token (printed in this node's log) lets the first
   * person create one. Stored hashed in Redis; the first node to start mints it.
   */
  async mintSetupToken(): Promise<string | null> {
    if (this.hasAdmin()) return null;
    const token = randomSecret('setup_');
    const ok = await this.redis.set(`${this.prefix}setup`, sha256(token), 'EX', 24 * 3600, 'NX');
    return ok ? token : null;
  }

  async useSetupToken(token: string): Promise<boolean> {
    if (this.hasAdmin()) return false;
    const stored = await this.redis.get(`${this.prefix}setup`);
    if (!stored || stored !== sha256(token)) return false;
    // Only one caller may win the token.
    return (await this.redis.del(`${this.prefix}setup`)) === 1;
  }

  listWallTokens(): TokenSummary[] {
    return this.wallTokens.map(({ hash: _h, ...t }) => t);
  }

  listProducerKeys(): TokenSummary[] {
    return this.producerKeys.map(({ hash: _h, ...t }) => t);
  }

  async createWallToken(by: string, name: string, ip = ''): Promise<{ token: string; row: TokenSummary }> {
    const { secret: token, row } = await this.issueToken('wall-token', by, name, ip);
    return { token, row };
  }

  revokeWallToken(by: string, id: string, ip = ''): Promise<boolean> {
    return this.revokeToken('wall-token', by, id, ip);
  }

  async createProducerKey(by: string, name: string, ip = ''): Promise<{ key: string; row: TokenSummary }> {
    const { secret: key, row } = await this.issueToken('producer-key', by, name, ip);
    return { key, row };
  }

  revokeProducerKey(by: string, id: string, ip = ''): Promise<boolean> {
    return this.revokeToken('producer-key', by, id, ip);
  }

  /** Wall tokens and producer keys are the same kind of secret: stored as a hash, shown once. */
  private async issueToken(kind: TokenKind, by: string, name: string, ip: string): Promise<{ secret: string; row: TokenSummary }> {
    const k = TOKEN_KINDS[kind];
    const secret = randomSecret(k.prefix);
    const row: TokenRow = { id: randomSecret().slice(0, 16), name, hash: sha256(secret), created_at: Date.now(), created_by: by, revoked: 0 };
    await saveToken(this.db, k.table, row);
    await this.audit({ actor: by, action: `${kind}-create`, target: row.id, detail: name, ip });
    await this.announce(k.change(row.id, false));
    const { hash: _h, ...summaryRow } = row;
    return { secret, row: summaryRow };
  }

  private async revokeToken(kind: TokenKind, by: string, id: string, ip: string): Promise<boolean> {
    const k = TOKEN_KINDS[kind];
    const t = (kind === 'wall-token' ? this.wallTokens : this.producerKeys).find((x) => x.id === id);
    if (!t) return false;
    if (!t.revoked) {
      await saveToken(this.db, k.table, { ...t, revoked: 1 });
      await this.audit({ actor: by, action: `${kind}-revoke`, target: id, detail: t.name, ip });
    }
    await this.announce(k.change(id, true));
    return true;
  }

  async audit(e: AuditEntry): Promise<void> {
    await writeAudit(this.db, [
      { ts_ms: Date.now(), actor: e.actor, action: e.action, target: e.target ?? '', detail: e.detail ?? '', ip: e.ip ?? '', ok: e.ok === false ? 0 : 1 }
    ]);
  }
}

const summary = ({ password_hash: _p, ...u }: UserRow): UserSummary => u;

export const isRole = (r: unknown): r is Role => typeof r === 'string' && (ROLES as readonly string[]).includes(r);

const KEY = Symbol.for('voc-pulse.access');
type Holder = { [KEY]?: Promise<Access> };

/**
 * One Access per process, shared by the custom server and the SvelteKit bundle (separate module graphs),
 * like the server context.
 */
export function getAccess(ctx: ServerContext): Promise<Access> {
  const holder = globalThis as Holder;
  holder[KEY] ??= (async () => {
    const access = new Access(ctx.db, ctx.redis, ctx.config);
    await access.start();
    return access;
  })().catch((e) => {
    delete holder[KEY];
    throw e;
  });
  return holder[KEY]!;
}

export async function stopAccess(): Promise<void> {
  const holder = globalThis as Holder;
  const a = await holder[KEY]?.catch(() => null);
  delete holder[KEY];
  a?.stop();
}
