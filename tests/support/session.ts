import { randomBytes } from 'node:crypto';
import type { BrowserContext } from 'playwright-core';
import type { Role } from '../../schemas/access.ts';
import type { App } from './app.ts';

/**
 * How a test acts as a person of a given role: every HTTP request, Socket.IO connection and browser
 * context a feature test makes goes through these, so the access layer (issue #7) is exercised by
 * every test rather than switched off for them.
 */
export interface Session {
  role: Role;
  /** headers to send with every request: cookie, and the CSRF token for state-changing requests */
  headers: Record<string, string>;
  /** the raw cookies, for browsers */
  cookies: { name: string; value: string }[];
  username: string;
}

/** One account per role and app, created through the admin API the first time a test asks for it. */
const accounts = new WeakMap<App, Map<Role, Promise<{ username: string; password: string }>>>();

export async function login(app: App, username: string, password: string): Promise<Response> {
  return fetch(`${app.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: app.url },
    body: JSON.stringify({ username, password })
  });
}

/** A Session from a successful sign-in answer's Set-Cookie headers. */
export function sessionFrom(res: Response, role: Role, username: string): Session {
  const cookies = res.headers.getSetCookie().map((c) => {
    const [pair] = c.split(';');
    const i = pair.indexOf('=');
    return { name: pair.slice(0, i), value: pair.slice(i + 1) };
  });
  const csrf = cookies.find((c) => c.name === 'voc_csrf')?.value ?? '';
  return {
    role,
    username,
    cookies,
    headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': csrf, origin: app0(res) }
  };
}
// the Origin a browser on our pages would send
const app0 = (res: Response) => new URL(res.url).origin;

async function signInAs(app: App, username: string, password: string, role: Role): Promise<Session> {
  const res = await login(app, username, password);
  if (res.status !== 200) throw new Error(`sign-in as ${username} failed: ${res.status} ${await res.text()}`);
  return sessionFrom(res, role, username);
}

export async function signIn(app: App, role: Role): Promise<Session> {
  if (role === 'admin') return signInAs(app, app.admin.username, app.admin.password, 'admin');
  let perApp = accounts.get(app);
  if (!perApp) accounts.set(app, (perApp = new Map()));
  let account = perApp.get(role);
  if (!account) {
    account = (async () => {
      const admin = await signInAs(app, app.admin.username, app.admin.password, 'admin');
      const username = `test-${role}`;
      const password = randomBytes(18).toString('base64url');
      const res = await fetch(`${app.url}/api/admin/users`, {
        method: 'POST',
        headers: { ...admin.headers, 'content-type': 'application/json' },
        body: JSON.stringify({ username, displayName: `Test ${role}`, role, password })
      });
      if (res.status !== 201) throw new Error(`creating the ${role} account failed: ${res.status} ${await res.text()}`);
      return { username, password };
    })();
    perApp.set(role, account);
    account.catch(() => perApp.delete(role));
  }
  const { username, password } = await account;
  return signInAs(app, username, password, role);
}

/** A wall token made through the admin API: `{ token, url, id }`. */
export async function createWallToken(app: App, name = 'test wall'): Promise<{ token: string; url: string; id: string }> {
  const admin = await signIn(app, 'admin');
  const res = await fetch(`${app.url}/api/admin/wall-tokens`, {
    method: 'POST',
    headers: { ...admin.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ name })
  });
  if (res.status !== 201) throw new Error(`creating a wall token failed: ${res.status}`);
  const b = (await res.json()) as { token: string; url: string; item: { id: string } };
  return { token: b.token, url: b.url, id: b.item.id };
}

/** Options for socket.io-client's `io(url, options)`; a wall token goes in `auth`, a session in the cookie. */
export function socketOptions(session: Session | { wallToken: string }): { extraHeaders: Record<string, string>; auth?: { token: string } } {
  if ('wallToken' in session) return { extraHeaders: {}, auth: { token: session.wallToken } };
  // Node's WebSocket sends no Origin unless told; the cookie is what signs the socket in.
  const { origin: _o, ...headers } = session.headers;
  return { extraHeaders: headers };
}

/** Signs a browser context in (cookies) before it opens pages. */
export async function signInBrowser(context: BrowserContext, app: App, role: Role): Promise<Session> {
  const session = await signIn(app, role);
  await context.addCookies(session.cookies.map((c) => ({ name: c.name, value: c.value, url: app.url, sameSite: 'Lax' as const })));
  return session;
}

/** A GET as `session`, with the answer's status and parsed JSON body. */
export async function getJson<T>(app: App, session: Session, path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${app.url}${path}`, { headers: session.headers });
  return { status: res.status, body: (await res.json()) as T };
}

/** A JSON POST as `session`; a string body is sent as it is, so tests can send malformed JSON. */
export function postJson(app: App, session: Session, path: string, body: unknown): Promise<Response> {
  return fetch(`${app.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...session.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body)
  });
}
