import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { connectHttpDb, type Db } from '../../streaming/store/db.ts';
import { sql } from '../../streaming/store/sql.ts';
import { startApp, type App } from './app.ts';
import { launchBrowser } from './browser.ts';
import { createGenerator } from '../../streaming/sim/generator.ts';
import { presetIncident } from '../../streaming/sim/scenarios.ts';
import { redisClient, until, xaddDocs } from './pipeline.ts';

/** Where browser tests leave their screenshots and printed files; made on import so every user has it. */
export const SHOTS = 'test-results';
mkdirSync(SHOTS, { recursive: true });

/**
 * The usual browser-test start: the real web node with one processor behind it, and Chromium. Tests
 * that must fill ClickHouse before the web node starts assemble these themselves.
 */
export async function startE2e(overrides: Record<string, string> = {}): Promise<{ app: App; browser: Browser }> {
  const app = await startApp(overrides);
  await app.startWeb();
  app.startProcessor();
  const browser = await launchBrowser();
  return { app, browser };
}

/** The ClickHouse database an App writes to, for checks and backfills from the test itself. */
export function appDb(app: App): Promise<Db> {
  return connectHttpDb({ url: app.env.CLICKHOUSE_URL, database: app.env.CLICKHOUSE_DATABASE });
}

/**
 * The simulator's feed of [from, to) with the slow-images incident (Android, East China) from `from` until
 * `fixAt`, XADDed to the app's stream in time order as the demo's simulator writes it; returns how many.
 */
export async function streamImagesIncident(app: App, o: { seed: string; from: number; to: number; fixAt: number; rate: number }): Promise<number> {
  const H = 3_600_000;
  const gen = createGenerator({ seed: o.seed, now: o.from, incidents: [presetIncident('images_slow_android_east', o.from, o.fixAt - o.from)] });
  const redis = redisClient(app.env.REDIS_URL);
  let sent = 0;
  for (let t = o.from; t < o.to; t += 6 * H) {
    const docs = gen.advance(Math.min(o.to, t + 6 * H), o.rate);
    for (let i = 0; i < docs.length; i += 2000) await xaddDocs(redis, app.env.VOC_STREAM, docs.slice(i, i + 2000));
    sent += docs.length;
  }
  redis.disconnect();
  return sent;
}

/** Waits until the processors have stored at least `sent` feedback rows. */
export async function untilStored(db: Db, sent: number, timeoutMs: number): Promise<number> {
  // Distinct ids: a row stored twice must not make the wait end before the last one is in.
  const stored = async () => Number((await db.query<{ n: string }>(sql`SELECT uniqExact(id) AS n FROM feedback`))[0]?.n ?? 0);
  return until(stored, (n) => n >= sent, timeoutMs);
}

/**
 * Closes what a test file opened, in order; anything its beforeAll never got to is undefined and skipped,
 * so a failed start still reports its own error rather than one from the teardown.
 */
export async function closeAll(browser: Browser | undefined, db: Db | undefined, app: App | undefined): Promise<void> {
  await browser?.close();
  await db?.close();
  await app?.stop();
}
