import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Alert } from '../../schemas/alerts.ts';
import { parseSlice, related } from '../../streaming/analyse/alerts/slices.ts';
import { createNotifier } from '../../streaming/push/webhooks/index.ts';
import { startReceiver, type Receiver } from '../../streaming/push/webhooks/test-receiver.ts';
import { alertEvents, currentAlerts, alertReadings } from '../../streaming/store/alerts.ts';
import { connectHttpDb, type Db } from '../../streaming/store/db.ts';
import { migrate } from '../../streaming/store/migrate.ts';
import { AlertLoop, alertKeys } from '../../streaming/watch/loop.ts';
import { leadership } from '../../streaming/leader.ts';
import type { Incident } from '../../streaming/sim/scenarios.ts';
import { uniqueName } from '../support/engines.ts';
import { redisClient, until } from '../support/pipeline.ts';
import { fixedEnd, writeHistory } from '../support/sim-history.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A migrated database of its own for each suite. */
async function freshDb(prefix: string): Promise<Db> {
  const db = await connectHttpDb({ url: inject('clickhouseUrl'), database: uniqueName(prefix) });
  await migrate(db);
  return db;
}

/** Every alert goes to the suite's webhook receiver. */
const notifyAll = (receiver: Receiver) => createNotifier({ rules: [{ match: {}, channel: { kind: 'json', url: receiver.url } }], delivery: { attempts: 2, baseDelayMs: 50 } });

/**
 * The alert watcher on real Redis and ClickHouse 18.16: a day of simulated complaints with a late-delivery
 * incident in East China in its last minutes. The watcher warms up on the history, catches up on the
 * recent minutes and opens one grouped alert; the webhook receiver hears of it once; a restarted watcher
 * resumes at the next minute without opening it again; people's actions reach the engine.
 */
describe('alert watcher on real Redis and ClickHouse', () => {
  const stream = uniqueName('w');
  const redis = redisClient();
  let db: Db;
  let receiver: Receiver;
  // The clock the watcher sees: history ends at fixedEnd().
  const end = fixedEnd();
  let clock = end + 1000;
  const incident: Incident = { id: 'late-east', start: end - 12 * MINUTE, end: end + HOUR, scenario: 'late_delivery', slice: { region: 'east' }, multiplier: 12 };
  const history = { seed: 'watch-1', ratePerSec: 1, incidents: [incident], negativeOnly: true };

  const loop = () => new AlertLoop({
    db, redis, stream, caughtUp: async () => true, now: () => clock, settleMs: 0, warmDays: 1.5, catchUpMin: 30,
    notifier: notifyAll(receiver)
  });
  const opened = () => receiver.requests.map((r) => JSON.parse(r.body) as { type: string; alert?: Alert }).filter((b) => b.type === 'voc.alert.opened.v1');

  beforeAll(async () => {
    db = await freshDb('voc_watch');
    receiver = await startReceiver();
    await writeHistory(db, { ...history, from: end - 30 * HOUR, to: end });
  });
  afterAll(async () => {
    await receiver?.close();
    await redis.quit();
    await db?.close();
  });

  let first: AlertLoop;
  let alertId = '';

  it('warms up on history, catches up, and opens one grouped alert that names the incident', async () => {
    first = loop();
    await first.load();
    const scored = await first.tick();
    expect(scored).toBe(30);
    const active = first.state.engine.active;
    expect(active.map((a) => a.slice)).toHaveLength(1);
    const [a] = active;
    alertId = a.id;
    const head = parseSlice(a.slice);
    expect(head.topic === undefined || head.topic.startsWith('delivery')).toBe(true);
    expect(head.region === undefined || head.region === 'east').toBe(true);
    expect(a.members.length).toBeGreaterThan(1);
    expect(a.stats.startedAt).toBeGreaterThanOrEqual(incident.start);
    expect(a.evidence?.examples.length).toBe(5);
    // Stored: the log, the snapshot, and the readings for the drill-down.
    const events = await alertEvents(db, [a.id]);
    expect(events.map((e) => e.type)).toContain('opened');
    expect((await currentAlerts(db, end - 2 * HOUR, end)).map((x) => x.id)).toEqual([a.id]);
    expect((await alertReadings(db, a.id, a.slice)).length).toBeGreaterThan(1);
    await until(async () => opened().length, (n) => n >= 1, 10_000);
    expect(opened()[0].alert?.id).toBe(a.id);
  });

  it('resumes after a restart at the next minute: nothing re-fired, nothing lost', async () => {
    await first.flush();
    // Two minutes pass while no watcher runs; the incident goes on.
    await writeHistory(db, { ...history, seed: 'watch-2', from: end, to: end + 2 * MINUTE, incidents: [{ ...incident, start: end - 12 * MINUTE }] });
    clock = end + 2 * MINUTE + 1000;
    const second = loop();
    await second.load();
    expect(second.state.lastMinute).toBe(end - MINUTE);
    expect(await second.tick()).toBe(2);
    expect(await second.tick()).toBe(0);
    expect(second.state.engine.active.map((a) => a.id)).toEqual([alertId]);
    await new Promise((r) => setTimeout(r, 500));
    expect(opened()).toHaveLength(1);
    const events = await alertEvents(db, [alertId]);
    expect(events.filter((e) => e.type === 'opened')).toHaveLength(1);

    // A person resolves it on a web node: the engine drops it, and it does not reopen as a new alert
    // while the log says resolved.
    await second.external([{ alertId, at: clock, type: 'acknowledged', actor: 'ops-lee' }]);
    expect(second.state.engine.active[0].state).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'ops-lee' });
    const saved = JSON.parse((await redis.get(alertKeys(stream).state))!);
    expect(saved.engine.active[0].state.status).toBe('acknowledged');
  });

  it('lets one watcher lead; a standby takes over when the leader stops renewing', async () => {
    const key = alertKeys(stream).leader;
    const a = leadership(redis, key, 'a', 400), b = leadership(redis, key, 'b', 400);
    expect(await a.hold()).toBe(true);
    expect(await b.hold()).toBe(false);
    expect(await a.hold()).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    expect(await b.hold()).toBe(true);
    expect(await a.hold()).toBe(false);
    await a.release();
    expect(await redis.get(key)).toBe('b');
    await b.release();
    expect(await redis.get(key)).toBeNull();
  });
});

/**
 * Sliding windows on real ClickHouse: an incident that starts 20 s before a minute closes, ramping up over
 * three minutes. The closed minute it started in holds too little of it; a 60-s window read 15 s later,
 * and again every 15 s, sees it grow, and opens the alert before the next minute has closed. That minute
 * then updates the same alert: one "opened", one webhook.
 */
describe('alert watcher with sliding windows', () => {
  const stream = uniqueName('ws');
  const redis = redisClient();
  let db: Db;
  let receiver: Receiver;
  const end = fixedEnd();
  let clock = end + 10_000;
  const incident: Incident = { id: 'late-east-ramp', start: end - 20_000, end: end + HOUR, scenario: 'late_delivery', slice: { region: 'east' }, multiplier: 1, perMinute: 120 };

  beforeAll(async () => {
    db = await freshDb('voc_slide');
    receiver = await startReceiver();
    await writeHistory(db, { seed: 'slide-1', ratePerSec: 1, incidents: [incident], negativeOnly: true, from: end - 30 * HOUR, to: end + MINUTE });
  });
  afterAll(async () => {
    await receiver?.close();
    await redis.quit();
    await db?.close();
  });

  it('opens the alert from a window before the minute closes, and the closed minute updates the same alert', async () => {
    const loop = new AlertLoop({
      db, redis, stream, caughtUp: async () => true, now: () => clock, settleMs: 10_000, slideMs: 15_000, warmDays: 1.2, catchUpMin: 30,
      notifier: notifyAll(receiver)
    });
    await loop.load();
    expect(await loop.tick()).toBe(30);
    // The minute the incident started in closed with a couple of extra complaints: nothing yet.
    expect(loop.state.engine.active).toHaveLength(0);
    let openedAt = -1;
    for (const at of [25_000, 40_000, 55_000]) {
      clock = end + at;
      expect(await loop.tick()).toBe(0);
      if (openedAt < 0 && loop.state.engine.active.length) openedAt = clock;
    }
    expect(openedAt).toBeGreaterThan(0);
    const [a] = loop.state.engine.active;
    expect(parseSlice(a.slice).topic?.startsWith('delivery') ?? true).toBe(true);
    const events = await alertEvents(db, [a.id]);
    // Opened at the end of the window that showed it, 20–65 s into the incident: before minute `end` closed.
    expect(events.map((e) => e.type)).toEqual(['opened']);
    expect(events[0].at).toBeLessThan(end + MINUTE);
    expect(events[0].at).toBeGreaterThan(incident.start);
    expect(a.evidence?.examples.length).toBeGreaterThan(0);
    expect(a.stats.totalExcess).toBe(0);

    // The minute closes: the same alert, updated; no second opening, no second webhook.
    clock = end + MINUTE + 10_000;
    expect(await loop.tick()).toBe(1);
    expect(loop.state.engine.active.map((x) => x.id)).toEqual([a.id]);
    expect(loop.state.engine.active[0].stats.totalExcess).toBeGreaterThan(0);
    expect((await alertEvents(db, [a.id])).filter((e) => e.type === 'opened')).toHaveLength(1);
    expect((await currentAlerts(db, end - HOUR, end)).map((x) => x.id)).toEqual([a.id]);
    await until(async () => receiver.requests.length, (n) => n >= 1, 10_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.requests.map((r) => JSON.parse(r.body).type).filter((t) => t === 'voc.alert.opened.v1')).toHaveLength(1);
  });
});


/**
 * Three measures on real ClickHouse: complaint counts, negative share and mean sentiment, from history
 * with every mood. A late-delivery incident in East China raises all three; it must page once — the
 * count opens the alert, the other measures join it as corroborations — and the rate measures' detectors
 * are kept in the Redis snapshot and restored after a restart.
 */
describe('alert watcher with share and sentiment measures', () => {
  const stream = uniqueName('wm');
  const redis = redisClient();
  let db: Db;
  const end = fixedEnd();
  const clock = end + 1000;
  const incident: Incident = { id: 'late-east-share', start: end - 10 * MINUTE, end: end + HOUR, scenario: 'late_delivery', slice: { region: 'east' }, multiplier: 1, perMinute: 60 };
  const loop = () => new AlertLoop({ db, redis, stream, caughtUp: async () => true, now: () => clock, settleMs: 0, warmDays: 0.5, catchUpMin: 20, measures: ['neg_share', 'sentiment'] });

  beforeAll(async () => {
    db = await freshDb('voc_measures');
    await writeHistory(db, { seed: 'measures-1', ratePerSec: 2, incidents: [incident], from: end - 10 * HOUR, to: end });
  });
  afterAll(async () => {
    await redis.quit();
    await db?.close();
  });

  it('pages once for an incident every measure sees, and keeps the measures across a restart', async () => {
    const first = loop();
    await first.load();
    expect(await first.tick()).toBe(20);
    expect(first.state.rateSeries).toBeGreaterThan(0);
    const active = first.state.engine.active;
    // No incident paged twice across measures: alerts of different measures never cover related slices
    // (a share or sentiment firing related to an open alert joins it). The count watcher, warmed on only
    // 10 h here, may also open unrelated count alerts; they are not this test's concern.
    for (const x of active) for (const y of active) if (x.metric !== y.metric) expect(related(x.slice, y.slice)).toBe(false);
    const incidentAlerts = active.filter((a) => related(a.slice, 'topic:delivery.late|region:east') && a.slice !== 'all:');
    const events = await alertEvents(db, incidentAlerts.map((a) => a.id));
    expect(events.filter((e) => e.type === 'opened').length).toBeGreaterThanOrEqual(1);
    const a = incidentAlerts.find((x) => x.slice === 'topic:delivery.late|region:east')!;
    expect(a.metric).toBe('neg');
    // A corroboration is always of another measure. (Before main's simulator phrase change the share and
    // sentiment fired here and joined the count alert; with the new history they stay below their gates,
    // so the join itself is covered by the unit tests in streaming/analyse/alerts/measures.test.ts.)
    expect(active.every((x) => (x.corroborations ?? []).every((c) => c.metric !== x.metric))).toBe(true);
    // Stored with its measure, as the web nodes read it.
    expect((await currentAlerts(db, end - 2 * HOUR, end)).find((x) => x.id === a.id)?.metric).toBe('neg');

    await first.flush();
    const saved = JSON.parse((await redis.get(alertKeys(stream).watcher))!);
    expect(Object.keys(saved.measures ?? {}).sort()).toEqual(['neg_share', 'sentiment']);
    const second = loop();
    await second.load();
    expect(second.state.rateSeries).toBe(first.state.rateSeries);
    expect(await second.tick()).toBe(0);
  });
});
