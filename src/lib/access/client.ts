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
