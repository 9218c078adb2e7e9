import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postFeedback, startApp, type App } from '../support/app.ts';
import { until } from '../support/pipeline.ts';

let app: App;
beforeAll(async () => {
  app = await startApp();
  await app.startWeb();
  app.startProcessor();
});
afterAll(() => app?.stop());

const getRecord = (id: string) => fetch(`${app.url}/api/feedback/${encodeURIComponent(id)}`, { headers: { 'x-api-key': app.apiKey } });

describe('POST /api/feedback', () => {
  it('refuses producers without a valid API key', async () => {
    expect((await postFeedback(app, { channel: 'chat', text: 'hi' }, { 'x-api-key': 'wrong' })).status).toBe(401);
    const bare = await fetch(`${app.url}/api/feedback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(bare.status).toBe(401);
  });

  it('refuses bodies that are neither JSON nor NDJSON', async () => {
    // Form types never reach the route: SvelteKit's cross-site form check answers 403 first.
    const form = await postFeedback(app, 'channel=chat&text=hi', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(403);
    const xml = await postFeedback(app, '<feedback/>', { 'content-type': 'application/xml' });
    expect(xml.status).toBe(415);
  });

  it('accepts one object, answers 202 with its id, and serves the enriched record once stored', async () => {
    const res = await postFeedback(app, { channel: 'app_review', text: '送餐太慢了，饭都凉了', customer: { region: 'east' } });
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body.errors).toEqual([]);
    const id = body.accepted[0].id as string;
    const stored = await until(() => getRecord(id), (r) => r.status === 200);
    const record = await stored.json();
    expect(record).toMatchObject({ id, channel: 'app_review', lang: 'zh', sentiment_label: 'negative', customer: { region: 'east' } });
    expect(record.topics.some((t: string) => t.startsWith('delivery.'))).toBe(true);
    expect(typeof record.model_version).toBe('string');
    expect((await getRecord('never-sent')).status).toBe(404);
  });

  it('accepts the valid items of a mixed batch and explains each invalid one', async () => {
    const res = await postFeedback(app, [
      { channel: 'chat', text: 'Refund took three weeks, unacceptable' },
      { channel: 'chat', text: 'x'.repeat(1_000_000) },
      { channel: 'sms', text: 'hello' },
      { channel: 'survey', text: 'Great service', scores: { nps: 10 }, extra: true },
      { channel: 'survey', text: '很满意', scores: { nps: 9, csat: 5 } }
    ]);
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body.accepted.map((a: { index: number }) => a.index)).toEqual([0, 4]);
    expect(body.errors).toEqual([
      { index: 1, field: 'text', reason: 'must be at most 20000 characters' },
      { index: 2, field: 'channel', reason: expect.stringContaining('must be one of') },
      { index: 3, field: 'extra', reason: 'unknown field(s): extra' }
    ]);
  });

  it('accepts NDJSON', async () => {
    const ndjson = ['{"channel":"email","text":"Package arrived damaged"}', '', '{"channel":"social","text":"快递包装破损了"}'].join('\n');
    const res = await postFeedback(app, ndjson, { 'content-type': 'application/x-ndjson' });
    expect(res.status).toBe(202);
    expect((await res.json()).accepted).toHaveLength(2);
  });

  it('answers 400 to malformed bodies and 422 when no item is valid', async () => {
    expect((await postFeedback(app, '{"channel": "chat", "text": ')).status).toBe(400);
    expect((await postFeedback(app, new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))).status).toBe(400);
    expect((await postFeedback(app, '[]')).status).toBe(400);
    const bad = await postFeedback(app, { channel: 'chat', text: '' });
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors[0]).toMatchObject({ index: 0, field: 'text' });
  });

  it('takes a 10,000-item batch, stores all of it, and refuses 10,001 items or more than 10 MB', async () => {
    const marker = `bulk-${Date.now()}`;
    const items = Array.from({ length: 10_000 }, (_, i) => ({ id: `${marker}-${i}`, channel: 'in_app', text: `Checkout keeps failing at step ${i % 7}` }));
    const res = await postFeedback(app, items);
    expect(res.status).toBe(202);
    expect((await res.json()).accepted).toHaveLength(10_000);
    await until(() => getRecord(`${marker}-9999`), (r) => r.status === 200, 60_000);
    await until(() => getRecord(`${marker}-0`), (r) => r.status === 200, 60_000);
    expect((await postFeedback(app, [...items, items[0]])).status).toBe(413);
    const huge = Array.from({ length: 600 }, () => ({ channel: 'chat', text: 'y'.repeat(19_000) }));
    expect((await postFeedback(app, huge)).status).toBe(413);
  });
});

describe('operability endpoints', () => {
  it('reports health, readiness and Prometheus metrics', async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, checks: { redis: true, clickhouse: true, migrations: true } });
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    for (const name of ['voc_pipeline_stored_total', 'voc_pipeline_dead_lettered_total', 'voc_consumer_lag', 'voc_ingest_accepted_total', 'voc_dlq_length']) {
      expect(metrics).toMatch(new RegExp(`^${name} \\d+`, 'm'));
    }
    expect(Number(/^voc_pipeline_stored_total (\d+)/m.exec(metrics)?.[1])).toBeGreaterThan(0);
  });
});
