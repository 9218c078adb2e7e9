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
