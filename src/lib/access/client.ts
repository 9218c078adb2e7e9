/**
 * The browser side of access: every state-changing request echoes the CSRF cookie in a header (a forged
 * form from another site cannot), and JSON errors become messages.
 */
export const CSRF_COOKIE = 'voc_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function csrfToken(cookie = typeof document === 'undefined' ? '' : document.cookie): string {
  for (const part of cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === CSRF_COOKIE) return decodeURIComponent(v.join('='));
  }
  return '';
}

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: string; retryAfterS?: number };

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<ApiResult<T>> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers[CSRF_HEADER] = csrfToken();
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  } catch (e) {
    return { ok: false, status: 0, error: (e as Error).message };
  }
  const data = await res.json().catch(() => ({}));
  if (res.ok) return { ok: true, status: res.status, data: data as T };
  return { ok: false, status: res.status, error: String((data as { error?: string }).error ?? res.statusText), retryAfterS: (data as { retryAfterS?: number }).retryAfterS };
}

/** Only same-site paths after sign-in: `?next=https://evil.example` must not become an open redirect. */
export const safeNext = (next: string | null): string => (next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/');

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every same-origin, state-changing fetch a page makes carries the CSRF token, so features (and
 * SvelteKit's use:enhance, which posts with fetch) need not know about it. Installed once at start-up
 * by src/hooks.client.ts. Requests to other origins never get the token.
 */
export function installCsrfFetch(win: { fetch: typeof fetch; location: { origin: string } } = window): void {
  const original = win.fetch.bind(win);
  const patched = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : null;
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    const url = new URL(request ? request.url : String(input), win.location.origin);
    if (!STATE_CHANGING.has(method) || url.origin !== win.location.origin) return original(input, init);
    const headers = new Headers(init?.headers ?? request?.headers);
    if (!headers.has(CSRF_HEADER)) headers.set(CSRF_HEADER, csrfToken());
    return original(input, { ...init, headers });
  };
  win.fetch = patched as typeof fetch;
}
