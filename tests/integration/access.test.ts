import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Redis } from 'ioredis';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, can, type Role } from '../../schemas/access.ts';
import { ROUTES, routeRule, type Rule } from '../../src/lib/server/access/policy.ts';
import { postFeedback, startApp, type App } from '../support/app.ts';
import { until } from '../support/pipeline.ts';
import { createWallToken, login, sessionFrom, signIn, socketOptions, type Session } from '../support/session.ts';

/** The attacks the access layer must stop, against the real web node, Redis and ClickHouse. */

const ROUTES_DIR = 'src/routes';
/** Route ids present in this build (other work adds more; their rules are already in the table). */
function builtRoutes(dir = ROUTES_DIR, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) if (statSync(join(dir, name)).isDirectory()) builtRoutes(join(dir, name), out);
  if (readdirSync(dir).some((f) => f === '+page.svelte' || f === '+server.ts')) out.push('/' + relative(ROUTES_DIR, dir).split('\\').join('/'));
  return out.map((r) => (r === '/' ? r : r.replace(/\/$/, '')));
}
const pathOf = (routeId: string) => routeId.replace(/\[(\w+)\]/g, 'no-such-$1');

type Who = 'anonymous' | 'wall-token' | 'producer-key' | Role;
const WHO: Who[] = ['anonymous', 'wall-token', 'producer-key', ...ROLES];

/** What the table promises, spelled out independently of the server's own decide(). */
function mayUse(rule: Rule, who: Who): boolean {
  if (rule.access === 'public') return true;
  if (rule.access === 'producer-key') return who === 'producer-key';
  if (who === 'anonymous') return false;
  if (who === 'wall-token') return Boolean(rule.wall);
  if (who === 'producer-key') return Boolean(rule.producerKey);
  return can(who, rule.permission);
}

const denied = (r: Response) => r.status === 401 || r.status === 403 || (r.status === 303 && (r.headers.get('location') ?? '').startsWith('/login'));

let app: App;
let sessions: Record<Role, Session>;
let wall: { token: string; id: string; url: string };
const redis = () => new Redis(app.env.REDIS_URL);

beforeAll(async () => {
  app = await startApp();
  await app.startWeb();
  app.startProcessor();
  const list = await Promise.all(ROLES.map((r) => signIn(app, r)));
  sessions = Object.fromEntries(ROLES.map((r, i) => [r, list[i]])) as Record<Role, Session>;
  wall = await createWallToken(app, 'attack tests');
});
afterAll(() => app?.stop());

function request(who: Who, method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = {};
  let url = `${app.url}${path}`;
  if (who === 'wall-token') url += `${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(wall.token)}`;
  else if (who === 'producer-key') headers['x-api-key'] = app.apiKey;
  else if (who !== 'anonymous') Object.assign(headers, sessions[who].headers);
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' });
}

function socketAs(options: ReturnType<typeof socketOptions>): Socket {
  return io(app.url, { transports: ['websocket'], forceNew: true, reconnection: false, ...options });
}
const connected = (s: Socket) =>
  new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });
const refused = (s: Socket) =>
  new Promise<string>((resolve, reject) => {
    s.once('connect', () => reject(new Error('connected but should have been refused')));
    s.once('connect_error', (e) => resolve(e.message));
  });

describe('every route × every kind of caller', () => {
  const built = new Set(builtRoutes());
  const cases = Object.entries(ROUTES)
    .filter(([id]) => built.has(id))
    // signing out would end the shared sessions; it is covered below
    .filter(([id]) => id !== '/api/auth/logout')
    .flatMap(([id, methods]) => Object.keys(methods).map((m) => ({ id, method: m })));

  it('covers the routes of this build', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases)('$method $id: exactly the callers the policy names get through', async ({ id, method }) => {
    const rule = routeRule(id, method)!;
    const outcome: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const who of WHO) {
      // bodies that can change nothing: invalid input, unknown ids
      const res = await request(who, method, pathOf(id), method === 'GET' ? undefined : {});
      outcome[who] = denied(res) ? 'denied' : 'allowed';
      expected[who] = mayUse(rule, who) ? 'allowed' : 'denied';
    }
    expect(outcome).toEqual(expected);
  });

  it('refuses a signed-in person posting feedback as a producer, and a producer key reading the admin API', async () => {
    expect((await request('admin', 'POST', '/api/feedback', { channel: 'chat', text: 'hi' })).status).toBe(401);
    const res = await fetch(`${app.url}/api/admin/users`, { headers: { 'x-api-key': app.apiKey } });
    expect(res.status).toBe(401);
  });
});

describe('sessions', () => {
  it('sets httpOnly, SameSite cookies and never stores the session id itself', async () => {
    const res = await login(app, app.admin.username, app.admin.password);
    const cookies = res.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('voc_session='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).toMatch(/Path=\//);
    expect(cookies.find((c) => c.startsWith('voc_csrf='))).not.toMatch(/HttpOnly/i);
    const id = decodeURIComponent(/voc_session=([^;]+)/.exec(session)![1]);
    const r = redis();
    const keys = await r.keys(`voc-access:${app.env.CLICKHOUSE_DATABASE}:*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) {
      expect(k).not.toContain(id);
      if ((await r.type(k)) === 'string') expect(await r.get(k)).not.toContain(id);
    }
    r.disconnect();
  });

  it('refuses forged, tampered and signed-out session cookies', async () => {
    const admin = await signIn(app, 'admin');
    const get = (cookie: string) => fetch(`${app.url}/api/admin/users`, { headers: { cookie } });
    expect((await get(admin.headers.cookie)).status).toBe(200);
    const real = /voc_session=([^;]+)/.exec(admin.headers.cookie)![1];
    const tampered = real.slice(0, -1) + (real.endsWith('A') ? 'B' : 'A');
    expect((await get(`voc_session=${tampered}`)).status).toBe(401);
    expect((await get('voc_session=forged-session-id')).status).toBe(401);
    expect((await get(`voc_session=${'A'.repeat(5000)}`)).status).toBe(401);
    // a socket signed in with the session is dropped when the session ends
    const s = socketAs(socketOptions(admin));
    await connected(s);
    const dropped = new Promise<void>((resolve) => s.once('disconnect', () => resolve()));
    const out = await fetch(`${app.url}/api/auth/logout`, { method: 'POST', headers: admin.headers });
    expect(out.status).toBe(200);
    await dropped;
    expect((await get(admin.headers.cookie)).status).toBe(401);
    expect(await refused(socketAs(socketOptions(admin)))).toBe('unauthorized');
  });

  it('applies a role change at once and ends a disabled user’s sessions and sockets', async () => {
    const admin = await signIn(app, 'admin');
    const password = 'a long enough password';
    const create = await fetch(`${app.url}/api/admin/users`, {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'promoted', role: 'viewer', password })
    });
    expect(create.status).toBe(201);
    const me = sessionFrom(await login(app, 'promoted', password), 'viewer', 'promoted');
    const wallTokens = () => fetch(`${app.url}/api/admin/wall-tokens`, { headers: me.headers });
    expect((await wallTokens()).status).toBe(403);
    const patch = (body: unknown) =>
      fetch(`${app.url}/api/admin/users/promoted`, { method: 'PATCH', headers: { ...admin.headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await patch({ role: 'admin' })).status).toBe(200);
    expect((await wallTokens()).status).toBe(200);
    const s = socketAs(socketOptions(me));
    await connected(s);
    const dropped = new Promise<void>((resolve) => s.once('disconnect', () => resolve()));
    expect((await patch({ disabled: true })).status).toBe(200);
    await dropped;
    expect((await wallTokens()).status).toBe(401);
    expect((await login(app, 'promoted', password)).status).toBe(401);
    // and an admin cannot lock themselves out
    expect((await patch({})).status).toBe(400);
    const self = await fetch(`${app.url}/api/admin/users/${app.admin.username}`, {
      method: 'PATCH',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'viewer' })
    });
    expect(self.status).toBe(409);
  });
});

describe('CSRF', () => {
  const create = (headers: Record<string, string>, username: string) =>
    fetch(`${app.url}/api/admin/users`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ username, role: 'viewer', password: 'correct horse battery' })
    });

  it('refuses state-changing requests without the session’s token or from another site', async () => {
    const admin = await signIn(app, 'admin');
    const other = await signIn(app, 'editor');
    const { 'x-csrf-token': _t, ...noToken } = admin.headers;
    expect((await create(noToken, 'csrf1')).status).toBe(403);
    expect((await create({ ...admin.headers, 'x-csrf-token': 'guessed' }, 'csrf2')).status).toBe(403);
    expect((await create({ ...admin.headers, 'x-csrf-token': other.headers['x-csrf-token'] }, 'csrf3')).status).toBe(403);
    expect((await create({ ...admin.headers, origin: 'https://evil.example' }, 'csrf4')).status).toBe(403);
    expect((await create({ ...admin.headers, 'sec-fetch-site': 'cross-site' }, 'csrf5')).status).toBe(403);
    // nothing was created by the refused attempts
    const users = (await (await fetch(`${app.url}/api/admin/users`, { headers: admin.headers })).json()).users.map((u: { id: string }) => u.id);
    expect(users.filter((u: string) => u.startsWith('csrf'))).toEqual([]);
    expect((await create(admin.headers, 'csrf-ok')).status).toBe(201);
  });

  it('refuses a sign-in posted from another site', async () => {
    const res = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ username: app.admin.username, password: app.admin.password })
    });
    expect(res.status).toBe(403);
  });
});

describe('wall tokens', () => {
  it('open the wall and its live events only, and stop working everywhere the moment they are revoked', async () => {
    const t = await createWallToken(app, 'lobby screen');
    const page = () => fetch(`${app.url}/wall?token=${encodeURIComponent(t.token)}`, { redirect: 'manual' });
    expect((await page()).status).toBe(200);
    expect((await fetch(`${app.url}/api/admin/audit?token=${encodeURIComponent(t.token)}`)).status).toBe(401);

    const s = socketAs(socketOptions({ wallToken: t.token }));
    const snapshot = new Promise((resolve) => s.once('live:snapshot:v1', resolve));
    await connected(s);
    await snapshot;
    // a wall may not send events (subscribing to stored ids is for signed-in people)
    const ack = await s.timeout(5000).emitWithAck('stored:subscribe:v1');
    expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const revokedNotice = new Promise<void>((resolve) => s.once('access:revoked:v1', () => resolve()));
    const dropped = new Promise<string>((resolve) => s.once('disconnect', (reason) => resolve(reason)));
    const admin = await signIn(app, 'admin');
    const del = await fetch(`${app.url}/api/admin/wall-tokens/${t.id}`, { method: 'DELETE', headers: admin.headers });
    expect(del.status).toBe(200);
    await revokedNotice;
    expect(await dropped).toBe('io server disconnect');
    expect((await page()).status).toBe(401);
    expect(await refused(socketAs(socketOptions({ wallToken: t.token })))).toBe('unauthorized');
    // the other wall's token still works
    const other = socketAs(socketOptions({ wallToken: wall.token }));
    await connected(other);
    other.disconnect();
  });

  it('are revoked on every web node: a screen on another node is disconnected too', async () => {
    const { spawn } = await import('node:child_process');
    const { freePort } = await import('../support/servers.ts');
    const port = await freePort();
    const other = `http://127.0.0.1:${port}`;
    const node = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { ...process.env, ...app.env, PORT: String(port), ORIGIN: other, LOG_LEVEL: 'warn' },
      stdio: 'ignore'
    });
    try {
      await until(() => fetch(`${other}/readyz`).then((r) => r.status).catch(() => 0), (s) => s === 200, 60_000);
      const t = await createWallToken(app, 'screen on node B');
      const s = io(other, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token: t.token } });
      await connected(s);
      const dropped = new Promise<string>((resolve) => s.once('disconnect', (reason) => resolve(reason)));
      const admin = await signIn(app, 'admin');
      expect((await fetch(`${app.url}/api/admin/wall-tokens/${t.id}`, { method: 'DELETE', headers: admin.headers })).status).toBe(200);
      expect(await dropped).toBe('io server disconnect');
      expect((await fetch(`${other}/wall?token=${encodeURIComponent(t.token)}`, { redirect: 'manual' })).status).toBe(401);
    } finally {
      node.kill('SIGTERM');
    }
  });

  it('can be made from the command line for a kiosk (scripts/create-wall-token.ts)', async () => {
    const { execFile } = await import('node:child_process');
    const out = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['--import', 'tsx', 'scripts/create-wall-token.ts', 'Kiosk', app.url], { env: { ...process.env, ...app.env } }, (err, stdout) =>
        err ? reject(err) : resolve(stdout.trim())
      )
    );
    expect(out).toMatch(new RegExp(`^${app.url}/wall\\?token=wall_`));
    expect((await fetch(out, { redirect: 'manual' })).status).toBe(200);
  });

  it('refuse made-up tokens and anonymous sockets', async () => {
    expect((await fetch(`${app.url}/wall?token=wall_made-up`, { redirect: 'manual' })).status).toBe(401);
    expect(await refused(socketAs({ extraHeaders: {} }))).toBe('unauthorized');
    expect(await refused(socketAs({ extraHeaders: {}, auth: { token: "wall_' OR 1=1 --" } }))).toBe('unauthorized');
  });
});

describe('socket events by role', () => {
  it('checks every event a client sends against the table', async () => {
    const viewer = socketAs(socketOptions(sessions.viewer));
    await connected(viewer);
    expect(await viewer.timeout(5000).emitWithAck('alerts:action:v1', { id: 'x', action: 'ack' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await viewer.timeout(5000).emitWithAck('made:up:v1')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // allowed: a viewer may subscribe to stored ids, and then receives them
    viewer.emit('stored:subscribe:v1');
    const ids = new Promise<string[]>((resolve) => viewer.on('stored:ids:v1', resolve));
    const wallSocket = socketAs(socketOptions({ wallToken: wall.token }));
    await connected(wallSocket);
    const wallGot: string[] = [];
    wallSocket.onAny((event) => wallGot.push(event));
    await new Promise((r) => setTimeout(r, 200));
    expect((await postFeedback(app, { channel: 'chat', text: 'The courier never came' })).status).toBe(202);
    expect((await ids).length).toBeGreaterThan(0);
    await until(async () => wallGot.filter((e) => e === 'live:update:v1').length, (n) => n > 0, 10_000);
    // the wall's own events only: live picture, alerts, launches — never plans, insights, topics or stored ids
    expect(wallGot.filter((e) => !/^(live|alerts|impact):/.test(e))).toEqual([]);
    viewer.disconnect();
    wallSocket.disconnect();
  });

  it('refuses a session cookie offered from another site’s page (cross-site WebSocket hijacking)', async () => {
    const { origin: _o, ...headers } = sessions.viewer.headers;
    expect(await refused(socketAs({ extraHeaders: { ...headers, origin: 'https://evil.example' } }))).toBe('unauthorized');
  });
});

describe('producer keys', () => {
  it('are shown once, hashed at rest, work at once, and are refused the moment they are revoked', async () => {
    const admin = await signIn(app, 'admin');
    const res = await fetch(`${app.url}/api/admin/producer-keys`, {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'crm export' })
    });
    expect(res.status).toBe(201);
    const { key, item } = await res.json();
    expect(key).toMatch(/^vocp_/);
    const listed = await (await fetch(`${app.url}/api/admin/producer-keys`, { headers: admin.headers })).text();
    expect(listed).not.toContain(key);
    expect(listed).toContain('crm export');
    expect((await postFeedback(app, { channel: 'email', text: 'Invoice is wrong' }, { 'x-api-key': key })).status).toBe(202);
    expect((await postFeedback(app, { channel: 'email', text: 'Invoice is wrong' }, { 'x-api-key': '', authorization: `Bearer ${key}` })).status).toBe(202);
    const del = await fetch(`${app.url}/api/admin/producer-keys/${item.id}`, { method: 'DELETE', headers: admin.headers });
    expect(del.status).toBe(200);
    const after = await postFeedback(app, { channel: 'email', text: 'Invoice is wrong' }, { 'x-api-key': key });
    expect(after.status).toBe(401);
    expect((await after.json()).error).toMatch(/API key/);
  });
});

describe('SQL metacharacters in every parameter of the access API', () => {
  const NASTY = ["' OR '1'='1", "'; DROP TABLE access_users; --", '\\', '%27%20OR%201%3D1', 'x\u0000y', '送餐😡'];

  it('are plain values: nothing leaks, nothing breaks', async () => {
    const admin = await signIn(app, 'admin');
    const get = (q: string) => fetch(`${app.url}/api/admin/audit?${q}`, { headers: admin.headers });
    for (const s of NASTY) {
      const actor = await get(`actor=${encodeURIComponent(s)}`);
      expect(actor.status).toBe(200);
      expect((await actor.json()).entries).toEqual([]);
      expect((await get(`action=${encodeURIComponent(s)}`)).status).toBe(400);
      expect((await get(`before=${encodeURIComponent(s)}`)).status).toBe(400);
      expect((await get(`limit=${encodeURIComponent(s)}`)).status).toBe(200);
      const id = encodeURIComponent(s);
      for (const path of [`/api/admin/wall-tokens/${id}`, `/api/admin/producer-keys/${id}`]) {
        expect((await fetch(`${app.url}${path}`, { method: 'DELETE', headers: admin.headers })).status).toBe(404);
      }
      const patch = await fetch(`${app.url}/api/admin/users/${id}`, {
        method: 'PATCH',
        headers: { ...admin.headers, 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'admin' })
      });
      expect(patch.status).toBe(404);
      expect((await login(app, s, s)).status).toBe(401);
      const created = await fetch(`${app.url}/api/admin/users`, {
        method: 'POST',
        headers: { ...admin.headers, 'content-type': 'application/json' },
        body: JSON.stringify({ username: s, role: 'viewer', password: 'correct horse battery' })
      });
      expect(created.status).toBe(400);
    }
    // a name full of metacharacters is stored and returned exactly
    const named = await fetch(`${app.url}/api/admin/wall-tokens`, {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ name: NASTY.join(' ') })
    });
    expect(named.status).toBe(201);
    expect((await named.json()).item.name).toBe(NASTY.join(' ').trim());
    const all = await (await get('limit=1000')).json();
    expect(all.entries.length).toBeGreaterThan(0);
    expect((await fetch(`${app.url}/api/admin/users`, { headers: admin.headers })).status).toBe(200);
  });
});

describe('an unknown address', () => {
  it('gets a 404 page in both languages, or the one asked for, that leads back to every screen', async () => {
    const both = await fetch(`${app.url}/no-such-page`);
    expect(both.status).toBe(404);
    const html = await both.text();
    expect(html).toContain('There is no page at this address.');
    expect(html).toContain('这个地址没有页面。');
    expect(html).toContain('href="/?lang=en"');
    const zh = await (await fetch(`${app.url}/no-such-page?lang=zh`)).text();
    expect(zh).toContain('这个地址没有页面。');
    expect(zh).not.toContain('There is no page');
  });
});

describe('security headers', () => {
  it('come with every answer: CSP without inline script, frame-ancestors, nosniff, no referrer', async () => {
    const answers = await Promise.all([
      fetch(`${app.url}/`),
      fetch(`${app.url}/login`),
      request('viewer', 'GET', '/wall'),
      request('admin', 'GET', '/admin'),
      fetch(`${app.url}/api/admin/users`),
      fetch(`${app.url}/healthz`),
      fetch(`${app.url}/no-such-page`),
      postFeedback(app, { channel: 'chat', text: 'headers' })
    ]);
    for (const r of answers) {
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp, r.url).toMatch(/frame-ancestors 'none'/);
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
      expect(r.headers.get('x-frame-options')).toBe('DENY');
    }
    const page = answers[2].headers.get('content-security-policy')!;
    expect(page).toMatch(/script-src 'self' 'sha256-/);
    expect(page).toMatch(/default-src 'self'/);
  });
});

describe('the audit trail', () => {
  it('records sign-ins, failures, role changes, token and key life cycles — for admins only', async () => {
    expect((await login(app, app.admin.username, 'definitely wrong')).status).toBe(401);
    const admin = await signIn(app, 'admin');
    const entries = (await (await fetch(`${app.url}/api/admin/audit?limit=1000`, { headers: admin.headers })).json()).entries as {
      action: string;
      actor: string;
      target: string;
      ok: number;
    }[];
    const actions = new Set(entries.map((e) => e.action));
    for (const a of ['sign-in', 'sign-in-failed', 'sign-out', 'user-create', 'user-role', 'user-disable', 'wall-token-create', 'wall-token-revoke', 'producer-key-create', 'producer-key-revoke']) {
      expect(actions, a).toContain(a);
    }
    expect(entries.find((e) => e.action === 'sign-in-failed' && e.actor === app.admin.username)?.ok).toBe(0);
    expect(entries.find((e) => e.action === 'user-role')).toMatchObject({ actor: app.admin.username, target: 'promoted' });
    const filtered = (await (await fetch(`${app.url}/api/admin/audit?action=wall-token-revoke`, { headers: admin.headers })).json()).entries;
    expect(filtered.every((e: { action: string }) => e.action === 'wall-token-revoke')).toBe(true);
    expect((await request('editor', 'GET', '/api/admin/audit')).status).toBe(403);
  });

  // The customer-list export is built by the impact work; once it is in the build, its use is audited.
  it.runIf(existsSync('src/routes/api/impact/[planId]/customers.csv/+server.ts'))('writes every customer-list export to the trail', async () => {
    expect((await request('viewer', 'GET', '/api/impact/p-audit/customers.csv')).status).toBe(403);
    await request('editor', 'GET', '/api/impact/p-audit/customers.csv');
    const admin = await signIn(app, 'admin');
    const entries = (await (await fetch(`${app.url}/api/admin/audit?action=export`, { headers: admin.headers })).json()).entries;
    expect(entries.filter((e: { target: string }) => e.target === '/api/impact/p-audit/customers.csv')).toMatchObject([{ actor: 'test-editor', action: 'export' }]);
  });
});

describe('throttling and limits (a strict deployment)', () => {
  let strict: App;
  beforeAll(async () => {
    strict = await startApp({ VOC_LOGIN_MAX_FAILURES: '3', VOC_LOGIN_MAX_FAILURES_PER_IP: '8', VOC_LOGIN_WINDOW_S: '600', VOC_PRODUCER_LIMIT_PER_MIN: '5' });
    await strict.startWeb();
  });
  afterAll(() => strict?.stop());

  it('answers 429 with Retry-After after repeated failed sign-ins, even to the right password', async () => {
    const victim = await signIn(strict, 'viewer');
    for (let i = 0; i < 3; i++) expect((await login(strict, victim.username, `guess-${i}`)).status).toBe(401);
    const blocked = await login(strict, victim.username, 'guess-again');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await blocked.json()).reason).toBe('throttled');
    expect((await login(strict, strict.admin.username, strict.admin.password)).status).toBe(200);
  });

  it('rate-limits each producer key with 429, Retry-After and a JSON reason', async () => {
    let accepted = 0;
    let last: Response | null = null;
    for (let i = 0; i < 12; i++) {
      last = await postFeedback(strict, { channel: 'chat', text: `burst ${i}` });
      if (last.status !== 202) break;
      accepted++;
    }
    // 5 per minute; a minute may turn over mid-burst, which allows 5 more
    expect(accepted).toBeGreaterThanOrEqual(1);
    expect(accepted).toBeLessThanOrEqual(10);
    expect(last!.status).toBe(429);
    const retry = Number(last!.headers.get('retry-after'));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(await last!.json()).toMatchObject({ reason: 'rate_limited', retryAfterS: retry });
  });

  it('throttles a whole address that tries many accounts', async () => {
    for (let i = 0; i < 8; i++) await login(strict, `nobody-${i}`, 'x');
    const res = await login(strict, strict.admin.username, strict.admin.password);
    expect(res.status).toBe(429);
  });
});

describe('the first admin without environment variables', () => {
  it('is created once with the setup token from the log, never with a default password; sessions end on time', async () => {
    // sessions of 3.6 s, to watch one end
    const fresh = await startApp({ VOC_ADMIN_USER: '', VOC_ADMIN_PASSWORD: '', VOC_SESSION_HOURS: '0.001' });
    try {
      await fresh.startWeb();
      const token = await until(async () => /setup\?token=(setup_[\w-]+)/.exec(fresh.webLog())?.[1], (t) => t !== undefined, 10_000);
      for (const guess of [['admin', 'admin'], ['admin', 'password'], ['admin', '']]) expect((await login(fresh, guess[0], guess[1])).status).not.toBe(200);
      const setup = (t: string, username: string) =>
        fetch(`${fresh.url}/api/auth/setup`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token: t, username, password: 'first admin password' })
        });
      expect((await setup('setup_wrong', 'mallory')).status).toBe(403);
      expect((await setup(token!, 'founder')).status).toBe(201);
      expect((await setup(token!, 'mallory')).status).toBe(403);
      const signedIn = await login(fresh, 'founder', 'first admin password');
      expect(signedIn.status).toBe(200);
      expect((await login(fresh, 'mallory', 'first admin password')).status).toBe(401);
      // the session ends by itself, and so does the socket it opened
      const founder = sessionFrom(signedIn, 'admin', 'founder');
      const s = io(fresh.url, { transports: ['websocket'], forceNew: true, reconnection: false, ...socketOptions(founder) });
      const dropped = new Promise<number>((resolve) => s.once('disconnect', () => resolve(Date.now())));
      await connected(s);
      expect((await fetch(`${fresh.url}/api/admin/users`, { headers: founder.headers })).status).toBe(200);
      const t0 = Date.now();
      expect((await dropped) - t0).toBeLessThan(6000);
      expect((await fetch(`${fresh.url}/api/admin/users`, { headers: founder.headers })).status).toBe(401);
    } finally {
      await fresh.stop();
    }
  });
});
