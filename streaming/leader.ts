import type { Redis } from 'ioredis';

/**
 * One leader among instances of a service (alert watchers; web nodes finding emerging topics): a Redis
 * key with an expiry, renewed while alive. Another instance is a hot standby that takes over within one
 * expiry of the leader's death. Renewal and release only touch the key while it still holds our token.
 */

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export interface Leadership {
  /** true while we hold the lock: acquires it when free, renews it when ours */
  hold(): Promise<boolean>;
  release(): Promise<void>;
}

export function leadership(redis: Redis, key: string, token: string, ttlMs: number): Leadership {
  return {
    async hold() {
      const renewed = Number(await redis.eval(RENEW, 1, key, token, String(ttlMs)));
      if (renewed === 1) return true;
      return (await redis.set(key, token, 'PX', ttlMs, 'NX')) === 'OK';
    },
    async release() {
      await redis.eval(RELEASE, 1, key, token);
    }
  };
}
