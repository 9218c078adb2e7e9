import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Starts throw-away Redis and ClickHouse servers on free ports with data in a temporary folder, so tests
 * never touch a developer's own servers (or the machine's Redis on 6379).
 */
export interface Servers {
  redisUrl: string;
  clickhouseUrl: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not become ready within ${timeoutMs} ms`);
}

export async function startRedis(dir: string): Promise<{ url: string; proc: ChildProcess }> {
  const port = await freePort();
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: 'ignore'
  });
  const url = `redis://127.0.0.1:${port}`;
  const { Redis } = await import('ioredis');
  await waitFor(async () => {
    const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      await r.connect();
      return (await r.ping()) === 'PONG';
    } finally {
      r.disconnect();
    }
  }, 'redis-server');
  return { url, proc };
}

/** Writes a minimal config for any ClickHouse server from 18.16 on and starts it. */
export async function startClickHouse(dir: string): Promise<{ url: string; proc: ChildProcess }> {
  const http = await freePort();
  const tcp = await freePort();
  for (const d of ['data', 'tmp', 'user_files', 'format_schemas']) mkdirSync(join(dir, d), { recursive: true });
  writeFileSync(
    join(dir, 'config.xml'),
    `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/err.log</errorlog></logger>
  <http_port>${http}</http_port>
  <tcp_port>${tcp}</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>268435456</mark_cache_size>
  <max_concurrent_queries>100</max_concurrent_queries>
</yandex>
`
  );
  writeFileSync(
    join(dir, 'users.xml'),
    `<?xml version="1.0"?>
<yandex>
  <profiles><default></default></profiles>
  <users><default><password></password><networks><ip>::/0</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`
  );
  return spawnClickHouse(dir, http);
}

/** Starts (or restarts, on the same data) a ClickHouse whose config startClickHouse wrote into `dir`. */
export async function spawnClickHouse(dir: string, httpPort: number): Promise<{ url: string; proc: ChildProcess }> {
  const bin = existsSync('/usr/bin/clickhouse-server') || existsSync('/usr/sbin/clickhouse-server') ? 'clickhouse-server' : 'clickhouse';
  const args = bin === 'clickhouse' ? ['server', `--config-file=${dir}/config.xml`] : [`--config-file=${dir}/config.xml`];
  const proc = spawn(bin, args, { stdio: 'ignore', cwd: dir });
  const url = `http://127.0.0.1:${httpPort}`;
  await waitFor(async () => (await fetch(`${url}/ping`)).ok, 'clickhouse-server');
  return { url, proc };
}

export async function startServers(): Promise<Servers> {
  const dir = mkdtempSync(join(tmpdir(), 'voc-test-'));
  mkdirSync(join(dir, 'redis'));
  mkdirSync(join(dir, 'clickhouse'));
  const [redis, ch] = await Promise.all([startRedis(join(dir, 'redis')), startClickHouse(join(dir, 'clickhouse'))]);
  return {
    redisUrl: redis.url,
    clickhouseUrl: ch.url,
    async stop() {
      for (const p of [redis.proc, ch.proc]) p.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      for (const p of [redis.proc, ch.proc]) if (p.exitCode === null) p.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
