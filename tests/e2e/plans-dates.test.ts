import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanDetail } from '../../schemas/plans.ts';
import type { App } from '../support/app.ts';
import { openAs } from '../support/browser.ts';
import { closeAll, SHOTS, startE2e } from '../support/e2e.ts';
import { getJson, postJson, signIn, type Session } from '../support/session.ts';

/**
 * The plan page's dates are typed and shown in the page's language, not the browser's: a zh page in an
 * en-US browser asked for mm/dd/yyyy with a native date field. Each language is opened in a browser of
 * the other one.
 */

let app: App;
let browser: Browser;
let editor: Session;

const CASES = [
  {
    lang: 'zh',
    locale: 'en-US',
    shown: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/,
    typed: '2026-12-01 09:05',
    words: /2026年12月1日星期二.*09:05/,
    nextDay: '2026-12-02 09:05',
    history: '12月1日'
  },
  {
    lang: 'en',
    locale: 'zh-CN',
    shown: /^[A-Z][a-z]{2} \d{1,2}, \d{4} \d{2}:\d{2}$/,
    typed: 'Dec 1, 2026 09:05',
    words: /Tuesday, December 1, 2026.*09:05/,
    nextDay: 'Dec 2, 2026 09:05',
    history: 'Dec 1'
  }
] as const;

beforeAll(async () => {
  ({ app, browser } = await startE2e());
  editor = await signIn(app, 'editor');
}, 120_000);
afterAll(() => closeAll(browser, undefined, app));

async function newPlan(title: string): Promise<string> {
  const created = await postJson(app, editor, '/api/plans', { title, team: 'app', topics: ['app.slow'] });
  expect(created.status).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

const detail = async (id: string) => (await getJson<PlanDetail>(app, editor, `/api/plans/${id}`)).body;

describe('dates on /plans/[id] follow the page language', () => {
  for (const c of CASES) {
    it(`${c.lang} page in a ${c.locale} browser: shows, reads and says back dates in ${c.lang}`, async () => {
      const id = await newPlan(`Dates in ${c.lang}`);
      const { context, page } = await openAs(browser, app, 'editor', `/plans/${id}?lang=${c.lang}`, { locale: c.locale });
      await page.getByTestId('step-form').waitFor();

      // the launch time starts at now, written the page's way
      expect(await page.getByTestId('launch-at').inputValue()).toMatch(c.shown);

      // a due date typed the page's way is understood, and said back in words before it is saved
      const due = page.getByTestId('new-step-due');
      await page.getByTestId('step-form').getByRole('textbox').first().fill('Roll back the CDN change');
      await due.fill(c.typed);
      expect(await page.getByTestId('new-step-due-said').innerText()).toMatch(c.words);
      await page.getByTestId('step-form').getByRole('button').click();
      await page.getByTestId('step').first().waitFor();
      const stepDue = page.getByTestId('step-due').first();
      await expect.poll(() => stepDue.inputValue()).toBe(c.typed);
      // stored as that local time (browser and test run on the same machine, in one time zone)
      expect((await detail(id)).plan.steps[0].dueAt).toBe(new Date(2026, 11, 1, 9, 5).getTime());
      expect(await page.getByTestId('history-item').first().innerText()).toContain(c.history);

      // a date that could mean two days is refused with the format to use, and nothing is sent
      await stepDue.fill('12/01/2026');
      await stepDue.press('Enter');
      expect(await stepDue.getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByTestId('step-due-said').first().innerText()).toContain(c.lang === 'zh' ? '无法识别' : 'Not a date');
      await page.waitForTimeout(500);
      expect((await detail(id)).events.filter((e) => e.type === 'step_update')).toHaveLength(0);

      // from the keyboard: back to the saved date, one day on with ↑, saved with Enter
      await stepDue.fill(c.typed);
      await stepDue.press('ArrowUp');
      expect(await stepDue.inputValue()).toBe(c.nextDay);
      await stepDue.press('Enter');
      await expect.poll(async () => (await detail(id)).plan.steps[0].dueAt, { timeout: 10_000 }).toBe(new Date(2026, 11, 2, 9, 5).getTime());
      await page.screenshot({ path: `${SHOTS}/plans-dates-${c.lang}-in-${c.locale}.png`, fullPage: true });
      await context.close();
    });
  }
});
