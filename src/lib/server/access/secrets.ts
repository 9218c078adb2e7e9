import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Passwords: scrypt (memory-hard) with N = 2^15, r = 8, p = 1 — 32 MiB and roughly 0.1 s per guess on one
 * core, the parameters OWASP recommends for scrypt. Stored as `scrypt$N$r$p$salt$hash` so the cost can be
 * raised later without invalidating existing hashes.
 */
const N = 2 ** 15;
const R = 8;
const P = 1;
const KEYLEN = 32;

const derive = (password: string, salt: Buffer, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEYLEN, { ...opts, maxmem: 256 * (opts.N ?? N) * (opts.r ?? R) }, (err, key) => (err ? reject(err) : resolve(key)))
  );

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  const expected = Buffer.from(parts[5], 'base64');
  const key = await derive(password, Buffer.from(parts[4], 'base64'), { N: n, r, p });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash computed for unknown accounts too, so response time does not reveal which names exist. */
let dummy: Promise<string> | null = null;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword('not-a-real-account');
  await verifyPassword(password, await dummy);
}

/** 256 bits from the OS, URL-safe. Wall tokens, producer keys, sessions and CSRF tokens are all these. */
export const randomSecret = (prefix = ''): string => prefix + randomBytes(32).toString('base64url');

/** High-entropy secrets need no slow hash: sha256 makes a stolen table useless and look-ups exact. */
export const sha256 = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(sha256(a));
  const y = Buffer.from(sha256(b));
  return timingSafeEqual(x, y);
};

export const PASSWORD_MIN = 12;
export const USERNAME = /^[a-z0-9._-]{2,64}$/;
