import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topicLabel } from '../../schemas/taxonomy.ts';
import { postFeedback, type App } from '../support/app.ts';
import { openAs } from '../support/browser.ts';
import { appDb, closeAll, SHOTS, startE2e, untilStored } from '../support/e2e.ts';

/**
 * The report's "change" column says why it has no percentage: "new" for a topic nobody complained about
 * in the period before (while others were), "no earlier data" when the period before holds no message
 * at all, "earlier period incomplete" when the stored data begins inside it (the demo's ten days against
 * a week: "+100 %" everywhere) — never a bare "—" that leaves the reader guessing.
 */

const DAY = 86_400_000;
let app: App;
let browser: Browser;

/** `n` complaints about one thing, each worded a little differently (near-duplicates count as one voice). */
function complaints(prefix: string, phrase: string, n: number, at: number) {
  const words = 'tonight again order app phone seriously today customer please week evening really'.split(' ');
  return Array.from({ length: n }, (_, i) => {
    let x = Math.imul(i * 31 + prefix.length + 1, 0x9e3779b1) | 1;
    const next = () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), (x >>> 0) % words.length);
    const filler = Array.from({ length: 8 }, () => words[next()]).join(' ');
    return { id: `${prefix}-${i}`, ts: at - i * 60_000, channel: 'in_app', text: `${phrase}, ${filler}` };
  });
}

beforeAll(async () => {
  ({ app, browser } = await startE2e());
  const now = Date.now();
  // late deliveries this week and the week before; double charges only this week; the first message
  // stored 35 days ago, so the week before is covered, the month before only its last five days and the
  // quarter before not at all
  const docs = [
    { id: 'first', ts: now - 35 * DAY, channel: 'email', text: 'the delivery was late, it took forever to arrive' },
    { id: 'cover', ts: now - 13.9 * DAY, channel: 'email', text: 'the delivery was late, it took forever to arrive' },
    ...complaints('late-before', 'the delivery was late again, it took forever to arrive', 12, now - 9 * DAY),
    ...complaints('late-now', 'the delivery was late again, it took forever to arrive', 18, now - 2 * DAY),
    ...complaints('charge-now', 'I was charged twice for one order, double charged', 10, now - 2 * DAY)
  ];
  expect((await postFeedback(app, docs)).status).toBe(202);
  const db = await appDb(app);
  await untilStored(db, docs.length, 60_000);
  await db.close();
}, 120_000);
afterAll(() => closeAll(browser, undefined, app));

async function changes(period: 'week' | 'month' | 'quarter', lang: 'en' | 'zh') {
  const { context, page } = await openAs(browser, app, 'viewer', `/report?period=${period}&lang=${lang}`, { width: 1440, height: 900, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
  await page.getByTestId('report-issues').waitFor();
  await page.screenshot({ path: `${SHOTS}/report-change-${period}-${lang}.png`, fullPage: true });
  const rows = await page.locator('[data-testid="report-issues"] tbody tr').evaluateAll((trs) =>
    Object.fromEntries(trs.map((tr) => [tr.querySelector('td')!.textContent!.trim(), tr.querySelectorAll('td')[2].textContent!.trim()]))
  );
  const totals = await page.getByTestId('report-totals').innerText();
  const title = await page.title();
  const dates = await page.locator('header p').first().innerText();
  await context.close();
  return { rows, totals, title, dates };
}

describe("the report's change column", () => {
  it('says "new" for a topic absent from the period before, and shows the change of one present in both', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const { rows, title, dates } = await changes('week', lang);
      // the period and when it was made in one style: "Nov 18, 2026 – Nov 25, 2026 · generated Nov 25, 14:59",
      // not "… · generated 11/25, 14:59"
      expect(dates).toMatch(lang === 'en' ? /· generated [A-Z][a-z]{2} \d{1,2}, \d\d:\d\d$/ : /· 生成于 \d{1,2}月\d{1,2}日 \d\d:\d\d$/);
      // what a printed copy is called: 周报, as people say it, not the word-for-word 周报告
      expect(title).toBe(lang === 'en' ? 'VoC Pulse · Weekly report' : 'VoC Pulse · 周报');
      expect(rows[topicLabel('payment.charge', lang)], lang).toBe(lang === 'en' ? 'new' : '新出现');
      // complaints in both weeks: a signed percentage
      expect(rows[topicLabel('delivery.late', lang)], lang).toMatch(/^[+\u2212]\d+%$/);
    }
  });

  it('says "no earlier data" when the period before holds no message at all, in the table and the totals', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const { rows, totals } = await changes('quarter', lang);
      const words = lang === 'en' ? 'no earlier data' : '无上期数据';
      expect(Object.keys(rows).length, lang).toBeGreaterThanOrEqual(2);
      for (const [topic, change] of Object.entries(rows)) expect(change, `${lang} ${topic}`).toBe(words);
      expect(totals, lang).toContain(words);
      expect(totals, lang).not.toContain('—');
    }
  });

  it('says the period before is incomplete, and since when there is data, instead of a percentage against it', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const { rows, totals } = await changes('month', lang);
      const words = lang === 'en' ? 'earlier period incomplete' : '上期数据不全';
      expect(Object.keys(rows).length, lang).toBeGreaterThanOrEqual(2);
      for (const [topic, change] of Object.entries(rows)) expect(change, `${lang} ${topic}`).toBe(words);
      expect(totals, lang).toContain(words);
      expect(totals, lang).not.toMatch(/%\s*(vs previous|较上一周期)|较上一周期\s*[+\u2212]/);
      // and says so as itself, not as a change: "earlier period incomplete vs previous period" was no sentence
      expect(totals, lang).not.toMatch(/incomplete vs previous|较上一周期\s*上期数据不全/);
    }
  });
});
