import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '../../schemas/events.ts';
import type { ImpactSummary, ImpactUpdate } from '../../schemas/impact.ts';
import type { InsightsUpdate } from '../../schemas/insights.ts';
import type { PlanDetail, PlanEvent, PlanState, PlansUpdate } from '../../schemas/plans.ts';
import { startApp, type App } from '../support/app.ts';
import { until } from '../support/pipeline.ts';
import { getJson, postJson, signIn, socketOptions, type Session } from '../support/session.ts';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

let app: App;
let editor: Session;
let viewer: Session;
const sockets: Client[] = [];

beforeAll(async () => {
  app = await startApp({ INSIGHTS_MS: '2000', IMPACT_MS: '2000' });
  await app.startWeb();
  editor = await signIn(app, 'editor');
  viewer = await signIn(app, 'viewer');
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await app?.stop();
});

function client(session: Session, url = app.url): { socket: Client; updates: PlansUpdate[]; insights: InsightsUpdate[]; impact: ImpactUpdate[] } {
  const socket: Client = io(url, { transports: ['websocket'], forceNew: true, ...socketOptions(session) });
  sockets.push(socket);
  const c = { socket, updates: [] as PlansUpdate[], insights: [] as InsightsUpdate[], impact: [] as ImpactUpdate[] };
  socket.on('plans:update:v1', (u) => c.updates.push(u));
  socket.on('insights:update:v1', (u) => c.insights.push(u));
  socket.on('impact:update:v1', (u) => c.impact.push(u));
  return c;
}

const post = (path: string, body: unknown, session = editor) => postJson(app, session, path, body);
const get = <T>(path: string, session = viewer) => getJson<T>(app, session, path);
const event = async (id: string, body: unknown): Promise<PlanEvent> => {
  const r = await post(`/api/plans/${id}/events`, body);
  const json = await r.json();
  expect(r.status, JSON.stringify(json)).toBe(201);
  return json.event as PlanEvent;
};

/** Another web node on the same store, stream and Redis, on its own port (startApp picks it). */
async function secondNode(): Promise<App> {
  const { PORT: _port, ...shared } = app.env;
  const other = await startApp(shared);
  await other.startWeb();
  return other;
}

/** A counter from a node's /metrics: how often that node did the work (0 before its first time). */
const counter = async (url: string, name: string) =>
  Number(new RegExp(`^${name} (\\d+)`, 'm').exec(await (await fetch(`${url}/metrics`)).text())?.[1] ?? 0);

describe('plans through the real web node', () => {
  it('creates a plan, adds and works steps, launches it; state, history and a second client agree', async () => {
    const watcher = client(viewer);
    await until(async () => watcher.socket.connected, (ok) => ok);

    const created = await post('/api/plans', {
      title: 'Images load slowly on Android in East China',
      team: 'app',
      assignees: ['li'],
      topics: ['app.slow'],
      slices: ['topic:app.slow|region:east|platform:android'],
      source: { kind: 'insight', id: 'app.slow' }
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect(id).toMatch(/^p[a-z0-9]+$/);

    const step = await event(id, { type: 'step_add', title: 'Roll back the CDN change', dueAt: Date.now() + 86_400_000, assignee: 'li' });
    if (step.type !== 'step_add') throw new Error('not a step');
    await event(id, { type: 'step_update', stepId: step.stepId, status: 'done' });
    await event(id, { type: 'comment', text: 'Rolled back at 21:40' });
    const launchAt = Date.now() - 60_000;
    const launch = await event(id, { type: 'launch', at: launchAt, scope: { kind: 'pilot', regions: ['east'], platforms: ['android'] } });
    expect(launch).toMatchObject({ type: 'launch', at: launchAt, planId: id, actor: expect.any(String) });

    const { status, body } = await get<PlanDetail>(`/api/plans/${id}`);
    expect(status).toBe(200);
    expect(body.events.map((e) => e.type)).toEqual(['created', 'step_add', 'step_update', 'comment', 'launch']);
    expect(body.plan).toMatchObject({
      id,
      status: 'launched',
      team: 'app',
      steps: [{ id: step.stepId, status: 'done', assignee: 'li' }],
      comments: [{ text: 'Rolled back at 21:40' }],
      launches: [{ at: launchAt, scope: { kind: 'pilot', regions: ['east'], platforms: ['android'] } }]
    });

    // The second client heard every change, in order, each with the new state.
    await until(async () => watcher.updates.filter((u) => u.plan.id === id).length, (n) => n >= 5);
    const heard = watcher.updates.filter((u) => u.plan.id === id);
    expect(heard.map((u) => u.event.type)).toEqual(['created', 'step_add', 'step_update', 'comment', 'launch']);
    expect(heard.at(-1)!.plan).toEqual(body.plan);

    const list = await get<{ plans: PlanState[] }>('/api/plans?team=app&topic=app');
    expect(list.body.plans.map((p) => p.id)).toContain(id);
  });

  it('rejects invalid requests with clear JSON errors and appends nothing', async () => {
    const r = await post('/api/plans', { title: 'x', team: 'ops', topics: ['ops.nothing'] });
    expect(r.status).toBe(422);
    expect(await r.json()).toMatchObject({ error: expect.any(String), issues: [{ path: 'topics', message: expect.stringContaining('ops.nothing') }] });
    expect((await post('/api/plans', '{"title": ')).status).toBe(400);
    const shape = await post('/api/plans', { title: 'x', team: 'ops', topics: ['app.slow'], priority: 'high' });
    expect(shape.status).toBe(400);
    expect((await shape.json()).issues.length).toBeGreaterThan(0);

    const { id } = (await (await post('/api/plans', { title: 'Refund delays', team: 'payments', topics: ['aftersales.refund'] })).json()) as { id: string };
    const bad = [
      [{ type: 'launch', at: Date.now(), scope: { kind: 'pilot' } }, 400],
      [{ type: 'launch', at: Date.now(), scope: { kind: 'somewhere' } }, 400],
      [{ type: 'step_update', stepId: 'nope', status: 'done' }, 422],
      [{ type: 'status', status: 'finished' }, 400],
      [{ type: 'created', title: 'again', team: 'x', topics: ['app.slow'] }, 400],
      [{ type: 'comment' }, 400],
      [{ type: 'edit', topics: ['nope'] }, 422],
      [{ type: 'launch', at: Date.now() + 90 * 86_400_000, scope: { kind: 'everywhere' } }, 422]
    ] as const;
    for (const [body, expected] of bad) {
      const res = await post(`/api/plans/${id}/events`, body);
      expect(res.status, JSON.stringify(body)).toBe(expected);
      expect((await res.json()).error).toEqual(expect.any(String));
    }
    expect((await post('/api/plans/p-missing/events', { type: 'comment', text: 'hi' })).status).toBe(404);
    expect((await get(`/api/plans/p-missing`)).status).toBe(404);
    const after = await get<PlanDetail>(`/api/plans/${id}`);
    expect(after.body.events.map((e) => e.type)).toEqual(['created']);
  });

  it('treats SQL metacharacters in ids and filters as plain values', async () => {
    const before = (await get<{ plans: PlanState[] }>('/api/plans')).body.plans.length;
    expect(before).toBeGreaterThanOrEqual(2);
    for (const q of ["team=app' OR '1'='1", "topic=%27%3B DROP TABLE plan_events%3B --", 'team=\\', "team=a'||'pp"]) {
      const r = await get<{ plans: PlanState[] }>(`/api/plans?${q}`);
      expect(r.status).toBe(200);
      expect(r.body.plans).toEqual([]);
    }
    expect((await get(`/api/plans/${encodeURIComponent("x' OR 1=1 --")}`)).status).toBe(404);
    expect((await get<{ plans: PlanState[] }>('/api/plans')).body.plans.length).toBe(before);
  });

  it('pushes a change accepted by one web node to the clients of another', async () => {
    const other = await secondNode();
    try {
      const remote = client(viewer, other.url);
      await until(async () => remote.socket.connected, (ok) => ok);
      const r = await post('/api/plans', { title: 'Hotline queues', team: 'service', topics: ['service'] });
      const { id } = (await r.json()) as { id: string };
      const heard = await until(async () => remote.updates.find((u) => u.plan.id === id), (u) => u !== undefined, 10_000);
      expect(heard!.event.type).toBe('created');
      expect(heard!.plan.title).toBe('Hotline queues');
      // …once, even though both nodes hear the Redis channel.
      await new Promise((done) => setTimeout(done, 500));
      expect(remote.updates.filter((u) => u.plan.id === id)).toHaveLength(1);
    } finally {
      await other.stopWeb();
    }
  });

  it('serves the insights list and pushes it to sockets', async () => {
    const { status, body } = await get<InsightsUpdate>('/api/insights');
    expect(status).toBe(200);
    expect(body).toMatchObject({ insights: [], sampled: 1, pressure: { hourMs: 3_600_000 }, messages: { current: 0, baseline: 0 } });
    expect(body.computedAt).toEqual(expect.any(Number));
    const c = client(viewer);
    await until(async () => c.insights.length, (n) => n >= 2, 15_000);
  });

  it('computes the insights on one web node and shares them; another node takes over when it stops', async () => {
    const other = await secondNode();
    const computed = (url: string) => counter(url, 'voc_insights_computed_total');
    try {
      const remote = client(viewer, other.url);
      // The second node's clients get fresh lists (INSIGHTS_MS is 2 s here) that it did not compute.
      await until(async () => remote.insights.length, (n) => n >= 3, 20_000);
      expect(await computed(other.url)).toBe(0);
      expect(await computed(app.url)).toBeGreaterThan(0);
      const ours = await get<InsightsUpdate>('/api/insights');
      expect(remote.insights.map((u) => u.computedAt)).toContain(ours.body.computedAt);

      await app.stopWeb();
      await until(() => computed(other.url), (n) => n > 0, 20_000);
      const seen = remote.insights.length;
      await until(async () => remote.insights.length, (n) => n > seen, 10_000);
    } finally {
      await other.stopWeb();
      await app.startWeb();
    }
  });

  it('measures the impact of launches on one web node and shares it; another node takes over when it stops', async () => {
    const other = await secondNode();
    const computed = (url: string) => counter(url, 'voc_impact_computed_total');
    // Requests through the second node, reusing the suite's helpers.
    const send = (path: string, body: unknown) => postJson(other, editor, path, body);
    try {
      const remote = client(viewer, other.url);
      // The second node's clients get the figures (IMPACT_MS is 2 s here) that it did not compute.
      await until(async () => remote.impact.length, (n) => n >= 3, 20_000);
      expect(await computed(other.url)).toBe(0);
      expect(await computed(app.url)).toBeGreaterThan(0);

      // A plan launched through the second node is in its list a moment later, measured by the first.
      const created = await send('/api/plans', { title: 'Slow images, shared', team: 'app', topics: ['app.slow'] });
      const { id } = (await created.json()) as { id: string };
      expect((await send(`/api/plans/${id}/events`, { type: 'launch', at: Date.now() - 60_000, scope: { kind: 'everywhere' } })).status).toBe(201);
      const listed = await getJson<{ launches: ImpactSummary[] }>(other, viewer, '/api/impact');
      expect(listed.body.launches.map((l) => l.planId)).toContain(id);
      expect(await computed(other.url)).toBe(0);
      await until(async () => remote.impact.at(-1)?.launches.map((l) => l.planId) ?? [], (ids) => ids.includes(id), 10_000);

      await app.stopWeb();
      await until(() => computed(other.url), (n) => n > 0, 20_000);
      const seen = remote.impact.length;
      await until(async () => remote.impact.length, (n) => n > seen, 10_000);
    } finally {
      await other.stopWeb();
      await app.startWeb();
    }
  });
});
