import { json } from '@sveltejs/kit';
import { getContext } from '$lib/server/context';
import { pendingMigrations } from '../../../streaming/store/migrate.ts';

const within = <T>(p: Promise<T>, ms: number) => Promise.race([p, new Promise<never>((_, rej) => setTimeout(() => rej(new Error('timeout')), ms))]);

export const GET = async () => {
  const ctx = await getContext();
  const [redis, clickhouse, pending] = await Promise.all([
    within(ctx.redis.ping(), 2000).then((r) => r === 'PONG').catch(() => false),
    within(ctx.db.ping(), 2000).catch(() => false),
    within(pendingMigrations(ctx.db), 2000).catch(() => -1)
  ]);
  const checks = { redis, clickhouse, migrations: pending === 0 };
  const ready = Object.values(checks).every(Boolean);
  return json({ ready, checks }, { status: ready ? 200 : 503 });
};
