import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '../../schemas/events.ts';
import { applyUpdate, fromSnapshot, type LiveData } from '../../src/lib/live/store.ts';
import { postFeedback, startApp, type App } from '../support/app.ts';
import { until } from '../support/pipeline.ts';
import { createWallToken, signIn, socketOptions, type Session } from '../support/session.ts';
import { createGenerator } from '../../streaming/sim/generator.ts';
import { connectHttpDb } from '../../streaming/store/db.ts';
import { sql } from '../../streaming/store/sql.ts';

/** Real voices stored in the last hour: what the wall's 60-minute total must equal. */
async function countedInClickHouse(app: App): Promise<number> {
  const db = await connectHttpDb({ url: app.env.CLICKHOUSE_URL, database: app.env.CLICKHOUSE_DATABASE });
  try {
    const [row] = await db.query<{ c: string }>(
      sql`SELECT count() AS c FROM feedback WHERE noise = '' AND dup_of = '' AND ts >= toStartOfMinute(now()) - ${59 * 60}`
    );
    return Number(row.c);
  } finally {
    await db.close();
  }
}

type Client = { socket: Socket<ServerToClientEvents, ClientToServerEvents>; data: LiveData | null; updates: number[] };

/** A wall client reduced to its data: the browser's own snapshot/update logic, over a real socket. */
function wallClient(url: string, as: Session | { wallToken: string } = viewer): Client {
  const c: Client = { socket: connect(url, { transports: ['websocket'], forceNew: true, ...socketOptions(as) }), data: null, updates: [] };
  c.socket.on('live:snapshot:v1', (s) => (c.data = fromSnapshot(s)));
  c.socket.on('live:update:v1', (u) => {
    c.updates.push(Date.now());
    if (c.data) c.data = applyUpdate(c.data, u);
  });
  return c;
}

const total = (c: Client) => (c.data?.series['all:'] ?? []).reduce((s, b) => s + b.n, 0);

let app: App;
let viewer: Session;
let wall: { wallToken: string };
beforeAll(async () => {
  app = await startApp();
  await app.startWeb();
  app.startProcessor();
  viewer = await signIn(app, 'viewer');
  wall = { wallToken: (await createWallToken(app, 'live test')).token };
});
afterAll(() => app?.stop());

describe('live push over Socket.IO', () => {
  it('gives clients that join or reconnect mid-stream history then deltas with no gap and no double count', async () => {
    const early = wallClient(app.url);
    await until(async () => early.data, (d) => d !== null);
    // Realistic, varied feedback (the simulator): near-duplicates and noise are excluded from the counts,
    // so the truth is what ClickHouse says, not what was sent.
    const gen = createGenerator({ seed: 'live-seam', rhythm: false, ids: false });
    const docs = gen.messagesBetween(Date.now() - 60_000, Date.now(), 5).map((d) => ({ ...d, ts: undefined }));
    let late: Client | null = null;
    let flaky: Client | null = null;
    const rounds = 8;
    const per = Math.ceil(docs.length / rounds);
    for (let round = 0; round < rounds; round++) {
      expect((await postFeedback(app, docs.slice(round * per, (round + 1) * per))).status).toBe(202);
      // a wall screen signs in with its token, people with their session: both see the same picture
      if (round === 2) late = wallClient(app.url, wall);
      if (round === 3) flaky = wallClient(app.url);
      if (round === 5) flaky!.socket.disconnect();
      if (round === 6) flaky!.socket.connect();
      await new Promise((r) => setTimeout(r, 250));
    }
    const counted = () => countedInClickHouse(app);
    const stored = async () => Number(/^voc_pipeline_received_total (\d+)/m.exec(await (await fetch(`${app.url}/metrics`)).text())?.[1]);
    await until(stored, (n) => n >= docs.length, 30_000);
    const truth = await counted();
    expect(truth).toBeGreaterThan(docs.length * 0.8);
    for (const c of [early, late!, flaky!]) await until(async () => total(c), (n) => n === truth, 20_000);
    // And it stays exact: later heartbeats must not add anything on top.
    await new Promise((r) => setTimeout(r, 2500));
    expect([early, late!, flaky!].map(total)).toEqual([truth, truth, truth]);
    for (const c of [early, late!, flaky!]) c.socket.disconnect();
  });

  it('pushes an update at least every 5 seconds even when nothing happens', async () => {
    const c = wallClient(app.url);
    await until(async () => c.data, (d) => d !== null);
    const start = Date.now();
    await new Promise((r) => setTimeout(r, 11_000));
    const times = [start, ...c.updates.filter((t) => t >= start), Date.now()];
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    expect(Math.max(...gaps)).toBeLessThan(5000);
    c.socket.disconnect();
  });

  it('puts notable messages on the ticker with their text intact', async () => {
    const c = wallClient(app.url);
    await until(async () => c.data, (d) => d !== null);
    const text = `<script>alert("x")</script> App keeps crashing on checkout, terrible ${Date.now()}`;
    const res = await postFeedback(app, { channel: 'app_review', text });
    const id = (await res.json()).accepted[0].id;
    const item = await until(async () => c.data?.ticker.find((t) => t.id === id), (t) => t !== undefined);
    expect(item?.text).toBe(text);
    c.socket.disconnect();
  });
});
