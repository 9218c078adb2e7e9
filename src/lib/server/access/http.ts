import type { Cookies } from '@sveltejs/kit';
import type { Config } from '../../../../streaming/config.ts';

/** The session cookie (httpOnly) and its CSRF companion (readable by the page, echoed in a header). */
export const SESSION_COOKIE = 'voc_session';
export const CSRF_COOKIE = 'voc_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export const apiKeyOf = (request: Request): string =>
  request.headers.get('x-api-key') || request.headers.get('authorization')?.replace(/^Bearer\s+/i, '') || '';

/**
 * auto: Secure when the site is served over https — ORIGIN says so, or the proxy in front reports it.
 * (adapter-node assumes https when neither ORIGIN nor PROTOCOL_HEADER is set, so url.protocol cannot tell.)
 */
function secure(config: Config, request: Request): boolean {
  if (config.VOC_COOKIE_SECURE !== 'auto') return config.VOC_COOKIE_SECURE === 'true';
  return (process.env.ORIGIN ?? '').startsWith('https:') || request.headers.get('x-forwarded-proto') === 'https';
}

export function setSessionCookies(cookies: Cookies, config: Config, request: Request, s: { id: string; csrf: string; maxAgeS: number }): void {
  const base = { path: '/', sameSite: 'lax' as const, secure: secure(config, request), maxAge: s.maxAgeS };
  cookies.set(SESSION_COOKIE, s.id, { ...base, httpOnly: true });
  cookies.set(CSRF_COOKIE, s.csrf, { ...base, httpOnly: false });
}

export function clearSessionCookies(cookies: Cookies, config: Config, request: Request): void {
  for (const name of [SESSION_COOKIE, CSRF_COOKIE]) cookies.delete(name, { path: '/', secure: secure(config, request) });
}

/** Parses a Cookie header (Socket.IO handshakes have no SvelteKit cookie helper). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    const k = part.slice(0, i).trim();
    if (!k || k in out) continue;
    try {
      out[k] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      out[k] = part.slice(i + 1).trim();
    }
  }
  return out;
}

/**
 * A state-changing request must come from our own pages: the browser's Origin (or Sec-Fetch-Site) must
 * not name another site. Non-browser clients send neither and are held to the CSRF token instead.
 */
export function crossSite(request: Request, url: URL): boolean {
  const origin = request.headers.get('origin');
  if (origin && origin !== url.origin && hostOf(origin) !== request.headers.get('host')) return true;
  const site = request.headers.get('sec-fetch-site');
  return site === 'cross-site' || site === 'same-site';
}

/** Security headers for every response; pages already carry SvelteKit's CSP (svelte.config.js). */
export function secureHeaders(headers: Headers, config: Config): void {
  const ancestors = config.VOC_FRAME_ANCESTORS;
  const csp = headers.get('content-security-policy');
  if (csp) headers.set('content-security-policy', csp.replace(/frame-ancestors [^;]*/, `frame-ancestors ${ancestors}`));
  else headers.set('content-security-policy', `default-src 'none'; frame-ancestors ${ancestors}`);
  headers.set('x-content-type-options', 'nosniff');
  // no-referrer: a wall URL carries its token and must never leak to another site
  headers.set('referrer-policy', 'no-referrer');
  if (ancestors === "'none'") headers.set('x-frame-options', 'DENY');
  headers.set('cross-origin-opener-policy', 'same-origin');
}

const hostOf = (origin: string): string | null => {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
};
