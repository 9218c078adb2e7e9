import { describe, expect, it } from 'vitest';
import { hashPassword, randomSecret, sameSecret, sha256, verifyPassword } from './secrets.ts';
import { parseCookies } from './http.ts';
import { csrfToken, safeNext } from '../../access/client.ts';

describe('passwords', () => {
  it('hashes with scrypt and a fresh salt, verifies, and rejects wrong or tampered input', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('correct horse battery', a.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).toBe(false);
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
  });
});

describe('secrets', () => {
  it('are 256-bit, distinct, and compared by hash', () => {
    const s = randomSecret('wall_');
    expect(s).toMatch(/^wall_[A-Za-z0-9_-]{43}$/);
    expect(randomSecret()).not.toBe(randomSecret());
    expect(sha256('a')).toHaveLength(64);
    expect(sameSecret(s, s)).toBe(true);
    expect(sameSecret(s, s + 'x')).toBe(false);
  });
});

describe('cookies and redirects', () => {
  it('parses Cookie headers, first value wins', () => {
    expect(parseCookies('a=1; voc_session=abc%3D; a=2')).toEqual({ a: '1', voc_session: 'abc=' });
    expect(parseCookies(undefined)).toEqual({});
    expect(csrfToken('x=1; voc_csrf=tok')).toBe('tok');
  });

  it('only follows same-site paths after sign-in', () => {
    expect(safeNext('/plans?x=1')).toBe('/plans?x=1');
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', null, 'javascript:alert(1)']) expect(safeNext(bad)).toBe('/');
  });
});

describe('the page-side CSRF header', () => {
  it('is added to same-origin state-changing fetches only', async () => {
    const { installCsrfFetch } = await import('../../access/client.ts');
    const seen: { url: string; token: string | null }[] = [];
    const win = {
      location: { origin: 'https://voc.example' },
      fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
        seen.push({ url: String(input instanceof Request ? input.url : input), token: new Headers(init?.headers).get('x-csrf-token') });
        return new Response('{}');
      }) as typeof fetch
    };
    (globalThis as { document?: { cookie: string } }).document = { cookie: 'voc_csrf=tok123' };
    installCsrfFetch(win);
    await win.fetch('/api/plans', { method: 'POST', body: '{}' });
    await win.fetch('/api/plans');
    await win.fetch('https://elsewhere.example/hook', { method: 'POST' });
    await win.fetch(new Request('https://voc.example/api/plans/1/events', { method: 'POST', headers: { 'content-type': 'application/json' } }));
    await win.fetch('/api/x', { method: 'DELETE', headers: { 'x-csrf-token': 'explicit' } });
    delete (globalThis as { document?: unknown }).document;
    expect(seen.map((s) => s.token)).toEqual(['tok123', null, null, 'tok123', 'explicit']);
  });
});
