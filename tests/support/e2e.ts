import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import type { Db } from '../../streaming/store/db.ts';
import { startApp, type App } from './app.ts';
import { launchBrowser } from './browser.ts';

/** Where browser tests leave their screenshots and printed files; made on import so every user has it. */
export const SHOTS = 'test-results';
mkdirSync(SHOTS, { recursive: true });

/**
 * The usual browser-test start: the real web node with one processor behind it, and Chromium. Tests that must fill ClickHouse before the web node starts assemble these themselves.
 */
export async function startE2e(overrides: Record<string, string> = {}): Promise<{ app: App; browser: Browser }> {
  const app = await startApp(overrides);
  await app.startWeb();
  app.startProcessor();
  const browser = await launchBrowser();
  return { app, browser };
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
