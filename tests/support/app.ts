import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { freePort } from './servers.ts';
import { uniqueName } from './engines.ts';

/**
 * The real web node and a real processor as child processes (the same commands the demo runs), wired
 * to the test Redis and ClickHouse with names unique to the calling test file.
 */
export interface App {
  url: string;
  apiKey: string;
  /** the first admin, created by the web node from VOC_ADMIN_USER / VOC_ADMIN_PASSWORD */
  admin: { username: string; password: string };
  env: Record<string, string>;
  startWeb(): Promise<void>;
  /** everything the web node has written to stdout so far (its JSON log lines) */
  webLog(): string;
  stopWeb(signal?: NodeJS.Signals): Promise<void>;
  startProcessor(extraEnv?: Record<string, string>): ChildProcess;
  /** the alert watcher (streaming/watch/main.ts); stopped by stop() */
  startWatcher(extraEnv?: Record<string, string>): ChildProcess;
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();

function run(script: string, env: Record<string, string>, tag: string, sink?: (chunk: string) => void): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn' },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  const echo = (chunk: Buffer) => {
    sink?.(chunk.toString());
    if (process.env.TEST_VERBOSE) process.stderr.write(`[${tag}] ${chunk}`);
  };
  child.stdout?.on('data', echo);
  child.stderr?.on('data', (c: Buffer) => process.stderr.write(`[${tag}] ${c}`));
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

async function exited(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
    setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
  });
}

export async function startApp(overrides: Record<string, string> = {}): Promise<App> {
  const port = await freePort();
  const prefix = uniqueName('app');
  const apiKey = `key-${prefix}`;
  const admin = { username: 'admin', password: randomBytes(18).toString('base64url') };
  const env: Record<string, string> = {
    REDIS_URL: inject('redisUrl'),
    CLICKHOUSE_URL: inject('clickhouseUrl'),
    CLICKHOUSE_DATABASE: prefix,
    VOC_STREAM: `${prefix}:feedback`,
    VOC_DLQ: `${prefix}:dlq`,
    VOC_API_KEYS: apiKey,
    VOC_ADMIN_USER: admin.username,
    VOC_ADMIN_PASSWORD: admin.password,
    PORT: String(port),
    HOST: '127.0.0.1',
    METRICS_PORT: '0',
    BATCH_MS: '50',
    ORIGIN: `http://127.0.0.1:${port}`,
    ...overrides
  };
  admin.username = env.VOC_ADMIN_USER;
  admin.password = env.VOC_ADMIN_PASSWORD;
  const url = `http://127.0.0.1:${port}`;
  let web: ChildProcess | null = null;
  let webLog = '';
  const processors: ChildProcess[] = [];

  const app: App = {
    url,
    apiKey,
    admin,
    env,
    async startWeb() {
      web = run('src/server.ts', env, 'web', (c) => (webLog += c));
      const end = Date.now() + 60_000;
      while (Date.now() < end) {
        if (web.exitCode !== null) throw new Error(`web node exited with ${web.exitCode}`);
        const ok = await fetch(`${url}/readyz`).then((r) => r.ok).catch(() => false);
        if (ok) return;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error('web node did not become ready');
    },
    webLog: () => webLog,
    async stopWeb(signal = 'SIGTERM') {
      if (web) await exited(web, signal);
      web = null;
    },
    startProcessor(extraEnv = {}) {
      const p = run('streaming/main.ts', { ...env, ...extraEnv }, 'processor');
      processors.push(p);
      return p;
    },
    startWatcher(extraEnv = {}) {
      const w = run('streaming/watch/main.ts', { ...env, ...extraEnv }, 'watcher');
      processors.push(w);
      return w;
    },
    async stop() {
      await Promise.all([...processors.map((p) => exited(p, 'SIGTERM')), app.stopWeb()]);
    }
  };
  return app;
}

process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

export async function postFeedback(app: App, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${app.url}/api/feedback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': app.apiKey, ...headers },
    body: typeof body === 'string' ? body : body instanceof Uint8Array ? Buffer.from(body) : JSON.stringify(body)
  });
}
