import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topicLabel } from '../../schemas/taxonomy.ts';
import { createGenerator } from '../../streaming/sim/generator.ts';
import { postFeedback, type App } from '../support/app.ts';
import { openWall } from '../support/browser.ts';
import { appDb, closeAll, SHOTS, startE2e, untilStored } from '../support/e2e.ts';
import { createWallToken, postJson, signIn } from '../support/session.ts';
import { LONG_NAMED, publishOpenAlert, risingLongNamed } from '../support/wall-crowd.ts';

/**
 * The wall's names and axes at the screens it hangs on (1080p, 4K, and a 4:3 meeting-room screen), in
 * both languages: every topic, channel and region name shows whole and in one size, no two axis labels
 * of the trend touch, the launch panel's key stands clear of its chart, and the page still never scrolls.
 */

const SIZES = [
  [1920, 1080],
  [3840, 2160],
  [1600, 1200]
] as const;

/** The topic rows a viewer can see: inside the panel, not in the clipped overflow column. */
function visibleTopicRows(page: Page) {
  return page.$$eval('[data-testid="topic-row"]', (els) => {
    const panel = els[0].closest('.panel')!.getBoundingClientRect();
    return els
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.right <= panel.right + 1 && r.bottom <= panel.bottom + 1;
      })
      .map((e) => {
        const label = e.querySelector<HTMLElement>('.label')!;
        const name = label.cloneNode(true) as HTMLElement;
        name.querySelector('.rise')?.remove();
        return {
          id: e.getAttribute('data-topic')!,
          text: name.textContent!.trim(),
          dims: [label.scrollWidth, label.clientWidth, label.scrollHeight, label.clientHeight].join(","),
          px: parseFloat(getComputedStyle(e.querySelector('.name')!).fontSize),
          cut: label.scrollWidth > label.clientWidth + 1 || label.scrollHeight > label.clientHeight + 1
        };
      });
  });
}

let app: App;
let browser: Browser;
let wallToken: string;

beforeAll(async () => {
  ({ app, browser } = await startE2e({ IMPACT_MS: '2000' }));
  wallToken = (await createWallToken(app, 'fit wall')).token;
  // a fix launched half an hour ago, so the wall gives its launch panel room
  const editor = await signIn(app, 'editor');
  const plan = await postJson(app, editor, '/api/plans', { title: 'Compress images for Android', team: 'app', topics: ['app.slow'] });
  const { id: planId } = (await plan.json()) as { id: string };
  expect((await postJson(app, editor, `/api/plans/${planId}/events`, { type: 'launch', at: Date.now() - 30 * 60_000, scope: { kind: 'everywhere' } })).status).toBe(201);
  // An hour of the simulator's traffic for the trend's axes, at a flat rate: with the daily rhythm, how busy
  // the hour was (and so whether the long-named topics below stood out as rising) depended on the time of
  // day the test ran at. Then the long-named topics, each with a different count, all in the last half
  // minute: rising (well over twice their usual rate, see riseOf) for the next four minutes at least, so
  // they lead the ranking at every size, each with its "▲ 2.7×" before the name — the widest rows the
  // wall draws.
  const now = Date.now();
  const gen = createGenerator({ seed: 21, now: now - 60 * 60_000, rhythm: false });
  const docs = gen.messagesBetween(now - 60 * 60_000, now - 5_000, 0.3);
  docs.push(...risingLongNamed(now, 'fit'));
  for (let i = 0; i < docs.length; i += 5000) expect((await postFeedback(app, docs.slice(i, i + 5000))).status).toBe(202);
  const db = await appDb(app);
  const stored = await untilStored(db, docs.length, 120_000);
  await db.close();
  // Late arrivals reach a web node's picture with its full refresh (every 30 s): wait for the hour to show.
  const wall = await openWall(browser, { baseURL: app.url, lang: 'en', wallToken });
  await wall.waitForNumber('total-count', (n) => (n ?? 0) >= stored * 0.9, 60_000);
  await wall.close();
}, 180_000);
afterAll(() => closeAll(browser, undefined, app));

describe('the wall fits its screens', () => {
  it('shows every topic, channel and region name whole, without scrolling', async () => {
    for (const lang of ['en', 'zh'] as const) {
      for (const [width, height] of SIZES) {
        const wall = await openWall(browser, { baseURL: app.url, lang, wallToken, width, height });
        await wall.waitForState('live');
        // the case this test is about, at every hour of the day: the long-named topics lead, rising
        const leading = async () => (await wall.topicIds()).slice(0, LONG_NAMED.length).sort();
        await expect.poll(leading, { timeout: 20_000 }).toEqual(LONG_NAMED.map(([id]) => id).sort());
        const where = `${lang} ${width}×${height}`;
        await wall.screenshot(`${SHOTS}/wall-fit-${lang}-${width}x${height}.png`);
        const rows = await visibleTopicRows(wall.page);
        const rising = await wall.page.$$eval('[data-testid="topic-row"]', (els) => els.slice(0, 5).filter((e) => e.querySelector('[data-testid="topic-rise"]')).length);
        expect(rising, `${where}: rising topics leading`).toBe(5);
        // Four rows, as before the names could wrap, even with every one of them on two lines: at 1080p in
        // English the four leading names all wrap beside their "▲ 2.7×" (three rows fitted then).
        expect(rows.length, where).toBeGreaterThanOrEqual(4);
        for (const row of rows) {
          expect(row.text, where).toBe(topicLabel(row.id, lang));
          expect(row.cut, `${where}: ${row.text} ${row.dims}`).toBe(false);
        }
        // a long name that takes two lines keeps the others' type: a smaller one reads as a lesser topic,
        // and is the first to blur from five metres
        expect(rows.map((r) => `${r.text} ${r.px}px`), where).toEqual(rows.map((r) => `${r.text} ${rows[0].px}px`));
        const cutSlices = await wall.page.$$eval('.breakdown .label', (els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));
        expect(cutSlices, where).toEqual([]);
        expect(await wall.scrolls(), where).toBe(false);
        await wall.close();
      }
    }
  }, 120_000);

  it("keeps the launch panel's key clear of its chart's top label", async () => {
    const found: string[] = [];
    for (const lang of ['en', 'zh'] as const) {
      for (const [width, height] of SIZES) {
        const wall = await openWall(browser, { baseURL: app.url, lang, wallToken, width, height });
        const panel = wall.page.getByTestId('wall-impact');
        await panel.locator('svg .axis-y text').first().waitFor({ timeout: 30_000 });
        const where = `${lang} ${width}×${height}`;
        await panel.screenshot({ path: `${SHOTS}/wall-impact-key-${lang}-${width}x${height}.png` });
        const { gap, px } = await panel.evaluate((p) => {
          const key = p.querySelector('[data-testid="wall-impact-key"]')!;
          const bottom = Math.max(...[...key.children].map((c) => c.getBoundingClientRect().bottom));
          const top = Math.min(...[...p.querySelectorAll('svg .axis-y text')].map((t) => t.getBoundingClientRect().top));
          return { gap: top - bottom, px: parseFloat(getComputedStyle(key).fontSize) };
        });
        // their letters' boxes a quarter of a letter's height apart at least (the old panel's overlapped by
        // a quarter): closer, "complaints / h" over "400" reads as one line from across the room
        if (gap < px / 4) found.push(`${where}: ${gap.toFixed(1)} px between the key and the top label (font ${px} px)`);
        await wall.close();
      }
    }
    expect(found).toEqual([]);
  }, 120_000);

  it('keeps the trend axis labels apart and inside the chart, with two or more on each scale', async () => {
    const all: string[] = [];
    for (const lang of ['en', 'zh'] as const) {
      for (const [width, height] of SIZES) {
        const wall = await openWall(browser, { baseURL: app.url, lang, wallToken, width, height });
        await wall.waitForState('live');
        await wall.page.locator('.trend svg text').first().waitFor({ timeout: 20_000 });
        const where = `${lang} ${width}×${height}`;
        await wall.screenshot(`${SHOTS}/wall-axes-${lang}-${width}x${height}.png`);
        const { boxes, svg, px } = await wall.page.$eval('.trend svg', (s) => ({
          svg: s.getBoundingClientRect().toJSON() as DOMRect,
          px: parseFloat(getComputedStyle(s.querySelector('text')!).fontSize),
          boxes: [...s.querySelectorAll('text')].map((e) => ({ text: e.textContent!, x: e.closest('.axis-x') !== null, r: e.getBoundingClientRect().toJSON() as DOMRect }))
        }));
        // enough labels to read each scale by: times along, two shares and two counts up
        expect(boxes.filter((b) => b.x).length, where).toBeGreaterThanOrEqual(3);
        expect(boxes.filter((b) => !b.x && b.text.includes('%')).length, `${where}: share labels`).toBeGreaterThanOrEqual(2);
        expect(boxes.filter((b) => !b.x && !b.text.includes('%')).length, `${where}: volume labels`).toBeGreaterThanOrEqual(2);
        // Apart, not merely not touching: a quarter of a letter's height between lines, half a letter
        // between words; closer, "0%" over "20" reads as one scale from across the room.
        const dy = px / 8;
        const dx = px / 4;
        const clashes: string[] = [];
        for (const [i, a] of boxes.entries()) {
          if (a.r.left < svg.left - 1 || a.r.right > svg.right + 1) clashes.push(`${a.text} outside`);
          for (const b of boxes.slice(i + 1)) {
            if (a.r.left - dx < b.r.right + dx && b.r.left - dx < a.r.right + dx && a.r.top - dy < b.r.bottom + dy && b.r.top - dy < a.r.bottom + dy) clashes.push(`${a.text} on ${b.text}`);
          }
        }
        all.push(...clashes.map((c) => `${where}: ${c}`));
        await wall.close();
      }
    }
    expect(all).toEqual([]);
  }, 120_000);

  // Last: the alert stays open for the rest of the file.
  it('keeps four topic rows at 1080p while two alerts are open, each named whole, their strip taking its line from the ticker', async () => {
    // two incidents at once, as in the demo: images in East China and the hotline in North China
    await publishOpenAlert(app, ['topic:service.support|channel:call|region:north']);
    for (const lang of ['en', 'zh'] as const) {
      for (const [width, height] of SIZES) {
        const wall = await openWall(browser, { baseURL: app.url, lang, wallToken, width, height });
        await wall.waitForState('live');
        await expect.poll(() => wall.page.getByTestId('wall-alert').count(), { timeout: 20_000 }).toBe(2);
        // each alert's slice reads whole, its place included (the full topic path pushed it past the ellipsis)
        const names = await wall.page.$$eval('[data-testid="wall-alert"] .what', (els) =>
          els.map((e) => ({ text: e.textContent, cut: e.scrollWidth > e.clientWidth + 1 })));
        for (const n of names) expect(n.cut, `${lang} ${width}×${height}: ${n.text}`).toBe(false);
        const leading = async () => (await wall.topicIds()).slice(0, LONG_NAMED.length).sort();
        await expect.poll(leading, { timeout: 20_000 }).toEqual(LONG_NAMED.map(([id]) => id).sort());
        const where = `${lang} ${width}×${height} with an alert`;
        await wall.screenshot(`${SHOTS}/wall-fit-alert-${lang}-${width}x${height}.png`);
        const rows = await visibleTopicRows(wall.page);
        expect(rows.length, where).toBeGreaterThanOrEqual(4);
        for (const row of rows) expect(row.cut, `${where}: ${row.text} ${row.dims}`).toBe(false);
        // the ticker gives up whole rows, never half of one
        const ticker = await wall.page.$eval('[data-testid="ticker"]', (ol) => {
          const box = ol.getBoundingClientRect();
          const items = [...ol.querySelectorAll('[data-testid="ticker-item"]')].map((e) => e.getBoundingClientRect());
          return { shown: items.filter((r) => r.left < box.right && r.bottom <= box.bottom + 1).length, half: items.filter((r) => r.left < box.right && r.top < box.bottom && r.bottom > box.bottom + 1).length };
        });
        expect(ticker.shown, where).toBeGreaterThanOrEqual(4);
        expect(ticker.half, where).toBe(0);
        expect(await wall.scrolls(), where).toBe(false);
        await wall.close();
      }
    }
  }, 120_000);
});
