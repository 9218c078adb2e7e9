import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Alert, AlertEvent } from '../../schemas/alerts.ts';
import { createNotifier } from '../../streaming/push/webhooks/index.ts';
import { startReceiver, type Receiver } from '../../streaming/push/webhooks/test-receiver.ts';
import { alertEvents, currentAlerts } from '../../streaming/store/alerts.ts';
import { connectHttpDb, type Db } from '../../streaming/store/db.ts';
import { migrate } from '../../streaming/store/migrate.ts';
import { AlertLoop, alertKeys, type AlertChange } from '../../streaming/watch/loop.ts';
import type { Incident } from '../../streaming/sim/scenarios.ts';
import { uniqueName } from '../support/engines.ts';
import { redisClient, until } from '../support/pipeline.ts';
import { fixedEnd, writeHistory } from '../support/sim-history.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * A second incident on the slices of an alert still open on its fading tail, on real Redis and ClickHouse:
 * a large late-delivery incident in East China is fixed, its complaints fade slowly (the band kept honest:
 * firedShiftNoise, so the tail keeps the alert open), and an hour after the fix East China complains
 * again. The watcher pages again on the same alert: a "resurged" event in the log, the snapshot open, the
 * change pushed on Redis, the webhook paged twice about the same alert, nothing new opened.
 */
describe('alert watcher pages a new surge on an alert still open', () => {
  const stream = uniqueName('ws');
  const redis = redisClient();
  const sub = redis.duplicate();
  const changes: AlertChange[] = [];
  let db: Db;
  let receiver: Receiver;
  const end = fixedEnd();
  const clock = end + 1000;
  const first: Incident = { id: 'late-east-1', start: end - 100 * MINUTE, end: end - 80 * MINUTE, scenario: 'late_delivery', slice: { region: 'east' }, multiplier: 30 };
  const again: Incident = { ...first, id: 'late-east-2', start: end - 20 * MINUTE, end: end + HOUR };

  beforeAll(async () => {
    db = await connectHttpDb({ url: inject('clickhouseUrl'), database: uniqueName('voc_resurge') });
    await migrate(db);
    receiver = await startReceiver();
    await writeHistory(db, { seed: 'resurge-1', ratePerSec: 1, incidents: [first, again], negativeOnly: true, from: end - 30 * HOUR, to: end });
    sub.on('message', (_c, m) => changes.push(JSON.parse(m) as AlertChange));
    await sub.subscribe(alertKeys(stream).changes);
  });
  afterAll(async () => {
    await receiver?.close();
    await sub.quit();
    await redis.quit();
    await db?.close();
  });

  it('stores, pushes and pages the new surge under the first alert\'s id', async () => {
    const loop = new AlertLoop({
      db, redis, stream, caughtUp: async () => true, now: () => clock, settleMs: 0, warmDays: 1.5, catchUpMin: 110,
      watcher: { firedShiftNoise: true },
      notifier: createNotifier({ rules: [{ match: {}, channel: { kind: 'json', url: receiver.url } }], delivery: { attempts: 2, baseDelayMs: 50 } })
    });
    await loop.load();
    expect(await loop.tick()).toBe(110);
    await loop.flush();

    const active = loop.state.engine.active;
    const events = await alertEvents(db, active.map((a) => a.id));
    expect(active).toHaveLength(1);
    const [a] = active;
    expect(a.stats.startedAt).toBeLessThan(first.end);
    expect(a.state.status).toBe('open');

    // The log: opened during the first incident, a new surge during the second, never resolved in between.
    const types = events.map((e) => e.type).filter((t) => t !== 'escalated');
    expect(types).toEqual(['opened', 'resurged']);
    const resurged = events.find((e) => e.type === 'resurged')!;
    expect(resurged.actor).toBe('system');
    expect(resurged.at).toBeGreaterThan(again.start);
    expect(resurged.at).toBeLessThan(again.start + 5 * MINUTE);
    const current = await currentAlerts(db, end - 3 * HOUR, end - 3 * HOUR);
    expect(current.map((x) => [x.id, x.state.status])).toEqual([[a.id, 'open']]);

    // Pushed with its event, to the web nodes.
    await until(async () => changes.flatMap((c) => c.events).some((e) => e.type === 'resurged'), (ok) => ok, 10_000);
    expect(changes.flatMap((c) => c.events as AlertEvent[]).filter((e) => e.type === 'opened')).toHaveLength(1);

    // Paged twice about the same alert: when it opened, and for the new surge.
    const opened = () => receiver.requests.map((r) => JSON.parse(r.body) as { type: string; alert?: Alert }).filter((b) => b.type === 'voc.alert.opened.v1');
    await until(async () => opened().length, (n) => n >= 2, 10_000);
    expect(opened().map((b) => b.alert?.id)).toEqual([a.id, a.id]);
    // The second page says what it is about: a new surge, not a fresh spike nor a re-opening.
    const titles = receiver.requests.map((r) => JSON.parse(r.body) as { type: string; title: { en: string; zh: string } }).filter((b) => b.type === 'voc.alert.opened.v1').map((b) => b.title);
    expect(titles[0].en).not.toMatch(/New surge|Re-opened/);
    expect(titles[1].en).toMatch(/^\[\w+\] New surge: Complaint spike/);
    expect(titles[1].zh).toMatch(/再次激增·投诉激增/);
  });
});
