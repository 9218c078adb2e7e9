import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsightsUpdate } from '../../schemas/insights.ts';
import { createGenerator } from '../../streaming/sim/generator.ts';
import { presetIncident } from '../../streaming/sim/scenarios.ts';
import { postFeedback, type App } from '../support/app.ts';
import { openAs } from '../support/browser.ts';
import { closeAll, SHOTS, startE2e } from '../support/e2e.ts';
import { until } from '../support/pipeline.ts';
import { postJson, signIn, type Session } from '../support/session.ts';

/**
 * A team lead's insights list away from the desk (390×844 phone) and on a 1366×768 laptop, in both
 * languages: the page does not scroll sideways, nothing runs past the screen's edge, the board's column
 * names read whole, and the priority formula, opened, stays on the screen without hiding what it explains.
 */

const HOUR = 3_600_000;
let app: App;
let browser: Browser;
let editor: Session;

beforeAll(async () => {
  ({ app, browser } = await startE2e({ INSIGHTS_MS: '3000' }));
  editor = await signIn(app, 'editor');
  const now = Date.now();
  const from = now - 2 * 24 * HOUR;
  // an incident over the last three hours, well inside the insights' 24 h
  const gen = createGenerator({ seed: 17, now: from, incidents: [presetIncident('images_slow_android_east', now - 3 * HOUR, 3 * HOUR - 5 * 60_000)] });
  const docs = gen.messagesBetween(from, now - 60_000, 0.08);
  for (let i = 0; i < docs.length; i += 5000) expect((await postFeedback(app, docs.slice(i, i + 5000))).status).toBe(202);
  // one plan on the board, with a long title, so a card has to fit a phone's column too
  const title = 'Android image loading in the east: CDN fallback and smaller thumbnails for slow networks';
  expect((await postJson(app, editor, '/api/plans', { title, team: 'app', topics: ['app.slow'] })).status).toBe(201);
}, 180_000);

afterAll(() => closeAll(browser, undefined, app));

async function ready(): Promise<void> {
  await until(
    async () => ((await (await fetch(`${app.url}/api/insights`, { headers: editor.headers })).json()) as InsightsUpdate).insights.length,
    (n) => n > 2,
    150_000
  );
}

/** What is wrong with the first insight card as a person sees it: cut words, a formula off the screen. */
async function faults(width: number, height: number, lang: 'en' | 'zh'): Promise<string[]> {
  const { context, page } = await openAs(browser, app, 'editor', `/plans?lang=${lang}`, { width, height, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
  const first = page.getByTestId('insight').first();
  await first.waitFor({ timeout: 20_000 });
  await page.getByTestId('plan-card').first().waitFor({ timeout: 20_000 });
  const out: string[] = [];
  if (await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)) out.push('page scrolls sideways');
  // anything drawn past the screen's sides (a clipped page does not scroll, yet its right part is gone)
  const outside = await page.evaluate(() =>
    [...document.body.querySelectorAll('*')]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && (r.right > window.innerWidth + 1 || r.left < -1);
      })
      .map((e) => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().left)}..${Math.round(e.getBoundingClientRect().right)}`)
  );
  if (outside.length) out.push(`past the screen's side: ${outside.slice(0, 5).join(' | ')}`);
  // the card's words run past its right edge (clipped by a column too narrow for them)
  const cut = await first.evaluate((card) => {
    const edge = card.getBoundingClientRect().right;
    return [...card.querySelectorAll('*')].filter((e) => e.children.length === 0 && e.getBoundingClientRect().right > edge + 1).map((e) => e.textContent?.slice(0, 20));
  });
  if (cut.length) out.push(`cut at the card's edge: ${cut.join(' | ')}`);
  // board column names ("Launched", "In progress") whole, and on the screen
  const heads = await page.getByTestId('board-column').evaluateAll((cols) =>
    cols.map((c) => {
      const h = c.querySelector('h3')!;
      const r = h.getBoundingClientRect();
      return { text: h.textContent?.trim(), cut: h.scrollWidth > h.clientWidth, off: r.right > window.innerWidth + 1 || r.left < -1 };
    })
  );
  for (const h of heads) if (h.cut || h.off) out.push(`column name cut: ${h.text}`);
  await page.screenshot({ path: `${SHOTS}/insights-${lang}-${width}x${height}.png`, fullPage: true });
  if (width < 760) {
    // the board sits under ten insights on a phone: the header's link brings it up
    const link = page.getByTestId('to-board');
    if (!(await link.isVisible())) out.push('no link down to the board');
    else {
      await link.click();
      const inView = () => {
        const r = document.getElementById('board-title')!.getBoundingClientRect();
        return window.scrollY > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
      };
      if (!(await page.waitForFunction(inView, undefined, { timeout: 3_000 }).catch(() => null))) out.push('board not brought into view by its link');
      await page.evaluate(() => window.scrollTo(0, 0));
    }
  }
  await page.locator('section', { has: page.getByTestId('board') }).screenshot({ path: `${SHOTS}/insights-board-${lang}-${width}x${height}.png` });
  const priority = first.getByTestId('insight-priority');
  await priority.focus();
  const tip = first.getByRole('tooltip');
  // Shown within a moment, not on the very tick: the 1080p hover check once read it hidden on a loaded
  // machine (load average 13) while it passed on every quiet run.
  const shown = () => tip.waitFor({ state: 'visible', timeout: 2_000 }).then(() => true, () => false);
  if (!(await shown())) out.push('formula not shown');
  else {
    const box = (await tip.boundingBox())!;
    const num = (await priority.boundingBox())!;
    if (box.x < 0 || box.x + box.width > width + 1 || box.y < 0 || box.y + box.height > height + 1)
      out.push(`formula off the screen: x ${Math.round(box.x)}..${Math.round(box.x + box.width)} of ${width}, y ${Math.round(box.y)}..${Math.round(box.y + box.height)} of ${height}`);
    if (width < 760) {
      // on a phone: under the number, across the screen
      if (box.y < num.y + num.height - 1) out.push(`formula not below the number: top ${Math.round(box.y)}, number's bottom ${Math.round(num.y + num.height)}`);
      if (box.width < width * 0.9) out.push(`formula not full-width: ${Math.round(box.width)} of ${width}`);
    } else {
      // on a desk screen it sits beside the number and leaves the statement it scores readable
      const st = (await first.getByTestId('insight-statement').boundingBox())!;
      const overlaps = box.x < st.x + st.width && st.x < box.x + box.width && box.y < st.y + st.height && st.y < box.y + box.height;
      if (overlaps) out.push("formula covers the first card's statement");
      const gap = Math.max(num.x - (box.x + box.width), box.x - (num.x + num.width), box.y - (num.y + num.height), num.y - (box.y + box.height));
      if (gap > 24) out.push(`formula ${Math.round(gap)} px away from its number`);
    }
  }
  await page.screenshot({ path: `${SHOTS}/insights-formula-${lang}-${width}x${height}.png` });
  if (width >= 760) {
    // a mouse opens it too, and Esc puts it away (it covers part of the board while open)
    await priority.blur();
    await page.mouse.move(0, 0);
    await priority.hover();
    if (!(await shown())) out.push('formula not shown on hover');
    await page.keyboard.press('Escape');
    if (await tip.isVisible()) out.push('formula stays after Esc');
    await page.mouse.move(0, 0);
  }
  // the plan form opened from the insight fits the screen and its buttons can be reached
  await priority.blur();
  await first.getByTestId('insight-create').click();
  const form = page.getByTestId('create-plan');
  await form.waitFor({ timeout: 5_000 });
  const wide = await form.evaluate((f) => [...f.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).map((e) => e.tagName.toLowerCase()));
  if (wide.length) out.push(`plan form past the screen's side: ${wide.slice(0, 5).join(' | ')}`);
  for (const button of await form.locator('button').all()) {
    await button.scrollIntoViewIfNeeded();
    const b = (await button.boundingBox())!;
    if (b.y < 0 || b.y + b.height > height + 1) out.push(`plan form button out of reach: ${await button.textContent()}`);
  }
  await page.screenshot({ path: `${SHOTS}/insights-form-${lang}-${width}x${height}.png` });
  await context.close();
  if (out.length) console.log(`insights ${lang} ${width}×${height}:`, out);
  return out;
}

describe('insights on a phone and a laptop', () => {
  it('reads whole on a 1366×768 laptop and a 1920×1080 screen, formula beside its number, in English and Chinese', async () => {
    await ready();
    for (const [w, h] of [[1366, 768], [1920, 1080]] as const) for (const lang of ['en', 'zh'] as const) expect(await faults(w, h, lang)).toEqual([]);
  }, 240_000);

  it('reads whole on a 390×844 phone: one column, formula below its number across the screen', async () => {
    await ready();
    for (const lang of ['en', 'zh'] as const) expect(await faults(390, 844, lang)).toEqual([]);
  }, 240_000);
});
