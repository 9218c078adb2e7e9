import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../support/app.ts';
import { closeAll, SHOTS, startE2e } from '../support/e2e.ts';
import { signIn, signInBrowser } from '../support/session.ts';

/** Sign-in, the admin page and the browser-side attacks, in Debian's Chromium against the real web node. */

let app: App;
let browser: Browser;

beforeAll(async () => {
  ({ app, browser } = await startE2e());
});
afterAll(() => closeAll(browser, undefined, app));

/** A page that records CSP violations and script errors. */
async function newPage(locale = 'en-US'): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return { page, problems };
}

describe('signing in', () => {
  it('says why in either language, then lands where the user was going', async () => {
    const { page, problems } = await newPage('zh-CN');
    await page.goto(`${app.url}/admin`);
    await page.waitForURL(/\/login\?next=%2Fadmin/);
    await expect.poll(() => page.locator('h1').textContent()).toBe('登录');
    await page.fill('input[name=username]', app.admin.username);
    await page.fill('input[name=password]', 'not the password');
    await page.click('button[type=submit]');
    await expect.poll(() => page.getByTestId('login-error').textContent()).toBe('用户名或密码错误。');
    await page.fill('input[name=password]', app.admin.password);
    await page.click('button[type=submit]');
    await page.waitForURL(`${app.url}/admin`);
    await page.getByTestId('user-row').first().waitFor();
    await expect.poll(() => page.locator('h1').textContent()).toBe('系统管理');
    await page.screenshot({ path: `${SHOTS}/admin-zh.png`, fullPage: true });
    const session = (await page.context().cookies()).find((c) => c.name === 'voc_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    // the page's own script cannot read the session cookie
    expect(await page.evaluate(() => document.cookie)).not.toContain('voc_session');
    // the landing page knows who is signed in: it offers to sign out, not to sign in again
    await page.goto(`${app.url}/?lang=zh`);
    expect(await page.getByTestId('me').innerText()).toBe(`已登录：${app.admin.username}（管理员）`);
    expect(await page.locator('a', { hasText: /^登录$/ }).count()).toBe(0);
    expect(await page.locator('a', { hasText: /^退出登录$/ }).getAttribute('href')).toBe('/logout?lang=zh');
    // the browser reports the refused sign-in (401); nothing else may go wrong
    expect(problems.filter((p) => !/status of 401/.test(p))).toEqual([]);
    await page.context().close();
    // and a visitor who is not signed in is offered to sign in
    const visitor = await newPage('zh-CN');
    await visitor.page.goto(`${app.url}/?lang=zh`);
    expect(await visitor.page.locator('a', { hasText: /^登录$/ }).getAttribute('href')).toBe('/login?lang=zh');
    expect(await visitor.page.getByTestId('me').count()).toBe(0);
    await visitor.page.context().close();
  });

  it('keeps other roles out of the admin page', async () => {
    const { page } = await newPage();
    await signInBrowser(page.context(), app, 'editor');
    const res = await page.goto(`${app.url}/admin`);
    expect(res?.status()).toBe(403);
    await page.context().close();
  });
});

describe('the admin page', () => {
  it('shows hostile display names as text and runs no injected or inline script', async () => {
    const admin = await signIn(app, 'admin');
    const hostile = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`;
    const res = await fetch(`${app.url}/api/admin/users`, {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'mallory', displayName: hostile, role: 'viewer', password: 'correct horse battery' })
    });
    expect(res.status).toBe(201);
    const { page, problems } = await newPage();
    await signInBrowser(page.context(), app, 'admin');
    await page.goto(`${app.url}/admin?lang=en`);
    const cell = page.locator('[data-testid=user-row][data-id=mallory] [data-testid=user-display-name]');
    await cell.waitFor();
    expect(await cell.textContent()).toBe(hostile);
    expect(await cell.locator('img, script').count()).toBe(0);
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    // CSP: even a script element added to the DOM does not run inline code
    const ran = await page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.body.append(s);
      await new Promise((r) => setTimeout(r, 100));
      return (window as unknown as { __inline?: number }).__inline;
    });
    expect(ran).toBeUndefined();
    expect(problems.some((p) => /Content Security Policy/i.test(p))).toBe(true);
    expect(problems.filter((p) => !/Content Security Policy/i.test(p))).toEqual([]);
    await page.context().close();
  });

  it('creates a wall token shown once, the wall opens with it, and revoking it stops the screen live', async () => {
    const { page, problems } = await newPage();
    await signInBrowser(page.context(), app, 'admin');
    await page.goto(`${app.url}/admin?lang=en`);
    const walls = page.getByTestId('wall-tokens');
    await walls.locator('input').fill('Lobby screen');
    await walls.locator('button[type=submit]').click();
    const url = (await page.getByTestId('revealed-value').textContent())!;
    expect(url).toMatch(/\/wall\?token=wall_/);
    // when it was made, on the 24-hour clock every other screen uses, not the browser's "11/25/26, 2:55:21 PM"
    const row = await walls.locator('[data-testid=token-row]', { hasText: 'Lobby screen' }).innerText();
    expect(row).toMatch(/\b\d{2}:\d{2}:\d{2}\b/);
    expect(row).not.toMatch(/\b[AP]M\b/);
    await page.screenshot({ path: `${SHOTS}/admin-en.png`, fullPage: true });

    const screen = await newPage();
    await screen.page.goto(url);
    await screen.page.waitForSelector('[data-testid="status"][data-state="live"]', { timeout: 30_000 });
    expect(await screen.page.getByTestId('wall-denied').count()).toBe(0);

    page.once('dialog', (d) => void d.accept());
    await walls.locator('[data-testid=token-row]', { hasText: 'Lobby screen' }).getByRole('button').click();
    await walls.locator('[data-testid=token-row]', { hasText: 'Lobby screen' }).getByText('revoked').waitFor();
    await screen.page.getByTestId('wall-denied').waitFor({ timeout: 10_000 });
    await screen.page.screenshot({ path: `${SHOTS}/wall-revoked.png` });
    // a reload with the revoked token is refused outright
    const again = await screen.page.goto(url);
    expect(again?.status()).toBe(401);
    expect(problems).toEqual([]);
    expect(screen.problems.filter((p) => /Content Security Policy/i.test(p))).toEqual([]);
    await screen.page.context().close();
    await page.context().close();
  });

  it('lets a page’s own fetch change state without knowing about CSRF, but not another site’s', async () => {
    const { page, problems } = await newPage();
    await signInBrowser(page.context(), app, 'admin');
    await page.goto(`${app.url}/admin?lang=en`);
    await page.getByTestId('user-row').first().waitFor();
    const status = await page.evaluate(async () => {
      const r = await fetch('/api/admin/producer-keys', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'from a feature page' }) });
      return r.status;
    });
    expect(status).toBe(201);
    // the same request from another origin's page carries the cookie (SameSite=Lax allows no POST) — refused
    const evil = await page.context().newPage();
    await evil.route('http://evil.example/**', (route) => route.fulfill({ contentType: 'text/html', body: '<html><body>evil</body></html>' }));
    await evil.goto('http://evil.example/');
    const cross = await evil.evaluate(async (target) => {
      try {
        const r = await fetch(`${target}/api/admin/producer-keys`, { method: 'POST', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: '{"name":"csrf"}' });
        return r.status;
      } catch {
        return 0;
      }
    }, app.url);
    // no-cors-less fetch from another origin: either blocked by the browser (0) or refused by us
    expect([0, 401, 403]).toContain(cross);
    const admin = await signIn(app, 'admin');
    const names = (await (await fetch(`${app.url}/api/admin/producer-keys`, { headers: admin.headers })).json()).items.map((i: { name: string }) => i.name);
    expect(names).toContain('from a feature page');
    expect(names).not.toContain('csrf');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('lists the audit trail with the sign-ins just made', async () => {
    const { page } = await newPage();
    await signInBrowser(page.context(), app, 'admin');
    await page.goto(`${app.url}/admin?lang=en`);
    await page.getByTestId('audit-row').first().waitFor();
    const text = await page.getByTestId('audit').textContent();
    expect(text).toContain('signed in');
    expect(text).toContain('failed sign-in');
    expect(text).toContain('wall token revoked');
    await page.context().close();
  });
});
