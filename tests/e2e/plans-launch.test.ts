import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../support/app.ts';
import { openAs } from '../support/browser.ts';
import { closeAll, SHOTS, startE2e } from '../support/e2e.ts';
import { getJson, postJson, signIn, type Session } from '../support/session.ts';
import type { Report } from '../../schemas/impact.ts';

/**
 * A plan's card, board column and page say whether its fix is live, in agreement with its status:
 * recording a launch moves a plan to "Launched" at once, also a launch announced for tomorrow, which
 * must then read "scheduled" (and wait in the board's Scheduled column), not pass for a fix customers
 * already have.
 */

const H = 3_600_000;
let app: App;
let browser: Browser;
let editor: Session;
const id = { live: '', scheduled: '' };
let scheduledAt = 0;

async function plan(title: string, at: number): Promise<string> {
  const created = await postJson(app, editor, '/api/plans', { title, team: 'app', topics: ['app.slow'] });
  expect(created.status).toBe(201);
  const { id: planId } = (await created.json()) as { id: string };
  expect((await postJson(app, editor, `/api/plans/${planId}/events`, { type: 'launch', at, scope: { kind: 'everywhere' } })).status).toBe(201);
  return planId;
}

beforeAll(async () => {
  ({ app, browser } = await startE2e());
  editor = await signIn(app, 'editor');
  id.live = await plan('Compress images for Android', Date.now() - 5 * H);
  scheduledAt = Date.now() + 26 * H;
  id.scheduled = await plan('Image CDN roll-out', scheduledAt);
}, 120_000);
afterAll(() => closeAll(browser, undefined, app));

describe('whether a launched plan is live', () => {
  it('reads "scheduled" on the card and the page of a launch still to come, "live since" on one gone live', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const { context, page } = await openAs(browser, app, 'editor', `/plans?lang=${lang}`, { locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
      const card = (planId: string) => page.locator(`[data-testid="plan-card"][data-plan="${planId}"]`);
      await card(id.scheduled).waitFor();
      // both have the status "launched", yet only the one gone live sits under "Launched": the other waits
      // under "Scheduled", so the column does not count a fix customers do not have yet ...
      const column = async (planId: string) =>
        card(planId).evaluate((e) => {
          const col = e.closest('[data-testid="board-column"]')!;
          return { status: col.getAttribute('data-status'), name: col.querySelector('h3')!.firstChild!.textContent!.trim() };
        });
      expect(await column(id.live)).toEqual({ status: 'launched', name: lang === 'en' ? 'Launched' : '已上线' });
      expect(await column(id.scheduled)).toEqual({ status: 'scheduled', name: lang === 'en' ? 'Scheduled' : '已排期' });
      // the scheduled column sits between "In progress" and "Launched"
      const order = await page.getByTestId('board-column').evaluateAll((cols) => cols.map((c) => c.getAttribute('data-status')));
      expect(order).toEqual(['open', 'in_progress', 'scheduled', 'launched', 'closed']);
      // ... and each card says which of them customers already have
      const future = card(id.scheduled).getByTestId('plan-launch');
      expect(await future.getAttribute('data-live')).toBe('false');
      expect(await future.innerText()).toContain(lang === 'en' ? 'scheduled: goes live' : '已排期');
      const past = card(id.live).getByTestId('plan-launch');
      expect(await past.getAttribute('data-live')).toBe('true');
      expect(await past.innerText()).toContain(lang === 'en' ? 'fix live since' : '改进已于');
      // the connection indicator does not read as the plans' state
      expect(await page.getByTestId('plans-connection').innerText()).toBe(lang === 'en' ? 'live updates' : '实时更新中');
      await page.screenshot({ path: `${SHOTS}/plans-launch-${lang}.png` });

      await page.goto(`${app.url}/plans/${id.scheduled}?lang=${lang}`);
      await page.getByTestId('launches').waitFor();
      expect(await page.getByTestId('launches').innerText()).toContain(lang === 'en' ? 'scheduled, not live yet' : '尚未上线');
      // the status itself says scheduled, with when it goes live, not "Launched"
      const status = () => page.getByTestId('plan-status').evaluate((s: HTMLSelectElement) => s.selectedOptions[0].textContent!.trim());
      const when = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
      expect(await status()).toBe(lang === 'en' ? `Scheduled (goes live ${when.format(scheduledAt)})` : `已排期（${when.format(scheduledAt)} 上线）`);
      await page.screenshot({ path: `${SHOTS}/plans-scheduled-${lang}.png` });
      // once live, the same status reads "Launched"
      await page.goto(`${app.url}/plans/${id.live}?lang=${lang}`);
      await page.getByTestId('launches').waitFor();
      expect(await status()).toBe(lang === 'en' ? 'Launched' : '已上线');
      await context.close();
    }
  });

  it('moves a scheduled plan from Scheduled to Launched on the open board when its time comes', async () => {
    const soon = await plan('Switch thumbnails to WebP', Date.now() + 15_000);
    const { context, page } = await openAs(browser, app, 'editor', '/plans?lang=en');
    const column = () =>
      page.locator(`[data-testid="plan-card"][data-plan="${soon}"]`).evaluate((e) => e.closest('[data-testid="board-column"]')?.getAttribute('data-status'));
    await page.locator(`[data-testid="plan-card"][data-plan="${soon}"]`).waitFor();
    expect(await column()).toBe('scheduled');
    // nobody reloads a board on a wall or a second screen: it moves by itself (within its 30 s tick)
    await expect.poll(column, { timeout: 60_000, interval: 1_000 }).toBe('launched');
    expect(await page.locator(`[data-testid="plan-card"][data-plan="${soon}"] [data-testid="plan-launch"]`).getAttribute('data-live')).toBe('true');
    await context.close();
  }, 90_000);

  it('lists a scheduled launch on /impact as not live yet', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const { context, page } = await openAs(browser, app, 'editor', `/impact?lang=${lang}`, { locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
      const headline = page.locator(`[data-testid="impact-launch"][data-plan="${id.scheduled}"] [data-testid="impact-headline"]`);
      await headline.waitFor({ timeout: 20_000 });
      expect(await headline.innerText()).toContain(lang === 'en' ? 'not live yet' : '尚未上线');
      // nor "launched … · 0 h since launch" beside it
      const when = await page.locator(`[data-testid="impact-launch"][data-plan="${id.scheduled}"] .when`).innerText();
      expect(when).toContain(lang === 'en' ? 'goes live' : '计划于');
      expect(when).not.toMatch(/ 0 h| 0 小时/);
      await page.screenshot({ path: `${SHOTS}/impact-scheduled-${lang}.png` });
      await context.close();
    }
  });

  it('the period report and its API read a launch still to come as scheduled, with when it goes live', async () => {
    const { status, body } = await getJson<Report>(app, editor, '/api/report?period=week');
    expect(status).toBe(200);
    const planOf = (planId: string) => body.plans?.find((p) => p.id === planId);
    expect(Math.abs((planOf(id.scheduled)?.liveAt ?? 0) - scheduledAt)).toBeLessThan(1000);
    expect(planOf(id.live)).toMatchObject({ status: 'launched' });
    expect(planOf(id.live)?.liveAt).toBeUndefined();
    for (const lang of ['en', 'zh'] as const) {
      const { context, page } = await openAs(browser, app, 'editor', `/report?period=week&lang=${lang}`, { locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
      const plans = await page.getByTestId('report-plans').innerText();
      expect(plans).toMatch(lang === 'en' ? /Image CDN roll-out\s+app\s+Scheduled \(goes live/ : /Image CDN roll-out\s+app\s+已排期（/);
      expect(plans).toMatch(lang === 'en' ? /Compress images for Android\s+app\s+Launched/ : /Compress images for Android\s+app\s+已上线/);
      await context.close();
    }
  });
});
