import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsightsUpdate } from '../../schemas/insights.ts';
import { createGenerator } from '../../streaming/sim/generator.ts';
import { presetIncident } from '../../streaming/sim/scenarios.ts';
import { postFeedback, type App } from '../support/app.ts';
import { openAs } from '../support/browser.ts';
import { closeAll, SHOTS, startE2e } from '../support/e2e.ts';
import { until } from '../support/pipeline.ts';
import { signIn, type Session } from '../support/session.ts';

/**
 * A team lead's insights list away from the desk (390×844 phone) and on a 1366×768 laptop, in both
 * languages: the page does not scroll sideways and the priority formula, opened, stays on the screen.
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
  const out: string[] = [];
  if (await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)) out.push('page scrolls sideways');
  // the card's words run past its right edge (clipped by a column too narrow for them)
  const cut = await first.evaluate((card) => {
    const edge = card.getBoundingClientRect().right;
    return [...card.querySelectorAll('*')].filter((e) => e.children.length === 0 && e.getBoundingClientRect().right > edge + 1).map((e) => e.textContent?.slice(0, 20));
  });
  if (cut.length) out.push(`cut at the card's edge: ${cut.join(' | ')}`);
  await page.screenshot({ path: `${SHOTS}/insights-${lang}-${width}x${height}.png` });
  await first.getByTestId('insight-priority').focus();
  const tip = first.getByRole('tooltip');
  if (!(await tip.isVisible())) out.push('formula not shown');
  else {
    const box = (await tip.boundingBox())!;
    if (box.x < 0 || box.x + box.width > width + 1) out.push(`formula off the screen: x ${Math.round(box.x)}..${Math.round(box.x + box.width)} of ${width}`);
  }
  await page.screenshot({ path: `${SHOTS}/insights-formula-${lang}-${width}x${height}.png` });
  await context.close();
  if (out.length) console.log(`insights ${lang} ${width}×${height}:`, out);
  return out;
}

describe('insights on a phone and a laptop', () => {
  it('reads whole on a 1366×768 laptop, formula on the screen, in English and Chinese', async () => {
    await ready();
    for (const lang of ['en', 'zh'] as const) expect(await faults(1366, 768, lang)).toEqual([]);
  }, 240_000);

  // A defect in src/routes/plans (owned by another helper, reported, not fixed here): on a 390 px phone the
  // list and the board stay side by side, the insight's words are cut at its edge and the formula opens
  // 185 px off the left of the screen. Turn this into it() once /plans stacks on a phone.
  it.fails('reads whole on a 390×844 phone (known defect in /plans, reported)', async () => {
    await ready();
    for (const lang of ['en', 'zh'] as const) expect(await faults(390, 844, lang)).toEqual([]);
  }, 240_000);
});
