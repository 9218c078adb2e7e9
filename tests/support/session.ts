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
}

export async function signIn(_app: App, role: Role): Promise<Session> {
  return { role, headers: {} };
}

/** Options for socket.io-client's `io(url, options)`. */
export function socketOptions(session: Session): { extraHeaders: Record<string, string> } {
  return { extraHeaders: { ...session.headers } };
}

/** Signs a browser context in (cookies) before it opens pages. */
export async function signInBrowser(_context: BrowserContext, _app: App, _role: Role): Promise<void> {}
