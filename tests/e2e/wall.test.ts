import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postFeedback, type App } from '../support/app.ts';
import { openWall } from '../support/browser.ts';
import { closeAll, SHOTS, startE2e } from '../support/e2e.ts';
import { until } from '../support/pipeline.ts';
import { createWallToken, signIn, socketOptions } from '../support/session.ts';
import { io } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../schemas/events.ts';
import type { Socket } from 'socket.io-client';

/** The 60-minute total a newly connected client is given. */
async function freshTotal(url: string): Promise<number> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, { transports: ['websocket'], forceNew: true, ...socketOptions(await signIn(app, 'viewer')) });
  const snapshot = await new Promise<Parameters<ServerToClientEvents['live:snapshot:v1']>[0]>((resolve) => socket.once('live:snapshot:v1', resolve));
  socket.disconnect();
  return (snapshot.series['all:'] ?? []).reduce((s, b) => s + b.n, 0);
}

// Different complaints, not copies: near-duplicates would rightly count as one voice.
const DISTINCT = [
  '送餐太慢了，饭都凉了',
  '骑手态度很差，还把汤洒了',
  '优惠券用不了，结账一直报错',
  'Refund still not received after two weeks',
  'The courier left my order at the wrong building',
  '客服电话打了三次都没人接',
  'Payment failed twice but I was charged',
  '包装破了，饮料全漏出来了',
  'Images in the app take forever to load tonight'
];
const WHILE_DOWN = [
  '客户来电反映会员卡积分清零了，要求恢复',
  'Caller says the promo code SAVE20 was rejected at checkout',
  '客户投诉发票开错了抬头，需要重开',
  'Customer asked why the delivery fee doubled after 10pm',
  '来电咨询：退款原路返回要几个工作日'
];
let app: App;
let browser: Browser;
let wallToken: string;

beforeAll(async () => {
  ({ app, browser } = await startE2e());
  wallToken = (await createWallToken(app, 'e2e wall')).token;
});
afterAll(() => closeAll(browser, undefined, app));

describe('the wall in a real browser', () => {
  it('dates a ticker message from days ago (a replayed backlog), so "10:35" never passes for today', async () => {
    // First in this file: any newer message would push a two-day-old one off the ticker.
    const wall = await openWall(browser, { baseURL: app.url, lang: 'en', wallToken });
    await wall.waitForState('live');
    const old = `old${Date.now()}`;
    const ts = Date.now() - 2 * 24 * 3_600_000;
    const res = await postFeedback(app, [{ id: old, ts, channel: 'survey', text: 'I absolutely love this wonderful app, thank you so much!' }]);
    expect(res.status).toBe(202);
    await expect.poll(() => wall.tickerIds(), { timeout: 15_000 }).toContain(old);
    const shown = await wall.page.locator(`[data-testid="ticker-item"][data-id="${old}"] time`).innerText();
    const day = new Intl.DateTimeFormat('en', { month: 'numeric', day: 'numeric' }).format(ts);
    expect(shown).toContain(day);
    await wall.close();
  });

  it('puts a topic that starts surging at the top of its list, marked rising with its ratio, in view at 1080p', async () => {
    // First in this file, so no other topic has arrived in the last minutes. The half hour before holds
    // the usual traffic (none of it about slow loading), then fourteen different complaints about it now.
    const slow = [
      '菜单页面图片加载太慢了，一直转圈',
      '首页加载要半分钟，等得心烦',
      '点开店铺一直在加载，什么都看不到',
      '今晚APP很卡，图片出不来',
      '商品详情页打不开，转圈转半天',
      '刷新慢得要命，换了网络也一样',
      '评价页面加载慢，图片全是灰的',
      '订单页面太卡了，点一下等十秒',
      'Pictures take forever to load on the menu tonight',
      'The app is so laggy, the restaurant list never shows up',
      'Store page keeps buffering and never finishes',
      'Menu photos are slow to load again this evening',
      'Checkout screen is sluggish, it took a minute to appear',
      'Search results are slow to respond on my phone'
    ];
    const marker = `rise${Date.now()}`;
    // Texts unlike each other (a near-duplicate would count as one voice): ten words drawn per message.
    const words = 'menu rice dumplings tea milk order table seat bill waiter salad beef noodles cake fruit juice sauce bowl spoon window'.split(' ');
    const earlier = Array.from({ length: 30 }, (_, i) => {
      let x = Math.imul(i + 7001, 0x85ebca6b) | 1;
      const next = () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), (x >>> 0) % words.length);
      return { id: `${marker}-usual-${i}`, ts: Date.now() - (20 + i) * 60_000, channel: 'chat', text: Array.from({ length: 10 }, () => words[next()]).join(' ') };
    });
    expect((await postFeedback(app, earlier)).status).toBe(202);
    expect((await postFeedback(app, slow.map((text, i) => ({ id: `${marker}-${i}`, channel: 'app_review', text })))).status).toBe(202);
    // Late arrivals reach a web node's picture with its full refresh (every 30 s).
    await until(() => freshTotal(app.url), (n) => n >= earlier.length + slow.length, 45_000);
    for (const lang of ['en', 'zh'] as const) {
      const wall = await openWall(browser, { baseURL: app.url, lang, wallToken });
      await wall.waitForState('live');
      const row = wall.page.locator('[data-testid="topic-row"][data-topic="app.slow"]');
      const badge = row.locator('[data-testid="topic-rise"]');
      await expect.poll(() => badge.count(), { timeout: 20_000 }).toBe(1);
      expect(await badge.innerText()).toMatch(/^[\d.,]+×$/);
      // it leads, marked with the arrow where a rank number would be
      expect(await wall.page.locator('[data-testid="topic-row"]').first().getAttribute('data-topic')).toBe('app.slow');
      expect(await row.locator('.rank').innerText()).toBe('▲');
      expect(await row.innerText()).toContain(lang === 'zh' ? '加载慢' : 'Slow loading');
      // rising leads the list, so it is never the row clipped away at the panel's foot
      const seen = await badge.evaluate((el) => {
        const r = el.getBoundingClientRect();
        const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return hit !== null && el.contains(hit);
      });
      expect(seen).toBe(true);
      if (lang === 'en') await wall.screenshot(`${SHOTS}/wall-1080p-rising.png`);
      await wall.close();
    }
  });

  it('shows new feedback within seconds: counters move and the message appears on the ticker as text', async () => {
    const wall = await openWall(browser, { baseURL: app.url, lang: 'en', wallToken });
    await wall.waitForState('live');
    const before = (await wall.number('total-count')) ?? 0;
    const marker = `m${Date.now()}`;
    const text = `<script>document.title="pwned"</script><b>${marker}</b> the app crashes at checkout, awful`;
    const res = await postFeedback(app, [
      { id: marker, channel: 'app_review', text, customer: { region: 'east' } },
      ...DISTINCT.map((t) => ({ channel: 'chat', text: t }))
    ]);
    expect(res.status).toBe(202);
    await wall.waitForNumber('total-count', (n) => (n ?? 0) >= before + 10, 15_000);
    await expect.poll(() => wall.tickerIds(), { timeout: 15_000 }).toContain(marker);
    const shown = await wall.page.locator(`[data-testid="ticker-item"][data-id="${marker}"]`).innerText();
    expect(shown).toContain('<script>');
    expect(shown).toContain(`<b>${marker}</b>`);
    // a message from now shows its time only (no day)
    expect(await wall.page.locator(`[data-testid="ticker-item"][data-id="${marker}"] time`).innerText()).toMatch(/^\d{2}:\d{2}$/);
    expect(await wall.page.title()).not.toBe('pwned');
    expect(await wall.page.locator('[data-testid="ticker"] b').count()).toBe(0);
    await wall.screenshot(`${SHOTS}/wall-1080p-en.png`);
    expect(await wall.scrolls()).toBe(false);
    await wall.close();
  });

  it('fits a 4K screen without scrolling and speaks Chinese with ?lang=zh', async () => {
    const wall = await openWall(browser, { baseURL: app.url, lang: 'zh', width: 3840, height: 2160, as: { app, role: 'viewer' } });
    await wall.waitForState('live');
    expect(await wall.statusText()).toMatch(/实时/);
    expect(await wall.scrolls()).toBe(false);
    await wall.screenshot(`${SHOTS}/wall-4k-zh.png`);
    await wall.close();
  });

  it('reads from across the room at 1080p in both languages: type ≥ 24 px, channel and region names whole', async () => {
    // The longest names, and names that differ only at the end (应用内反馈 / 应用评价, Northwest / Northeast China),
    // each sent often enough to rank in the wall's top four channels and regions.
    const channels = ['in_app', 'app_review', 'survey', 'social'];
    const regions = ['northwest', 'northeast', 'southwest', 'central'];
    // Texts unlike each other and unlike the other tests' (a near-duplicate counts as one voice, which
    // would change the totals the reconnect test checks): twelve words drawn per message.
    const words = 'rider soup cold late refund app crash coupon invoice courier noodles spicy wrong building charged twice slow images login password map address tip receipt'.split(' ');
    const text = (i: number) => {
      let x = Math.imul(i + 1, 0x9e3779b1) | 1;
      const next = () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), (x >>> 0) % words.length);
      return Array.from({ length: 12 }, () => words[next()]).join(' ');
    };
    const batch = Array.from({ length: 40 }, (_, i) => ({
      id: `room${Date.now()}-${i}`,
      channel: channels[i % channels.length],
      text: text(i),
      customer: { region: regions[(i >> 2) % regions.length] }
    }));
    expect((await postFeedback(app, batch)).status).toBe(202);
    for (const lang of ['en', 'zh'] as const) {
      const wall = await openWall(browser, { baseURL: app.url, lang, wallToken });
      await wall.waitForState('live');
      const rows = wall.page.locator('.breakdown li');
      await expect.poll(() => rows.allInnerTexts(), { timeout: 20_000 }).toEqual(
        expect.arrayContaining([expect.stringContaining(lang === 'zh' ? '应用内反馈' : 'Northwest China')])
      );
      // every piece of text on the screen, at its computed size
      const small = await wall.page.evaluate(() => {
        const out: string[] = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
          const el = walker.currentNode.parentElement;
          const text = walker.currentNode.textContent?.trim();
          if (!el || !text) continue;
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.bottom > innerHeight || r.right > innerWidth) continue;
          const px = parseFloat(getComputedStyle(el).fontSize);
          if (px < 24) out.push(`${px}px ${text.slice(0, 30)}`);
        }
        return out;
      });
      expect(small).toEqual([]);
      const cut = await wall.page.$$eval('.breakdown .label', (els) =>
        els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent)
      );
      expect(cut).toEqual([]);
      expect(await wall.scrolls()).toBe(false);
      await wall.screenshot(`${SHOTS}/wall-1080p-${lang}-names.png`);
      await wall.close();
    }
  });

  it('says so when the connection is lost, reconnects by itself, and keeps the counts exact', async () => {
    const wall = await openWall(browser, { baseURL: app.url, lang: 'en', wallToken });
    await wall.waitForState('live');
    const before = (await wall.number('total-count')) ?? 0;
    await app.stopWeb();
    await wall.waitForState('reconnecting', 20_000);
    // how old the picture is, not a retry count, is what the room needs to know
    await expect.poll(() => wall.statusText(), { timeout: 5_000 }).toMatch(/no update for \d+ s/);
    await wall.screenshot(`${SHOTS}/wall-reconnecting.png`);
    // Feedback sent while the web node is down still reaches the stream through a direct XADD producer.
    const { Redis } = await import('ioredis');
    const redis = new Redis(app.env.REDIS_URL);
    const marker = `down${Date.now()}`;
    for (const [i, text] of WHILE_DOWN.entries()) {
      await redis.xadd(app.env.VOC_STREAM, '*', 'data', JSON.stringify({ id: `${marker}-${i}`, channel: 'call', text }));
    }
    redis.disconnect();
    await app.startWeb();
    await wall.waitForState('live', 30_000);
    // Once the processor has stored the five, a fresh client's total is the truth the wall must match.
    const fresh = await until(() => freshTotal(app.url), (n) => n >= before + 5, 20_000);
    await wall.waitForNumber('total-count', (n) => n === fresh, 15_000);
    await wall.close();
  });

});
