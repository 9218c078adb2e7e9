import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectHttpDb, type Db } from '../../streaming/store/db.ts';
import { readGroups } from '../../streaming/ingest/groups.ts';
import { migrate } from '../../streaming/store/migrate.ts';
import { sql } from '../../streaming/store/sql.ts';
import { startApp } from '../support/app.ts';
import { pendingCount, redisClient, runProcessor, testStreams, until, xaddDocs } from '../support/pipeline.ts';
import { spawnClickHouse, startClickHouse, startRedis } from '../support/servers.ts';
import { signIn } from '../support/session.ts';

const docs = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${i}`, channel: 'chat', text: `Order ${prefix} ${i}: the rider was ${i} minutes late` }));

const counts = async (db: Db, prefix: string) => {
  const [r] = await db.query<{ n: string; d: string }>(sql`SELECT count() AS n, uniqExact(id) AS d FROM feedback WHERE startsWith(id, ${prefix})`);
  return { rows: Number(r.n), ids: Number(r.d) };
};


describe('a ClickHouse outage', () => {
  let dir: string;
  let ch: { url: string; proc: ChildProcess };
  let port: number;
  let redis: Redis;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'voc-outage-'));
    ch = await startClickHouse(dir);
    port = Number(new URL(ch.url).port);
    redis = redisClient();
  });
  afterAll(() => {
    ch?.proc.kill('SIGKILL');
    redis?.disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pauses the pipeline with bounded memory, acknowledges nothing unstored, and loses nothing', async () => {
    const db = await connectHttpDb({ url: ch.url, database: 'outage', requestTimeoutMs: 2000 });
    await migrate(db);
    const config = testStreams({ MAX_IN_FLIGHT: 300, BATCH_MAX: 100 });
    const p = runProcessor(config, db);
    await xaddDocs(redis, config.VOC_STREAM, docs('before', 100));
    await until(() => counts(db, 'before'), (c) => c.rows === 100);

    ch.proc.kill('SIGKILL');
    await new Promise((r) => ch.proc.once('exit', r));
    await xaddDocs(redis, config.VOC_STREAM, docs('during', 2000));
    await new Promise((r) => setTimeout(r, 3000));
    // Read no further than the in-flight bound, and none of it acknowledged.
    const [during] = await readGroups(redis, config.VOC_STREAM);
    expect(during.pending).toBe(300);
    expect(await counts(db, 'during').catch(() => 'unreachable')).toBe('unreachable');
    expect((await p.metrics.inFlight.get()).values[0]?.value ?? 0).toBeLessThanOrEqual(300);

    ch = await spawnClickHouse(dir, port);
    await until(() => counts(db, 'during'), (c) => c.rows === 2000, 60_000);
    await until(() => pendingCount(redis, config.VOC_STREAM), (n) => n === 0);
    expect(await counts(db, 'during')).toEqual({ rows: 2000, ids: 2000 });
    await p.close();
    await db.close();
  });
});

describe('a ClickHouse outage seen from a screen', () => {
  let dir: string;
  let ch: { url: string; proc: ChildProcess };
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'voc-outage-web-'));
    ch = await startClickHouse(dir);
    app = await startApp({ CLICKHOUSE_URL: ch.url });
    await app.startWeb();
  });
  afterAll(async () => {
    await app?.stop();
    ch?.proc.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a page it cannot build with a dark page in both languages that retries by itself, then with the page', async () => {
    const viewer = await signIn(app, 'viewer');
    const report = () => fetch(`${app.url}/report?period=week`, { headers: viewer.headers, redirect: 'manual' });
    expect((await report()).status).toBe(200);
    const port = Number(new URL(ch.url).port);
    ch.proc.kill('SIGKILL');
    await new Promise((r) => ch.proc.once('exit', r));

    const down = await report();
    expect(down.status).toBeGreaterThanOrEqual(500);
    const html = await down.text();
    expect(html).toMatch(/<meta http-equiv="refresh" content="15"/);
    expect(html).toContain('服务暂时不可用，本页每 15 秒自动重试。');
    expect(html).toContain('this page tries again by itself every 15 seconds');
    expect(html).toContain('#0b0f14');
    // Nothing of the cause (addresses, ports) reaches the reader.
    expect(html).not.toContain(String(port));

    ch = await spawnClickHouse(dir, port);
    await until(async () => (await report()).status, (s) => s === 200, 60_000);
  });
});

describe('processor restarts', () => {
  it('on SIGTERM stops reading, stores and acknowledges what it read, and exits cleanly', async () => {
    const app = await startApp();
    const redis = redisClient();
    try {
      const proc = app.startProcessor();
      // Entries written before the processor creates its group are read too (the group starts at 0),
      // but waiting for it makes the SIGTERM land while reading is under way.
      await until(async () => (await readGroups(redis, app.env.VOC_STREAM)).length, (n) => n === 1, 30_000);
      await xaddDocs(redis, app.env.VOC_STREAM, docs('term', 3000));
      await new Promise((r) => setTimeout(r, 300));
      const exit = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
      proc.kill('SIGTERM');
      expect(await exit).toBe(0);
      // Whatever it read is stored and acknowledged; the rest waits, unread, for the next processor.
      expect(await pendingCount(redis, app.env.VOC_STREAM)).toBe(0);
      app.startProcessor();
      const db = await connectHttpDb({ url: app.env.CLICKHOUSE_URL, database: app.env.CLICKHOUSE_DATABASE });
      await until(() => counts(db, 'term'), (c) => c.rows === 3000, 60_000);
      expect(await counts(db, 'term')).toEqual({ rows: 3000, ids: 3000 });
      await db.close();
    } finally {
      redis.disconnect();
      await app.stop();
    }
  });

  it('on SIGTERM with its Redis gone, exits once the grace period is over instead of waiting for ever', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'voc-redis-gone-'));
    const own = await startRedis(dir);
    const app = await startApp({ REDIS_URL: own.url, SHUTDOWN_GRACE_MS: '2000' });
    try {
      const redis = redisClient(own.url);
      const proc = app.startProcessor();
      await until(async () => (await readGroups(redis, app.env.VOC_STREAM)).length, (n) => n === 1, 30_000);
      redis.disconnect();
      own.proc.kill('SIGKILL');
      await new Promise((r) => own.proc.once('exit', r));
      const started = Date.now();
      const exit = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
      proc.kill('SIGTERM');
      expect(await exit).toBe(1);
      // Grace (2 s) plus the hang allowance (5 s), not the harness's 15-s SIGKILL.
      expect(Date.now() - started).toBeLessThan(12_000);
    } finally {
      own.proc.kill('SIGKILL');
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('after a crash (SIGKILL), another processor takes over the dead one’s entries: nothing lost, nothing twice', async () => {
    const app = await startApp({ CLAIM_IDLE_MS: '2000' });
    const redis = redisClient();
    try {
      const victim = app.startProcessor({ BATCH_MS: '2000', BATCH_MAX: '100000' });
      await until(async () => (await redis.exists(app.env.VOC_STREAM)) === 1, (ok) => ok, 30_000);
      await new Promise((r) => setTimeout(r, 1000));
      await xaddDocs(redis, app.env.VOC_STREAM, docs('crash', 2000));
      // Killed while holding read, unstored entries (its batch window is 2 s).
      await until(() => pendingCount(redis, app.env.VOC_STREAM), (n) => n > 0, 10_000);
      victim.kill('SIGKILL');
      app.startProcessor();
      const db = await connectHttpDb({ url: app.env.CLICKHOUSE_URL, database: app.env.CLICKHOUSE_DATABASE });
      await until(() => counts(db, 'crash'), (c) => c.rows === 2000, 60_000);
      await until(() => pendingCount(redis, app.env.VOC_STREAM), (n) => n === 0, 30_000);
      expect(await counts(db, 'crash')).toEqual({ rows: 2000, ids: 2000 });
      await db.close();
    } finally {
      redis.disconnect();
      await app.stop();
    }
  });
});
