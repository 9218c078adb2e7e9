import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGenerator } from '../../streaming/sim/generator.ts';
import { postFeedback, type App } from '../support/app.ts';
import { openWall } from '../support/browser.ts';
import { closeAll, SHOTS, startE2e } from '../support/e2e.ts';
import { createWallToken } from '../support/session.ts';

/**
 * The wall during a burst, read from five metres: the rate says messages are flowing as soon as they
 * flow, and a complaint's topic tags read whole.
 */

let app: App;
let browser: Browser;
let wallToken: string;

beforeAll(async () => {
  ({ app, browser } = await startE2e());
  wallToken = (await createWallToken(app, 'ticker wall')).token;
}, 120_000);
afterAll(() => closeAll(browser, undefined, app));

/** Complaints that name several topics at once (delivery, food temperature, service, refund, payment). */
const COMPLAINTS = [
  '送餐太慢了，饭都凉了，客服态度也很差，退款到现在还没到账',
  'Delivery was two hours late, the food arrived cold, support was rude and my refund never came',
  '骑手送错了地址，餐品洒了一袋，打客服电话没人接，还重复扣款了',
  'The courier was rude, the soup was spilled and cold, and I was charged twice for the order'
];

describe('the wall during a burst', () => {
  it('shows the rate of a burst that began after a quiet minute at once, not 0 until the minute closes', async () => {
    // First in this file: nothing is stored before. Start early in a minute, so the burst and the check
    // both fall inside it (the old wall showed only the last complete minute: an empty one, 0).
    const second = () => (Date.now() % 60_000) / 1000;
    if (second() > 35) await new Promise((r) => setTimeout(r, 60_000 - (Date.now() % 60_000) + 1_000));
    const wall = await openWall(browser, { baseURL: app.url, lang: 'en', wallToken });
    await wall.waitForState('live');
    // distinct words, so the near-duplicate filter keeps them all; no ts: they arrive now
    const now = Date.now();
    const docs = createGenerator({ seed: 'burst', now: now - 60_000 })
      .messagesBetween(now - 60_000, now, 1)
      .slice(0, 40)
      .map(({ ts: _ts, ...doc }, i) => ({ ...doc, id: `burst${now}-${i}` }));
    expect((await postFeedback(app, docs)).status).toBe(202);
    // some are noise or near-duplicates and not counted: wait until what is counted has settled
    await wall.waitForNumber('total-count', (n) => (n ?? 0) >= 10, 20_000);
    await wall.page.waitForTimeout(3_000);
    const total = await wall.number('total-count');
    const rate = await wall.number('rate-now');
    // still inside the burst's minute: every message of the window arrived in the last 60 s
    expect(second()).toBeLessThan(59);
    expect(rate).toBe(total);
    await wall.screenshot(`${SHOTS}/wall-burst-rate-en.png`);
    await wall.close();
  }, 120_000);

  it('prints every topic tag on the ticker whole, at 1080p and on a 1366×768 screen, in both languages', async () => {
    for (const [width, height] of [
      [1920, 1080],
      [1366, 768]
    ] as const) {
      for (const lang of ['en', 'zh'] as const) {
        const wall = await openWall(browser, { baseURL: app.url, lang, wallToken, width, height });
        await wall.waitForState('live');
        await wall.page.getByTestId('ticker-item').first().waitFor({ timeout: 20_000 });
        const tags = await wall.page.$$eval('[data-testid="ticker-item"] .topics', (els) =>
          els
            .filter((e) => e.getBoundingClientRect().left < innerWidth && e.getBoundingClientRect().width > 0)
            .map((e) => ({ text: e.textContent ?? '', cut: e.scrollWidth > e.clientWidth + 1 || e.textContent!.includes('…') }))
        );
        expect(tags.length).toBeGreaterThan(0);
        expect(tags.filter((t) => t.cut)).toEqual([]);
        // a complaint naming several topics says how many more there are
        expect(tags.some((t) => /\+\d/.test(t.text))).toBe(true);
        expect(await wall.scrolls()).toBe(false);
        await wall.screenshot(`${SHOTS}/wall-ticker-${lang}-${width}x${height}.png`);
        await wall.close();
      }
    }
  }, 120_000);
});
