import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../schemas/alerts.ts';
import { reopenStory } from '../../streaming/push/webhooks/test-alerts.ts';
import { alertKeys, type AlertChange } from '../../streaming/watch/loop.ts';
import type { App } from '../support/app.ts';
import { openAs, openWall } from '../support/browser.ts';
import { closeAll, SHOTS, startE2e } from '../support/e2e.ts';
import { redisClient } from '../support/pipeline.ts';
import { createWallToken } from '../support/session.ts';

/**
 * What the desk screens say when their connection drops, and the on-call card's words, as a person reads
 * them: /impact says it is reconnecting (it only dimmed), the wall's alert strip dims with the panels it
 * sits above, an action tried offline fails in the page's language ("操作失败：offline" was English in the
 * Chinese desk), a missing app version is said in words (a bare "—" before "97%"), and the long snoozes
 * read in hours.
 */

let app: App;
let browser: Browser;
let wallToken: string;

/** An open alert whose calls carry no app version (97 % of its excess) and one example without a region. */
async function publishAlert(): Promise<Alert> {
  const opened = reopenStory()[0];
  if (opened.kind === 'storm') throw new Error('expected an opened alert');
  const base = opened.alert;
  const alert: Alert = {
    ...base,
    id: `${base.id}-desk`,
    stats: { ...base.stats, startedAt: Date.now() - 2 * 60_000 },
    evidence: {
      keywords: [],
      examples: [{ id: 'ex1', text: '客服热线排了半个小时没人理', channel: 'call', region: '', sentiment: -0.8 }],
      contributions: [
        { dimension: 'channel', value: 'call', excess: 30, share: 1 },
        { dimension: 'app_version', value: '', excess: 29, share: 0.97 },
        { dimension: 'app_version', value: '5.11.0', excess: 1, share: 0.03 }
      ],
      impact: { customers: 29, weightedCustomers: 29, vipCustomers: 0 },
      messages: 40
    }
  };
  const redis = redisClient(app.env.REDIS_URL);
  const change: AlertChange = { source: 'watcher', alerts: [alert], events: [] };
  await redis.publish(alertKeys(app.env.VOC_STREAM).changes, JSON.stringify(change));
  redis.disconnect();
  return alert;
}

beforeAll(async () => {
  ({ app, browser } = await startE2e());
  wallToken = (await createWallToken(app, 'desk wall')).token;
}, 120_000);
afterAll(() => closeAll(browser, undefined, app));

describe('the desk screens when the connection drops', () => {
  it('/impact and a launch page say "reconnecting" in words, not only by dimming', async () => {
    for (const lang of ['en', 'zh'] as const) {
      for (const path of ['/impact', '/impact/no-such-plan']) {
        const { context, page } = await openAs(browser, app, 'viewer', `${path}?lang=${lang}`, { width: 1366, height: 768, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
        const word = page.getByTestId('connection');
        await page.waitForSelector('[data-testid="connection"][data-state="live"]', { timeout: 20_000 });
        expect(await word.innerText()).toBe(lang === 'en' ? 'live updates' : '实时更新中');
        await context.setOffline(true);
        await page.waitForSelector('[data-testid="connection"][data-state="reconnecting"]', { timeout: 30_000 });
        expect(await word.innerText()).toBe(lang === 'en' ? 'reconnecting' : '重新连接中');
        expect(await word.isVisible()).toBe(true);
        await page.screenshot({ path: `${SHOTS}/impact-offline${path === '/impact' ? '' : '-detail'}-${lang}.png` });
        await context.close();
      }
    }
  });

  it('says why an action failed offline in the page language, names a missing app version, and snoozes in hours', async () => {
    const alert = await publishAlert();
    for (const lang of ['zh', 'en'] as const) {
      const { context, page } = await openAs(browser, app, 'responder', `/oncall?lang=${lang}`, { width: 390, height: 844, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
      const card = page.locator(`[data-testid="alert"][data-alert-id="${alert.id}"]`);
      await card.waitFor({ timeout: 20_000 });
      await page.waitForSelector('[data-testid="status"][data-state="live"]', { timeout: 20_000 });
      const text = await card.innerText();
      // the calls' missing app version in words, not a bare dash before its share
      expect.soft(text).not.toMatch(/—\s*97\s*%/);
      expect.soft(text).toMatch(lang === 'en' ? /not given\s*97\s*%/ : /未注明\s*97\s*%/);
      // the example without a region names its channel alone (not "电话 ·", a separator before nothing)
      expect.soft((await card.locator('[data-testid="examples"] small').first().innerText()).trim()).toBe(lang === 'en' ? 'Call' : '电话');
      // the long snoozes in hours, as the README promises (15 min / 1 h / 4 h)
      expect.soft(await card.getByTestId('snooze-60').innerText()).toBe(lang === 'en' ? 'Snooze 1 h' : '暂停 1 小时');
      expect.soft(await card.getByTestId('snooze-240').innerText()).toBe(lang === 'en' ? 'Snooze 4 h' : '暂停 4 小时');

      await context.setOffline(true);
      await page.waitForSelector('[data-testid="status"][data-state="reconnecting"]', { timeout: 30_000 });
      await card.getByTestId('ack').click();
      const error = card.getByRole('alert');
      await error.waitFor({ timeout: 5_000 });
      const said = await error.innerText();
      if (lang === 'zh') {
        expect.soft(said).toContain('未连接到服务器');
        expect.soft(said).not.toMatch(/[A-Za-z]{3,}/);
      } else {
        expect(said).toContain('not connected to the server');
      }
      await page.screenshot({ path: `${SHOTS}/oncall-offline-action-${lang}.png`, fullPage: true });
      await context.close();
    }
  });

  it('every desk screen leads back to the start page in its own language', async () => {
    for (const [path, role] of [['/oncall', 'viewer'], ['/impact', 'viewer'], ['/topics', 'viewer'], ['/admin', 'admin']] as const) {
      for (const lang of ['en', 'zh'] as const) {
        const { context, page } = await openAs(browser, app, role, `${path}?lang=${lang}`, { width: 1366, height: 768, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
        const home = page.locator('a[href="/?lang=' + lang + '"]', { hasText: 'VoC Pulse' });
        await home.first().waitFor({ timeout: 10_000 }).catch(() => undefined);
        expect(await home.count(), `${path} ${lang}`).toBe(1);
        expect(await home.isVisible(), `${path} ${lang}`).toBe(true);
        await context.close();
      }
    }
  });

  it('dims the wall’s alert strip with its panels while reconnecting', async () => {
    const wall = await openWall(browser, { baseURL: app.url, lang: 'zh', wallToken });
    await wall.waitForState('live');
    await wall.page.getByTestId('wall-alert').first().waitFor({ timeout: 20_000 });
    const opacity = (sel: string) => wall.page.locator(sel).first().evaluate((e) => Number(getComputedStyle(e).opacity));
    expect(await opacity('.alerts')).toBe(1);
    await wall.context.setOffline(true);
    await wall.waitForState('reconnecting', 30_000);
    const panel = await opacity('.wall .panel');
    expect(panel).toBeLessThan(1);
    // the strip reads as old as the numbers below it, not as the one current line on the screen
    expect(await opacity('.alerts')).toBe(panel);
    await wall.screenshot(`${SHOTS}/wall-reconnecting-alerts.png`);
    await wall.close();
  });
});
