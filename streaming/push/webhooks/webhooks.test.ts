import { afterEach, describe, expect, it } from 'vitest';
import type { Alert, SliceReading } from '../../../schemas/alerts.ts';
import { advanceAlerts, emptyEngineState, type Notification } from '../../analyse/alerts/engine.ts';
import { createNotifier, deliver, dingtalkSign, feishuSign, route, voCSignature, type RoutingRule } from './index.ts';
import { describe as describeNote } from './text.ts';
import { startReceiver, type Receiver } from './test-receiver.ts';
import { reopenStory } from './test-alerts.ts';

const T0 = Date.UTC(2026, 0, 5, 12);
const NOW = T0 + 120_000;
const r = (slice: string, observed: number, expected: number): SliceReading =>
  ({ slice, observed, expected, lower: 0, upper: expected + 10, score: 0.9, surprise: 10 });

function openedAlert(): Alert {
  const readings = [r('topic:app.slow|region:east', 48, 2), r('topic:app.slow', 55, 5), r('topic:app.slow|region:east|channel:in_app', 30, 1)];
  const out = advanceAlerts(emptyEngineState(), { minute: T0, readings: new Map(readings.map((x) => [x.slice, x])), firings: readings.slice(0, 2) });
  return {
    ...out.state.active[0],
    evidence: {
      keywords: [{ keyword: '图片加载', count: 40, baseline: 2, ratio: 18 }], examples: [{ id: 'm1', text: '图片一直转圈加载不出来', channel: 'in_app', region: 'east', sentiment: -0.8 }],
      contributions: [], impact: { customers: 120, weightedCustomers: 300, vipCustomers: 30 }, messages: 150
    }
  };
}
const opened = (): Notification => ({ kind: 'opened', alert: openedAlert() });

const receivers: Receiver[] = [];
async function receiver(...args: Parameters<typeof startReceiver>) {
  const rec = await startReceiver(...args);
  receivers.push(rec);
  return rec;
}
afterEach(async () => { await Promise.all(receivers.splice(0).map((x) => x.close())); });

const noSleep = { sleep: async () => {}, baseDelayMs: 1 };

describe('formats, posted to a real receiver', () => {
  it('lays out one alert for every kind of channel, in both languages', async () => {
    const rec = await receiver();
    const kinds = ['feishu', 'dingtalk', 'wecom', 'slack', 'json'] as const;
    const rules: RoutingRule[] = kinds.map((kind) => ({ match: {}, channel: { kind, url: `${rec.url}/${kind}` } }));
    const results = await createNotifier({ rules, baseUrl: 'https://voc.example.com', now: () => NOW, delivery: noSleep }).notify(opened());
    expect(results.every((x) => x.result.ok)).toBe(true);
    const body = (kind: string) => JSON.parse(rec.requests.find((q) => q.url === `/${kind}`)!.body);

    const feishu = body('feishu');
    expect(feishu.msg_type).toBe('interactive');
    expect(feishu.card.header.title.content).toContain('投诉激增');
    expect(feishu.card.header.title.content).toContain('Complaint spike');
    expect(feishu.card.header.title.content).toContain('华东');
    expect(feishu.card.elements.at(-1).actions[0].url).toContain('/oncall?alert=');

    const ding = body('dingtalk');
    expect(ding.msgtype).toBe('markdown');
    expect(ding.markdown.title).toContain('加载慢 · 华东');
    expect(ding.markdown.text).toMatch(/complaints\/min/);
    expect(ding.markdown.text).toContain('> 图片一直转圈加载不出来');

    const wecom = body('wecom');
    expect(wecom.msgtype).toBe('markdown');
    expect(wecom.markdown.content).toContain('<font color=');
    expect(Buffer.byteLength(wecom.markdown.content)).toBeLessThanOrEqual(4096);

    const slack = body('slack');
    expect(slack.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text' } });
    expect(slack.blocks[0].text.text).toContain('East China');
    expect(slack.text).toContain('投诉激增');

    const json = body('json');
    expect(json.type).toBe('voc.alert.opened.v1');
    expect(json.alert.slice).toBe('topic:app.slow|region:east');
    expect(json.title.en).toContain('Complaint spike');
    expect(rec.requests.every((q) => q.headers['content-type']?.startsWith('application/json'))).toBe(true);
  });
});

describe('a re-opened alert, posted to a real receiver', () => {
  it('says in every format and both languages that the same alert is back, after how long a quiet', async () => {
    // The real engine: resolved by itself at the close of minute 15, its tail fires again at minute 56 (41 min later).
    const story = reopenStory(56);
    const back = story.filter((n) => n.kind === 'opened')[1];
    expect(back?.kind).toBe('opened');
    const rec = await receiver();
    const kinds = ['feishu', 'dingtalk', 'wecom', 'slack', 'json'] as const;
    const rules: RoutingRule[] = kinds.map((kind) => ({ match: {}, channel: { kind, url: `${rec.url}/${kind}` } }));
    const notifier = createNotifier({ rules, baseUrl: 'https://voc.example.com', now: () => NOW, delivery: noSleep });
    expect((await notifier.notify(back)).every((x) => x.result.ok)).toBe(true);
    const body = (kind: string) => JSON.parse(rec.requests.find((q) => q.url === `/${kind}`)!.body);
    const zh = /重新打开/, en = /Re-opened/;
    const quiet = { zh: /平静 55 分钟后再次触发/, en: /after a quiet 55 min/ };

    const feishu = body('feishu');
    expect(feishu.card.header.title.content).toMatch(zh);
    expect(feishu.card.header.title.content).toMatch(en);
    const feishuText = JSON.stringify(feishu.card.elements);
    expect(feishuText).toMatch(quiet.zh);
    expect(feishuText).toMatch(quiet.en);

    const ding = body('dingtalk');
    expect(ding.markdown.title).toMatch(zh);
    expect(ding.markdown.text).toMatch(en);
    expect(ding.markdown.text).toMatch(quiet.zh);
    expect(ding.markdown.text).toMatch(quiet.en);

    const wecom = body('wecom').markdown.content;
    for (const re of [zh, en, quiet.zh, quiet.en]) expect(wecom).toMatch(re);

    const slack = body('slack');
    expect(slack.blocks[0].text.text).toMatch(en);
    expect(slack.text).toMatch(zh);
    expect(JSON.stringify(slack.blocks)).toMatch(quiet.en);

    const json = body('json');
    // The same event type (receivers route on it), told apart by its words and a field.
    expect(json.type).toBe('voc.alert.opened.v1');
    expect(json.title.en).toMatch(en);
    expect(json.title.zh).toMatch(zh);
    expect(json.reopened).toEqual({ at: T0 + 57 * 60_000, resolvedAt: T0 + 16 * 60_000, quietMin: 55 });
    // It started with the first episode; "57 min so far" would count the quiet hour as firing.
    expect(json.lines.map((l: { en: string }) => l.en).join('\n')).toMatch(/first fired 20:00 \(UTC\+8\), 2 min of firing in all/);
    expect(json.lines.map((l: { en: string }) => l.en).join('\n')).not.toMatch(/57 min/);

    // Its second resolution counts its firing minutes (2 + 5), not the 55 quiet ones.
    const done = describeNote(reopenStory(56, 5).at(-1)!);
    expect(done.lines[0].en).toMatch(/^back to normal again, 7 min of firing in all/);
    expect(done.lines[0].zh).toMatch(/^再次回到正常范围，累计触发 7 分钟/);

    // A fresh alert says nothing of the kind.
    const first = describeNote(story[0]);
    expect(first.title.en).not.toMatch(en);
    expect(first.title.zh).not.toMatch(zh);
    expect(first.reopened).toBeNull();
  });
});

describe('signing', () => {
  it('signs DingTalk in the query, Feishu in the body and JSON in headers', async () => {
    const rec = await receiver();
    const rules: RoutingRule[] = [
      { match: {}, channel: { kind: 'dingtalk', url: `${rec.url}/robot/send?access_token=abc`, secret: 'SECxyz' } },
      { match: {}, channel: { kind: 'feishu', url: `${rec.url}/hook/feishu`, secret: 'fs-secret' } },
      { match: {}, channel: { kind: 'json', url: `${rec.url}/json`, secret: 'js-secret' } }
    ];
    await createNotifier({ rules, now: () => NOW, delivery: noSleep }).notify(opened());

    const ding = new URL(rec.requests.find((q) => q.url.startsWith('/robot'))!.url, rec.url);
    expect(ding.searchParams.get('access_token')).toBe('abc');
    expect(ding.searchParams.get('timestamp')).toBe(String(NOW));
    expect(ding.searchParams.get('sign')).toBe(dingtalkSign('SECxyz', NOW));
    // DingTalk's documented example: base64 of HMAC-SHA256(secret, `${ts}\n${secret}`).
    const { createHmac } = await import('node:crypto');
    expect(ding.searchParams.get('sign')).toBe(createHmac('sha256', 'SECxyz').update(`${NOW}\nSECxyz`).digest('base64'));

    const feishu = JSON.parse(rec.requests.find((q) => q.url === '/hook/feishu')!.body);
    const sec = Math.floor(NOW / 1000);
    expect(feishu.timestamp).toBe(String(sec));
    expect(feishu.sign).toBe(createHmac('sha256', `${sec}\nfs-secret`).update('').digest('base64'));
    expect(feishu.sign).toBe(feishuSign('fs-secret', sec));
    expect(feishu.msg_type).toBe('interactive');

    const json = rec.requests.find((q) => q.url === '/json')!;
    expect(json.headers['x-voc-timestamp']).toBe(String(sec));
    expect(json.headers['x-voc-signature']).toBe(voCSignature('js-secret', sec, json.body));
  });
});

describe('delivery', () => {
  const req = (url: string) => ({ url, headers: { 'content-type': 'application/json' }, body: '{}' });

  it('retries 5xx with exponential back-off until it gets through', async () => {
    const rec = await receiver({ failFirst: 2, failStatus: 503 });
    const waits: number[] = [];
    const res = await deliver(req(rec.url), { sleep: async (ms) => { waits.push(ms); }, baseDelayMs: 100 });
    expect(res).toMatchObject({ ok: true, attempts: 3, status: 200 });
    expect(rec.requests).toHaveLength(3);
    expect(waits).toEqual([100, 200]);
  });

  it('respects Retry-After on 429', async () => {
    const rec = await receiver({ failFirst: 1, failStatus: 429, retryAfter: '2' });
    const waits: number[] = [];
    const res = await deliver(req(rec.url), { sleep: async (ms) => { waits.push(ms); }, baseDelayMs: 100 });
    expect(res.ok).toBe(true);
    expect(waits).toEqual([2000]);
  });

  it('retries a dropped connection', async () => {
    const rec = await receiver({ destroyFirst: 1 });
    const res = await deliver(req(rec.url), noSleep);
    expect(res).toMatchObject({ ok: true, attempts: 2 });
  });

  it('does not retry a 4xx, and gives up after the last attempt on 5xx', async () => {
    const bad = await receiver({ failFirst: 5, failStatus: 400 });
    expect(await deliver(req(bad.url), noSleep)).toMatchObject({ ok: false, attempts: 1, status: 400, retriable: false });
    expect(bad.requests).toHaveLength(1);
    const down = await receiver({ failFirst: 10, failStatus: 500 });
    expect(await deliver(req(down.url), { ...noSleep, attempts: 3 })).toMatchObject({ ok: false, attempts: 3, status: 500 });
    expect(down.requests).toHaveLength(3);
  });

  it('reads robot error codes in a 200 answer: bad signature is final, throttling is retried', async () => {
    const sig = await receiver({ okBody: '{"errcode":310000,"errmsg":"sign not match"}' });
    expect(await deliver(req(sig.url), noSleep)).toMatchObject({ ok: false, attempts: 1, retriable: false });
    const busy = await receiver({ okBody: '{"code":9499,"msg":"too many requests"}' });
    const res = await deliver(req(busy.url), { ...noSleep, attempts: 2 });
    expect(res).toMatchObject({ ok: false, attempts: 2, retriable: true });
  });
});

describe('routing', () => {
  const rules = (url: string): RoutingRule[] => [
    { match: { topics: ['app'] }, channel: { kind: 'json', url: `${url}/app-team` } },
    { match: { topics: ['payment'] }, channel: { kind: 'json', url: `${url}/payments` } },
    { match: { minSeverity: 'critical' }, channel: { kind: 'json', url: `${url}/exec` } },
    { match: {}, channel: { kind: 'json', url: `${url}/oncall` } }
  ];

  it('sends an alert only to the channels whose topic prefix and severity match', async () => {
    const rec = await receiver();
    const note = opened();
    expect(note.kind === 'opened' && note.alert.severity).not.toBe('critical');
    await createNotifier({ rules: rules(rec.url), delivery: noSleep }).notify(note);
    expect(rec.requests.map((q) => q.url).sort()).toEqual(['/app-team', '/oncall']);
  });

  it('sends a critical alert to the executive channel too, and a storm only to unfiltered channels', () => {
    const a = openedAlert();
    const critical = route({ kind: 'escalated', alert: { ...a, severity: 'critical' } }, rules('http://x'));
    expect(critical.map((c) => c.url).sort()).toEqual(['http://x/app-team', 'http://x/exec', 'http://x/oncall']);
    const storm = route({ kind: 'storm', storm: { id: 's', at: T0, alertIds: ['a', 'b'], slices: ['topic:app.slow', 'region:east'] } }, rules('http://x'));
    expect(storm.map((c) => c.url).sort()).toEqual(['http://x/exec', 'http://x/oncall']);
  });
});

describe('measures in the text', () => {
  it('names a share or sentiment alert by its measure, in its unit, and lists what joined a count alert', () => {
    const base = openedAlert();
    const share: Alert = {
      ...base, metric: 'neg_share', slice: 'region:east',
      stats: { ...base.stats, observed: 0.46, expected: 0.18, lower: 0.12, upper: 0.25, peakExcessMessages: 34 }
    };
    const s = describeNote({ kind: 'opened', alert: share });
    expect(s.title.en).toBe('[' + share.severity.toUpperCase() + '] Negative share up: East China');
    expect(s.lines[0]).toEqual({ en: 'negative share 46% vs expected 18% [12% – 25%]', zh: '负面占比 46%，预期 18%（正常范围 12% – 25%）' });
    // Sentiment is kept as −mean: shown flipped back, its band with it.
    const senti: Alert = { ...share, metric: 'sentiment', stats: { ...share.stats, observed: 0.42, expected: 0.05, lower: -0.02, upper: 0.12 } };
    const t = describeNote({ kind: 'opened', alert: senti });
    expect(t.title.zh).toContain('平均情感下降');
    expect(t.lines[0].en).toBe('mean sentiment −0.42 vs expected −0.05 [−0.12 – +0.02]');
    // A count alert: its own wording, plus the measures that joined it.
    const joined: Alert = { ...base, corroborations: [{ metric: 'neg_share', slice: 'region:east', at: T0, observed: 0.5, expected: 0.2, n: 300 }] };
    const c = describeNote({ kind: 'opened', alert: joined });
    expect(c.title.en).toContain('Complaint spike');
    expect(c.lines.at(-1)?.en).toBe('also seen as: negative share of East China 50% (expected 20%)');
    // The 5-minute measures say so in the title and the value line.
    const slow: Alert = { ...share, metric: 'neg_share_5m' };
    const f = describeNote({ kind: 'opened', alert: slow });
    expect(f.title.en).toContain('Negative share up (5 min)');
    expect(f.lines[0].en).toBe('negative share (5 min) 46% vs expected 18% [12% – 25%]');
    expect(f.lines[0].zh).toContain('负面占比（5 分钟）');
    const burn = describeNote({ kind: 'opened', alert: { ...base, metric: 'neg_5m' } });
    expect(burn.title.en).toContain('Complaints rising (5 min)');
    expect(burn.lines[0].en).toMatch(/complaints per 5 min/);
    // Survey scores: shares of the scored answers, in per cent, the excess counted in answers.
    const nps = describeNote({ kind: 'opened', alert: { ...share, metric: 'detractor_share', stats: { ...share.stats, observed: 0.52, expected: 0.2, lower: 0.14, upper: 0.27, peakExcessMessages: 26 } } });
    expect(nps.title.en).toContain('NPS detractors up: East China');
    expect(nps.title.zh).toContain('NPS 贬损者占比（0–6 分）上升');
    expect(nps.lines[0].en).toBe('NPS detractor share (0–6) 52% vs expected 20% [14% – 27%]');
    expect(nps.lines[1].en).toContain('≈ 26 detractor answers above the expected');
    expect(nps.lines[1].zh).toContain('26 个贬损者评分');
    const csat = describeNote({ kind: 'opened', alert: { ...share, metric: 'csat_low' } });
    expect(csat.title.en).toContain('Low CSAT ratings up');
    expect(csat.lines[0].zh).toBe('CSAT 低分占比（1–2 分） 46%，预期 18%（正常范围 12% – 25%）');
    expect(csat.lines[1].en).toContain('low CSAT ratings above the expected');
    // Alerts stored before measures existed have no metric: read as complaint counts.
    const legacy = { ...base } as Partial<Alert>;
    delete legacy.metric;
    expect(describeNote({ kind: 'opened', alert: legacy as Alert }).title.en).toContain('Complaint spike');
  });
});
