import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Role } from '../../schemas/access.ts';
import type { App } from './app.ts';
import { signInBrowser } from './session.ts';

/**
 * Debian's Chromium driven by playwright-core (no bundled browser download). The flags keep it from
 * phoning home or updating itself while a test runs, and let it run as root in containers.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic'
];

export type WallState = 'live' | 'stale' | 'reconnecting';

export interface WallPageOptions {
  /** e.g. http://127.0.0.1:3000 */
  baseURL: string;
  lang?: 'zh' | 'en';
  width?: number;
  height?: number;
  /** browser language list when no ?lang= is given */
  locale?: string;
  /** how the screen gets in: a wall token in the URL (an unattended screen) ... */
  wallToken?: string;
  /** ... or a person of this role signed in (cookies) */
  as?: { app: App; role: Role };
}

export interface WallPage {
  page: Page;
  context: BrowserContext;
  /** current data-state of the status badge */
  state(): Promise<WallState>;
  /** visible text of the status badge */
  statusText(): Promise<string>;
  waitForState(state: WallState, timeoutMs?: number): Promise<void>;
  /**
   * The raw number behind a big-number element (`rate-now`, `total-count`, `negative-share`, ...), from its
   * data-value attribute; null while the wall shows "—".
   */
  number(testid: string): Promise<number | null>;
  /** waits until the element's number satisfies `predicate` */
  waitForNumber(testid: string, predicate: (n: number | null) => boolean, timeoutMs?: number): Promise<number | null>;
  /** data-id of the visible ticker items, newest first */
  tickerIds(): Promise<string[]>;
  /** data-topic of the ranked topic rows, top first */
  topicIds(): Promise<string[]>;
  /** true when the document is taller or wider than the window */
  scrolls(): Promise<boolean>;
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** A fresh browser context signed in as `role` (cookies), with `path` of the app open in it. */
export async function openAs(
  browser: Browser,
  app: App,
  role: Role,
  path: string,
  { width = 1920, height = 1080, locale = 'en-US' }: { width?: number; height?: number; locale?: string } = {}
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height }, locale });
  await signInBrowser(context, app, role);
  const page = await context.newPage();
  await page.goto(new URL(path, app.url).toString());
  return { context, page };
}

export async function openWall(browser: Browser, opts: WallPageOptions): Promise<WallPage> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1920, height: opts.height ?? 1080 },
    locale: opts.locale ?? (opts.lang === 'zh' ? 'zh-CN' : 'en-US')
  });
  if (opts.as) await signInBrowser(context, opts.as.app, opts.as.role);
  const page = await context.newPage();
  const url = new URL('/wall', opts.baseURL);
  if (opts.lang) url.searchParams.set('lang', opts.lang);
  if (opts.wallToken) url.searchParams.set('token', opts.wallToken);
  await page.goto(url.toString());
  await page.getByTestId('status').waitFor();

  const number = async (testid: string): Promise<number | null> => {
    const raw = await page.getByTestId(testid).first().getAttribute('data-value');
    return raw === null || raw === '' ? null : Number(raw);
  };

  return {
    page,
    context,
    state: async () => (await page.getByTestId('status').getAttribute('data-state')) as WallState,
    statusText: async () => (await page.getByTestId('status').textContent())?.trim() ?? '',
    waitForState: async (state, timeoutMs = 30_000) => {
      await page.waitForSelector(`[data-testid="status"][data-state="${state}"]`, { timeout: timeoutMs });
    },
    number,
    waitForNumber: async (testid, predicate, timeoutMs = 30_000) => {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const n = await number(testid);
        if (predicate(n)) return n;
        if (Date.now() > until) throw new Error(`${testid} = ${n} did not reach the expected value in ${timeoutMs} ms`);
        await page.waitForTimeout(250);
      }
    },
    tickerIds: () => page.$$eval('[data-testid="ticker-item"]', (els) => els.map((e) => e.getAttribute('data-id') ?? '')),
    topicIds: () => page.$$eval('[data-testid="topic-row"]', (els) => els.map((e) => e.getAttribute('data-topic') ?? '')),
    scrolls: () =>
      page.evaluate(() => {
        const d = document.documentElement;
        return d.scrollHeight > window.innerHeight || d.scrollWidth > window.innerWidth;
      }),
    screenshot: async (path) => {
      await page.screenshot({ path });
    },
    close: () => context.close()
  };
}
