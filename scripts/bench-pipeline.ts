/**
 * Pipeline benchmark: pushes realistic simulated feedback through the real pipeline (Redis stream → one
 * processor → ClickHouse → web node → Socket.IO client) and measures it.
 *
 *   npm run --silent bench:pipeline [-- --rate 6000 --duration 300 --latency-rate 1000 --latency-duration 60]
 *
 * Phase 1 offers `--rate` messages/s for `--duration` s and reports the sustained stored rate and the
 * consumer lag over time. Phase 2 offers `--latency-rate` messages/s and reports XADD→stored and
 * XADD→Socket.IO push latencies. Progress goes to stderr; the last stdout line is the JSON result.
 * Starts its own Redis and ClickHouse (like the tests) unless REDIS_URL and CLICKHOUSE_URL are set.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { io } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../schemas/events.ts';
import { readGroups } from '../streaming/ingest/groups.ts';
import { storedChannel, type StoredNotice } from '../streaming/push/stored-notice.ts';
import { createGenerator } from '../streaming/sim/generator.ts';
import { freePort, startServers } from '../tests/support/servers.ts';
import { numberOption } from './lib/args.ts';

const RATE = numberOption('rate', 6000);
const DURATION_S = numberOption('duration', 300);
const LAT_RATE = numberOption('latency-rate', 1000);
const LAT_DURATION_S = numberOption('latency-duration', 60);
const say = (msg: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${msg}\n`);

const servers = process.env.REDIS_URL && process.env.CLICKHOUSE_URL ? null : await startServers();
const REDIS_URL = process.env.REDIS_URL ?? servers!.redisUrl;
const CLICKHOUSE_URL = process.env.CLICKHOUSE_URL ?? servers!.clickhouseUrl;
const run = `bench${Date.now().toString(36)}`;
const port = await freePort();
// The push is measured as a signed-in viewer sees it: the bench signs in as this run's own admin.
const benchAdmin = { username: 'bench', password: randomBytes(18).toString('base64url') };
const env = {
  ...process.env,
  VOC_ADMIN_USER: benchAdmin.username,
  VOC_ADMIN_PASSWORD: benchAdmin.password,
  REDIS_URL,
  CLICKHOUSE_URL,
  CLICKHOUSE_DATABASE: run,
  VOC_STREAM: `${run}:feedback`,
  VOC_DLQ: `${run}:dlq`,
  PORT: String(port),
  HOST: '127.0.0.1',
  METRICS_PORT: '0',
  LOG_LEVEL: 'warn'
};
const children: ChildProcess[] = [];
const start = (script: string) => {
  const c = spawn(process.execPath, ['--import', 'tsx', script], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(c);
  return c;
};
const cleanup = async () => {
  // The servers stay up until the children have stopped: a processor told to stop while Redis is gone
  // waits on it for ever, and kept a core busy into the next run.
  const exited = children.map((c) => (c.exitCode !== null || c.signalCode !== null ? null : new Promise((r) => c.once('exit', r))));
  for (const c of children) c.kill('SIGTERM');
  await Promise.race([Promise.all(exited), new Promise((r) => setTimeout(r, 40_000))]);
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await servers?.stop();
};
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

const processor = start('streaming/main.ts');
start('src/server.ts');
const url = `http://127.0.0.1:${port}`;
for (let i = 0; i < 300 && !(await fetch(`${url}/readyz`).then((r) => r.ok).catch(() => false)); i++) await new Promise((r) => setTimeout(r, 200));

const redis = new Redis(REDIS_URL);
const sub = new Redis(REDIS_URL);
const idTime = (id: string) => Number(id.slice(0, id.indexOf('-')));
const storeLat: number[] = [];
const pushLat: number[] = [];
let stored = 0;
let measuring = false;
await sub.subscribe(storedChannel(env.VOC_STREAM));
sub.on('message', (_c, m) => {
  const now = Date.now();
  const n = JSON.parse(m) as StoredNotice;
  stored += n.ids.length;
  if (measuring) for (const id of n.ids) storeLat.push(now - idTime(id));
});
const signedIn = await fetch(`${url}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(benchAdmin)
});
if (!signedIn.ok) throw new Error(`bench sign-in failed: ${signedIn.status}`);
const cookie = signedIn.headers
  .getSetCookie()
  .map((c) => c.split(';')[0])
  .join('; ');
const socket = io(url, { transports: ['websocket'], extraHeaders: { cookie } }) as import('socket.io-client').Socket<ServerToClientEvents, ClientToServerEvents>;
socket.on('connect', () => socket.emit('stored:subscribe:v1'));
socket.on('stored:ids:v1', (ids) => {
  const now = Date.now();
  if (measuring) for (const id of ids) pushLat.push(now - idTime(id));
});

// A pool of realistic documents, re-sent with fresh ids: generating text is not what is measured.
const gen = createGenerator({ seed: 'bench', rhythm: false, ids: false });
const pool = gen.messagesBetween(Date.now() - 3_600_000, Date.now(), 10).map((d) => JSON.stringify({ ...d, id: undefined, ts: undefined }).slice(1));
say(`pool of ${pool.length} distinct messages; processor pid ${processor.pid}`);
let seq = 0;

async function offer(rate: number, seconds: number, onTick?: () => Promise<void>) {
  const t0 = Date.now();
  let sent = 0;
  let lastReport = t0;
  while (Date.now() - t0 < seconds * 1000) {
    const due = Math.floor(((Date.now() - t0) / 1000) * rate) - sent;
    if (due > 0) {
      const pipe = redis.pipeline();
      for (let i = 0; i < due; i++) pipe.xadd(env.VOC_STREAM, '*', 'data', `{"id":"${run}-${seq++}",${pool[seq % pool.length]}`);
      await pipe.exec();
      sent += due;
    }
    if (Date.now() - lastReport >= 10_000) {
      lastReport = Date.now();
      await onTick?.();
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return sent;
}

const lagNow = async () => {
  const [g] = await readGroups(redis, env.VOC_STREAM);
  return { lag: g?.lag ?? 0, pending: g?.pending ?? 0 };
};
const rssMb = () => {
  const status = readFileSync(`/proc/${processor.pid}/status`, 'utf8');
  return { now: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024, peak: Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]) / 1024 };
};

// Warm-up: JIT, ClickHouse parts, connections; drained before anything is measured.
const warm = await offer(500, 10);
while (stored < warm) await new Promise((r) => setTimeout(r, 50));
say('warm-up done');

// Phase 1: sustained throughput.
const storedBefore = stored;
const t1 = Date.now();
const lags: number[] = [];
const sent1 = await offer(RATE, DURATION_S, async () => {
  const { lag, pending } = await lagNow();
  lags.push(lag + pending);
  const s = stored - storedBefore;
  say(`offered ${RATE}/s · stored ${s} (${Math.round(s / ((Date.now() - t1) / 1000))}/s) · backlog ${lag + pending} · rss ${rssMb().now.toFixed(0)} MB`);
});
const offeredEnd = Date.now();
// Drain, and count the time to drain as part of the run: backlog is not throughput.
while (stored - storedBefore < sent1 && Date.now() - offeredEnd < 120_000) await new Promise((r) => setTimeout(r, 50));
const elapsed1 = (Date.now() - t1) / 1000;
const messagesPerSec = Math.round((stored - storedBefore) / elapsed1);
say(`phase 1: ${stored - storedBefore}/${sent1} stored in ${elapsed1.toFixed(1)} s = ${messagesPerSec}/s; backlog samples ${lags.join(',')}`);

// Phase 2: latency at a steady rate.
await new Promise((r) => setTimeout(r, 3000));
measuring = true;
await offer(LAT_RATE, LAT_DURATION_S, async () => {
  say(`latency phase: ${storeLat.length} stored, ${pushLat.length} pushed`);
});
await new Promise((r) => setTimeout(r, 3000));
measuring = false;

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN;
};
const result = {
  messagesPerSec,
  storeP50Ms: q(storeLat, 0.5),
  storeP99Ms: q(storeLat, 0.99),
  pushP50Ms: q(pushLat, 0.5),
  pushP99Ms: q(pushLat, 0.99),
  rssMb: Math.round(rssMb().peak)
};
say(`offered ${RATE}/s for ${DURATION_S} s, then ${LAT_RATE}/s for ${LAT_DURATION_S} s; latency samples: ${storeLat.length} stored, ${pushLat.length} pushed`);
socket.disconnect();
redis.disconnect();
sub.disconnect();
await cleanup();
console.log(JSON.stringify(result));
process.exit(0);
