import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImpactDetail } from '../../schemas/impact.ts';
import type { Db } from '../../streaming/store/db.ts';
import { startApp, type App } from '../support/app.ts';
import { launchBrowser, openAs } from '../support/browser.ts';
import { appDb, closeAll, SHOTS, streamImagesIncident, untilStored } from '../support/e2e.ts';
import { until } from '../support/pipeline.ts';
import { postJson, signIn, type Session } from '../support/session.ts';

/**
 * A launch's chart on a phone, with a fix big enough that its cumulative effect runs into the thousands
 * (as the demo's, ≈ −8,000): every axis label shows whole. At a phone's 14 px root the 3.2 rem margin
 * cut the minus sign off "−2,000", which then read as two thousand complaints more.
 */

const H = 3_600_000;
const DAY = 24 * H;
const RATE = 0.12;
const nowHour = Math.floor(Date.now() / H) * H;
// more than the 7 days before the launch the estimator needs (MIN_PRE_MS)
const historyFrom = nowHour - 11 * DAY;
const fixAt = nowHour - 78 * H;

let app: App;
let browser: Browser;
let db: Db;
let editor: Session;
let planId = '';

beforeAll(async () => {
  app = await startApp({ IMPACT_MS: '5000' });
  app.startProcessor();
  const sent = await streamImagesIncident(app, { seed: 'impact-axis-phone', from: historyFrom, to: nowHour, fixAt, rate: RATE });
  db = await appDb(app);
  await untilStored(db, sent, 300_000);
  await app.startWeb();
  editor = await signIn(app, 'editor');
  const created = await postJson(app, editor, '/api/plans', { title: 'Compress images for Android', team: 'app', topics: ['app.slow'] });
  planId = ((await created.json()) as { id: string }).id;
  expect((await postJson(app, editor, `/api/plans/${planId}/events`, { type: 'launch', at: fixAt, scope: { kind: 'everywhere' } })).status).toBe(201);
  browser = await launchBrowser();
}, 420_000);
afterAll(() => closeAll(browser, db, app));

describe("a launch's chart on a phone", () => {
  it('shows every axis label whole, minus signs included, in English and Chinese', async () => {
    // the effect is measured once the hours after the launch are in: thousands of complaints fewer
    const cumulative = await until(
      async () => {
        const r = await fetch(`${app.url}/api/impact/${planId}`, { headers: editor.headers });
        if (!r.ok) return 0;
        const body = (await r.json()) as ImpactDetail;
        return Math.min(0, ...(body.series?.complaints?.cumulative ?? []).map((c) => c.effect));
      },
      (v) => v <= -1_000,
      120_000
    );
    expect(cumulative).toBeLessThanOrEqual(-1_000);
    for (const lang of ['en', 'zh'] as const) {
      const { context, page } = await openAs(browser, app, 'editor', `/impact/${planId}?lang=${lang}`, { width: 390, height: 844, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
      await page.getByTestId('impact-panel-cumulative').locator('.axis-y text').first().waitFor({ timeout: 20_000 });
      await page.screenshot({ path: `${SHOTS}/impact-axis-phone-${lang}.png`, fullPage: true });
      const labels = await page.$eval('.plot svg', (svg) => {
        const edge = svg.getBoundingClientRect().left;
        return [...svg.querySelectorAll('.axis-y text')].map((t) => ({ text: t.textContent!, cut: t.getBoundingClientRect().left < edge - 0.5 }));
      });
      // the cumulative panel reaches the thousands, and its labels say so whole
      expect(labels.map((l) => l.text).some((t) => /^[\u2212-]\d{1,3}(,\d{3})+$|^[\u2212-]\d+(\.\d)?[K万]$/.test(t)), JSON.stringify(labels)).toBe(true);
      expect(labels.filter((l) => l.cut).map((l) => l.text), lang).toEqual([]);
      await context.close();
    }
  }, 180_000);
});
