import { writeFileSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImpactDetail, ImpactSummary, Report } from '../../schemas/impact.ts';
import type { LaunchScope } from '../../schemas/plans.ts';
import type { Db } from '../../streaming/store/db.ts';
import { sql } from '../../streaming/store/sql.ts';
import { startApp, type App } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { appDb, closeAll, SHOTS, streamImagesIncident, untilStored } from '../support/e2e.ts';
import { postJson, signIn, signInBrowser, type Session } from '../support/session.ts';

/**
 * The loop end to end: weeks of simulated feedback with an incident (images load slowly on Android in
 * East China) go through the real pipeline; a fix launches when the incident ends; the impact view shows
 * a significant fall in complaints, a placebo launch on an untouched topic shows none, the customer CSV
 * holds exactly the right ids, the wall rotates the launches, and the period report prints to PDF.
 */

const H = 3_600_000;
const DAY = 24 * H;
const RATE = 0.05; // messages/s, daily average: ~4,300 a day keeps the backfill quick
const nowHour = Math.floor(Date.now() / H) * H;
const historyFrom = nowHour - 18 * DAY;
const fixAt = nowHour - 78 * H;

interface PlannedLaunch {
  key: 'fix' | 'pilot' | 'placebo' | 'placebo2' | 'placebo3';
  title: string;
  topics: string[];
  at: number;
  scope: LaunchScope;
}
const PLANS: PlannedLaunch[] = [
  { key: 'fix', title: 'Compress images for Android', topics: ['app.slow'], at: fixAt, scope: { kind: 'everywhere' } },
  { key: 'pilot', title: 'Image CDN pilot in East China', topics: ['app.slow'], at: fixAt, scope: { kind: 'pilot', regions: ['east'] } },
  // Nothing happened to these topics: launches there must not be credited with an effect. A 95% interval
  // misses by chance one time in twenty, and the simulated data shifts with the hour the test runs, so
  // three placebos are measured and at most one may be a chance call (all three: about 0.7%).
  { key: 'placebo2', title: 'Refund desk training (placebo)', topics: ['aftersales.refund'], at: fixAt + H, scope: { kind: 'everywhere' } },
  { key: 'placebo3', title: 'Menu photos refresh (placebo)', topics: ['food.taste'], at: fixAt + H, scope: { kind: 'pilot', regions: ['south'] } },
  { key: 'placebo', title: 'Courier briefing (placebo)', topics: ['delivery.late'], at: fixAt + 2 * H, scope: { kind: 'everywhere' } }
];
/** plan ids the plans API gave out */
const id = {} as Record<PlannedLaunch['key'], string>;

/** Plans are created and launched the way a team lead does it: through the plans API, as an editor. */
async function createAndLaunch(p: PlannedLaunch): Promise<string> {
  const post = (path: string, body: unknown) => postJson(app, editor, path, body);
  const created = await post('/api/plans', { title: p.title, team: 'app', topics: p.topics });
  expect(created.status).toBe(201);
  const { id: planId } = (await created.json()) as { id: string };
  expect((await post(`/api/plans/${planId}/events`, { type: 'launch', at: p.at, scope: p.scope })).status).toBe(201);
  return planId;
}

let app: App;
let browser: Browser;
let db: Db;
let viewer: Session;
let editor: Session;

async function get(path: string, session = viewer): Promise<Response> {
  return fetch(`${app.url}${path}`, { headers: session.headers });
}

async function newContext(width = 1920, height = 1080, locale = 'en-US'): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width, height }, locale });
  await signInBrowser(context, app, 'viewer');
  return context;
}

beforeAll(async () => {
  app = await startApp();
  app.startProcessor();

  // The simulator's own feed: incident from the start of the history until the fix.
  const sent = await streamImagesIncident(app, { seed: 'impact-e2e', from: historyFrom, to: nowHour, fixAt, rate: RATE });
  db = await appDb(app);
  await untilStored(db, sent, 240_000);
  await app.startWeb();
  viewer = await signIn(app, 'viewer');
  editor = await signIn(app, 'editor');
  for (const p of PLANS) id[p.key] = await createAndLaunch(p);
  browser = await launchBrowser();
}, 400_000);

afterAll(() => closeAll(browser, db, app));

describe('the measured impact of launched fixes', () => {
  it('lists launches newest first; the fix cut complaints significantly, the placebo changed nothing', async () => {
    const res = await get('/api/impact');
    expect(res.status).toBe(200);
    const { launches } = (await res.json()) as { launches: ImpactSummary[] };
    expect(launches.map((l) => l.planId).slice(0, 1)).toEqual([id.placebo]);
    expect(new Set(launches.map((l) => l.planId))).toEqual(new Set(Object.values(id)));
    const fix = launches.find((l) => l.planId === id.fix)!;
    expect(fix.status).toBe('settled');
    expect(fix.headline?.significant).toBe(true);
    expect(fix.headline!.upper95).toBeLessThan(-0.2);
    expect(fix.headline!.cumulativeEffect).toBeLessThan(0);
    const placebos = launches.filter((l) => [id.placebo, id.placebo2, id.placebo3].includes(l.planId));
    expect(placebos.every((p) => p.headline !== null && p.status === 'settled')).toBe(true);
    expect(placebos.filter((p) => p.headline!.significant).length).toBeLessThanOrEqual(1);
    // No confident claim of a sizeable effect: every placebo's interval reaches to within 20 points of zero.
    // (Its point estimate alone may stray further: the south pilot holds ~150 complaints in 72 h, and at
    // 15 h UTC its estimate read +23 %, interval [−24 %, +86 %], not significant.)
    expect(placebos.every((p) => p.headline!.lower95 < 0.2 && p.headline!.upper95 > -0.2)).toBe(true);
    expect((await get('/api/impact/nope')).status).toBe(404);
  });

  it('compares the pilot with the unaffected regions, and the cross-check agrees', async () => {
    const d = (await (await get(`/api/impact/${id.pilot}`)).json()) as ImpactDetail;
    expect(d.headline?.significant).toBe(true);
    expect(d.pilot?.diffInDiff?.upper95).toBeLessThan(0);
    expect(d.pilot!.pilot.complaints.after!).toBeLessThan(d.pilot!.pilot.complaints.before! * 0.7);
    expect(d.pilot!.control.complaints.after!).toBeGreaterThan(d.pilot!.control.complaints.before! * 0.6);
  });

  it('exports exactly the customers who complained about the topic before the launch, as a CSV attachment', async () => {
    // A list of customers is an editor's export (audited by the access layer), not a viewer's.
    expect((await get(`/api/impact/${id.fix}/customers.csv`, viewer)).status).toBe(403);
    const res = await get(`/api/impact/${id.fix}/customers.csv`, editor);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="customers-${id.fix}.csv"`);
    const lines = (await res.text()).split('\r\n');
    expect(lines[0]).toBe('customer_id');
    expect(lines.at(-1)).toBe('');
    const ids = lines.slice(1, -1);
    // Every message stored once, or a customer could be counted from a row that was not there yet.
    const [once] = await db.query<{ n: string; d: string }>(sql`SELECT count() AS n, uniqExact(id) AS d FROM feedback`);
    expect(Number(once.n)).toBe(Number(once.d));
    // The truth, worked out here from the stored rows rather than by the product's query.
    const rows = await db.query<{ c: string; ts: number | string; topics: string[]; s: number[]; noise: string }>(
      sql`SELECT customer_id AS c, toUnixTimestamp(ts) AS ts, topics, topic_sentiments AS s, noise FROM feedback`
    );
    const expected = new Set<string>();
    for (const r of rows) {
      const ts = Number(r.ts) * 1000;
      if (ts >= fixAt || ts < fixAt - 28 * DAY || r.noise !== '' || r.c === '') continue;
      if (r.topics.some((tp, i) => tp === 'app.slow' && r.s[i] <= -0.3)) expected.add(r.c);
    }
    expect(expected.size).toBeGreaterThan(50);
    expect(ids).toEqual([...expected].sort());
    const east = (await (await get(`/api/impact/${id.pilot}/customers.csv`, editor)).text()).split('\r\n').slice(1, -1);
    expect(east.length).toBeGreaterThan(0);
    expect(east.length).toBeLessThan(ids.length);
    expect(east.every((id) => expected.has(id))).toBe(true);
  });

  it('shows the reduction on /impact and the three-panel chart per fix, in English and Chinese', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${app.url}/impact?lang=en`);
    await page.locator('[data-testid="impact-launch"]').nth(4).waitFor();
    const shown = await page.$$eval('[data-testid="impact-launch"]', (els) => els.map((e) => e.getAttribute('data-plan')));
    expect(shown[0]).toBe(id.placebo);
    expect(shown.slice(-2).sort()).toEqual([id.fix, id.pilot].sort());
    const fix = page.locator(`[data-plan="${id.fix}"] [data-testid="impact-headline"]`);
    expect(await fix.getAttribute('data-significant')).toBe('true');
    expect(await fix.innerText()).toMatch(/≈[\d,]+ fewer complaints in \d+ h/);
    expect(await fix.innerText()).toMatch(/−\d+% \[−\d+%, −\d+%\]/);
    expect(await fix.innerText()).toMatch(/likely real/);
    // A placebo the figures call no change reads as such.
    const calm = (await (await get('/api/impact')).json() as { launches: ImpactSummary[] }).launches
      .find((l) => l.planId !== id.fix && l.planId !== id.pilot && !l.headline!.significant)!;
    const placebo = page.locator(`[data-plan="${calm.planId}"] [data-testid="impact-headline"]`);
    expect(await placebo.getAttribute('data-significant')).toBe('false');
    expect(await placebo.innerText()).toMatch(/no clear change/);
    // ...without a "likely real" beside it, which would contradict the words
    expect(await placebo.innerText()).not.toMatch(/likely real/);
    await page.screenshot({ path: `${SHOTS}/impact-list-en.png` });

    await page.click(`[data-plan="${id.fix}"] h2 a`);
    await page.getByTestId('impact-title').waitFor();
    expect(await page.getByTestId('impact-title').innerText()).toBe('Compress images for Android');
    for (const panel of ['observed', 'pointwise', 'cumulative']) await page.getByTestId(`impact-panel-${panel}`).waitFor();
    expect(await page.locator('[data-testid="impact-panel-observed"] path.band').getAttribute('d')).toMatch(/^M/);
    expect(await page.getByTestId('impact-sentiment').innerText()).toMatch(/Negative share/);
    await page.getByTestId('impact-praise').waitFor();
    expect(await page.getByTestId('customers-csv').getAttribute('href')).toBe(`/api/impact/${id.fix}/customers.csv`);
    expect(await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight)).toBe(false);
    await page.screenshot({ path: `${SHOTS}/impact-fix-en.png` });

    await page.goto(`${app.url}/impact/${id.pilot}?lang=zh`);
    await page.getByTestId('impact-pilot').waitFor();
    expect(await page.getByTestId('impact-pilot').innerText()).toMatch(/试点与对照/);
    expect(await page.getByTestId('impact-headline').innerText()).toMatch(/约减少 [\d,]+ 条投诉/);
    await page.screenshot({ path: `${SHOTS}/impact-pilot-zh.png` });
    await context.close();
  });

  it('reads on a phone and a laptop in both languages: nothing cut, nothing on top of anything else', async () => {
    for (const [w, h] of [[390, 844], [1366, 768]] as const) {
      for (const lang of ['en', 'zh'] as const) {
        const context = await newContext(w, h, lang === 'zh' ? 'zh-CN' : 'en-US');
        const page = await context.newPage();
        await page.goto(`${app.url}/impact?lang=${lang}`);
        await page.locator('[data-testid="impact-launch"]').nth(4).waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
        // each launch's small chart wide enough to see the drop (on a phone it had shrunk to a thumbnail)
        const sparks = await page.$$eval('.spark', (els) => els.map((e) => Math.round(e.getBoundingClientRect().width)));
        expect(sparks.filter((px) => px < Math.min(300, 0.75 * w))).toEqual([]);
        await page.screenshot({ path: `${SHOTS}/impact-list-${lang}-${w}x${h}.png`, fullPage: true });

        await page.goto(`${app.url}/impact/${id.pilot}?lang=${lang}`);
        await page.getByTestId('impact-pilot').waitFor();
        await page.getByTestId('impact-panel-cumulative').waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
        const faults = await page.evaluate(() => {
          const out: string[] = [];
          const blocks = [...document.querySelectorAll('main > header, main > section, main > aside > section')];
          const boxes = blocks.map((e) => ({ name: e.getAttribute('data-testid') ?? e.className, r: e.getBoundingClientRect(), e }));
          for (const [i, a] of boxes.entries()) {
            // a panel whose own content runs past its edge is cut off by overflow: hidden
            if (a.e.scrollHeight > a.e.clientHeight + 2) out.push(`${a.name} cut (${a.e.scrollHeight} > ${a.e.clientHeight})`);
            if (a.e.scrollWidth > a.e.clientWidth + 2) out.push(`${a.name} cut at the side (${a.e.scrollWidth} > ${a.e.clientWidth})`);
            if (a.r.height < 10) out.push(`${a.name} squashed to ${a.r.height}px`);
            // a panel pushed past the bottom of a column that clips is as gone as a cut one
            const clip = a.e.parentElement!.getBoundingClientRect();
            if (a.r.bottom > clip.bottom + 1) out.push(`${a.name} runs ${Math.round(a.r.bottom - clip.bottom)}px past its column`);
            for (const b of boxes.slice(i + 1)) {
              const x = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
              const y = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
              if (x > 1 && y > 1) out.push(`${a.name} on ${b.name}`);
            }
          }
          // the chart must leave room to read three panels
          const chart = document.querySelector('.plot')!.getBoundingClientRect();
          if (chart.height < 280) out.push(`chart only ${Math.round(chart.height)}px high`);
          if (chart.width < Math.min(600, 0.8 * innerWidth)) out.push(`chart only ${Math.round(chart.width)}px wide`);
          return out;
        });
        expect(faults).toEqual([]);
        // the verdict says over what period and what the brackets are; each panel of the chart its unit
        const verdict = await page.getByTestId('impact-headline').innerText();
        expect(verdict).toMatch(lang === 'en' ? /≈[\d,]+ fewer complaints in \d+ h/ : /\d+ 小时内约减少 [\d,]+ 条投诉/);
        expect(verdict).toContain(lang === 'en' ? '95% interval' : '95% 区间');
        expect(await page.getByTestId('impact-panel-pointwise').textContent()).toContain(lang === 'en' ? 'complaints / h' : '投诉 / 小时');
        expect(await page.getByTestId('impact-panel-cumulative').textContent()).toContain(lang === 'en' ? '(complaints)' : '投诉条数');
        await page.screenshot({ path: `${SHOTS}/impact-pilot-${lang}-${w}x${h}.png`, fullPage: true });
        await context.close();
      }
    }
  });

  it('rotates the launches on the wall without scrolling at 1080p, 4K and 4:3', async () => {
    for (const [w, h] of [[1920, 1080], [3840, 2160], [1400, 1050]]) {
      const context = await newContext(w, h);
      const page = await context.newPage();
      await page.goto(`${app.url}/wall?lang=en`);
      await page.getByTestId('wall-impact').waitFor();
      expect(Object.values(id)).toContain(await page.getByTestId('wall-impact').getAttribute('data-plan'));
      expect(await page.evaluate(() => {
        const d = document.documentElement;
        return d.scrollHeight > window.innerHeight || d.scrollWidth > window.innerWidth;
      })).toBe(false);
      await page.screenshot({ path: `${SHOTS}/wall-impact-${h}p.png` });
      await context.close();
    }
  });

  it('renders the period report with its sections and prints it to a PDF with the right title', async () => {
    // What the alert watcher stores for an alert (the watcher itself is not part of this test).
    await db.insert('alert_snapshots', [{
      alert_id: 'al-images', version: 1, started_at: Math.floor((historyFrom + DAY) / 1000), updated_at: Math.floor(fixAt / 1000),
      status: 'resolved', severity: 'high', slice: 'topic:app.slow|region:east', alert: '{}'
    }]);
    const api = (await (await get('/api/report?period=month')).json()) as Report;
    expect(api.period).toBe('month');
    expect(api.topIssues.length).toBeGreaterThan(3);
    expect(api.launches.map((l) => l.planId)).toContain(id.fix);
    expect(api.plans?.filter((p) => Object.values(id).includes(p.id)).every((p) => p.status === 'launched')).toBe(true);
    expect(api.alerts?.map((a) => a.id)).toEqual(['al-images']);
    expect((await get('/api/report?period=year')).status).toBe(400);

    const context = await newContext(1280, 900);
    const page = await context.newPage();
    await page.goto(`${app.url}/report?period=month&lang=en`);
    for (const s of ['totals', 'issues', 'alerts', 'plans', 'launches']) await page.getByTestId(`report-${s}`).waitFor();
    expect(await page.title()).toBe('VoC Pulse · Monthly report');
    expect(await page.getByTestId('report-launches').innerText()).toMatch(/Compress images for Android[\s\S]*fewer complaints/);
    expect(await page.getByTestId('report-issues').innerText()).toMatch(/Delivery speed & delays/);
    expect(await page.getByTestId('report-plans').innerText()).toMatch(/Image CDN pilot in East China\s+app\s+Launched/);
    expect(await page.getByTestId('report-alerts').innerText()).toMatch(/Slow loading · East China\s+high\s+resolved/);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync(`${SHOTS}/report-month.pdf`, pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    expect(pdfTitle(pdf)).toBe('VoC Pulse · Monthly report');
    await context.close();

    // what an executive opens on a laptop, in both languages: the fall says over how many hours
    for (const lang of ['en', 'zh'] as const) {
      const laptop = await newContext(1366, 768, lang === 'zh' ? 'zh-CN' : 'en-US');
      const p = await laptop.newPage();
      await p.goto(`${app.url}/report?period=month&lang=${lang}`);
      const launches = p.getByTestId('report-launches');
      await launches.waitFor();
      expect(await launches.innerText()).toMatch(lang === 'en' ? /≈[\d,]+ fewer complaints in \d+ h/ : /\d+ 小时内约减少 [\d,]+ 条投诉/);
      expect(await p.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
      await p.screenshot({ path: `${SHOTS}/report-month-${lang}-1366x768.png`, fullPage: true });
      await laptop.close();
    }
  });
});

/** The /Title of a PDF's info dictionary (Chromium writes it as a UTF-16BE hex string when not ASCII). */
function pdfTitle(pdf: Buffer): string | null {
  const text = pdf.toString('latin1');
  const hex = /\/Title\s*<FEFF([0-9A-Fa-f]*)>/.exec(text);
  if (hex) return Buffer.from(hex[1], 'hex').swap16().toString('utf16le');
  const lit = /\/Title\s*\(((?:\\.|[^\\)])*)\)/.exec(text);
  return lit ? lit[1] : null;
}
