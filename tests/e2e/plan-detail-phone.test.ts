import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../support/app.ts';
import { openAs } from '../support/browser.ts';
import { closeAll, SHOTS, startE2e } from '../support/e2e.ts';
import { postJson, signIn, type Session } from '../support/session.ts';

/**
 * A plan's own page on a phone (390×844), in both languages, as the demo's plan looks: long bilingual
 * titles, steps with due dates, a comment, a launch. The page does not scroll sideways, nothing is drawn
 * past the screen's edge or cut inside its box, every button, field and menu is big enough for a thumb,
 * and the phone's forms work: a step added from the page shows in the list.
 */

const H = 3_600_000;
const W = 390;
const HEIGHT = 844;
let app: App;
let browser: Browser;
let editor: Session;
let planId = '';

beforeAll(async () => {
  ({ app, browser } = await startE2e());
  editor = await signIn(app, 'editor');
  const created = await postJson(app, editor, '/api/plans', {
    title: '华东安卓端图片加载慢 · Images load slowly on Android in East China',
    team: 'App performance',
    assignees: ['Li Wei', 'Chen Jing'],
    topics: ['app.slow'],
    slices: ['topic:app.slow|region:east|platform:android']
  });
  expect(created.status).toBe(201);
  planId = ((await created.json()) as { id: string }).id;
  const now = Date.now();
  const events = [
    { type: 'step_add', title: '定位原因：华东 CDN 节点回源慢 · Find the cause: slow CDN origin fetches in East China', dueAt: now - 30 * H, assignee: 'Li Wei' },
    { type: 'step_add', title: '告知投诉过的客户已修复 · Tell the customers who complained that it is fixed', dueAt: now + 50 * H, assignee: null },
    { type: 'comment', text: '华东两个 CDN 节点回源超时；iOS 走另一条线路，不受影响。Two East China CDN nodes time out on origin fetches.' },
    { type: 'launch', at: now - 5 * H, scope: { kind: 'pilot', regions: ['east'], platforms: ['android'] } }
  ];
  for (const e of events) expect((await postJson(app, editor, `/api/plans/${planId}/events`, e)).status).toBe(201);
}, 120_000);
afterAll(() => closeAll(browser, undefined, app));

/** What a person holding the phone would find wrong with the page as it is now. */
async function faults(page: Page): Promise<string[]> {
  const out: string[] = [];
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > W) out.push(`page scrolls sideways: ${width} px wide`);
  const outside = await page.evaluate(() =>
    [...document.body.querySelectorAll('*')]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && (r.right > window.innerWidth + 1 || r.left < -1);
      })
      .map((e) => `${e.tagName.toLowerCase()}${e.getAttribute('data-testid') ? `[${e.getAttribute('data-testid')}]` : ''} ${Math.round(e.getBoundingClientRect().left)}..${Math.round(e.getBoundingClientRect().right)}`)
  );
  if (outside.length) out.push(`past the screen's side: ${outside.slice(0, 6).join(' | ')}`);
  // text cut inside its own box (a field's value, the line under a date field that says what it read)
  const cut = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('main, .detail *')]
      .filter((e) => e.children.length === 0 && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
      .map((e) => (e as HTMLInputElement).value || e.textContent?.slice(0, 30))
  );
  if (cut.length) out.push(`cut: ${cut.slice(0, 6).join(' | ')}`);
  // controls a thumb can hit: 44 px tall (Apple's and WCAG 2.5.5's target), and not squeezed narrower
  // than their own words
  const small = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, select, input:not([type="radio"]), textarea')]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.height < 43.5 || r.width < 44;
      })
      .map((e) => `${e.tagName.toLowerCase()} "${(e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 20)}" ${Math.round(e.getBoundingClientRect().width)}×${Math.round(e.getBoundingClientRect().height)}`)
  );
  if (small.length) out.push(`too small to tap: ${small.slice(0, 6).join(' | ')}`);
  return out;
}

describe("a plan's page on a phone", () => {
  it('fits 390 px in English and Chinese, with controls big enough to tap, and its step form works', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const { context, page } = await openAs(browser, app, 'editor', `/plans/${planId}?lang=${lang}`, { width: W, height: HEIGHT, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
      await page.getByTestId('launches').waitFor();
      await page.getByTestId('step').nth(1).waitFor();
      await page.screenshot({ path: `${SHOTS}/plan-detail-phone-${lang}.png`, fullPage: true });
      const found = await faults(page);
      if (found.length) console.log(`plan page ${lang} ${W}×${HEIGHT}:`, found);
      expect(found, lang).toEqual([]);
      // a step typed on the phone arrives in the list
      const title = lang === 'en' ? 'Watch the East China CDN for a week' : '观察华东 CDN 一周';
      const form = page.getByTestId('step-form');
      await form.locator('input').first().fill(title);
      await form.getByRole('button').click();
      await expect.poll(() => page.getByTestId('step').allInnerTexts(), { timeout: 10_000 }).toEqual(expect.arrayContaining([expect.stringContaining(title)]));
      await context.close();
    }
  }, 120_000);
});
