import { describe, expect, it } from 'vitest';
import type { Alert, AlertEvent } from '../../schemas/alerts.ts';
import { alertEvents, currentAlerts } from '../../streaming/store/alerts.ts';
import { alertKeys } from '../../streaming/watch/loop.ts';
import type { Incident } from '../../streaming/sim/scenarios.ts';
import { alertStory } from '../support/alert-story.ts';
import { until } from '../support/pipeline.ts';
import { fixedEnd } from '../support/sim-history.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * One incident = one alert, on real Redis and ClickHouse 18.16: a late-delivery incident in East China is
 * fixed, its alert resolves by itself after the quiet period, and about 40 minutes later East China
 * complains again. The watcher re-opens the same alert: the "reopened" event is in the log, the snapshot
 * says open, the web nodes hear the change on Redis, the webhook pages again about the same alert, and
 * nothing new opens.
 */
describe('alert watcher re-opens an alert that resolved by itself', () => {
  const end = fixedEnd();
  // A sharp fix (2-min fade), then the same complaints again.
  const first: Incident = { id: 'late-east-1', start: end - 100 * MINUTE, end: end - 85 * MINUTE, decayMs: 2 * MINUTE, scenario: 'late_delivery', slice: { region: 'east' }, multiplier: 12 };
  const again: Incident = { ...first, id: 'late-east-2', start: end - 30 * MINUTE, end: end + HOUR };
  const story = alertStory({ name: 'reopen', seed: 'reopen-1', end, incidents: [first, again] });

  it('stores, pushes and pages the re-opened alert under its first id', async () => {
    const { db, redis, stream, changes } = story;
    const loop = story.loop();
    await loop.load();
    expect(await loop.tick()).toBe(110);
    await loop.flush();

    const active = loop.state.engine.active;
    expect(active).toHaveLength(1);
    const [a] = active;
    expect(a.stats.startedAt).toBeLessThan(first.end);
    expect(a.state.status).toBe('open');

    // The log: opened during the first incident, resolved by the system, re-opened during the second.
    const events = await alertEvents(db, [a.id]);
    const types = events.map((e) => e.type).filter((t) => t !== 'escalated');
    expect(types).toEqual(['opened', 'resolved', 'reopened']);
    const resolved = events.find((e) => e.type === 'resolved')!, reopened = events.find((e) => e.type === 'reopened')!;
    expect(resolved.actor).toBe('system');
    expect(reopened.actor).toBe('system');
    expect(reopened.at).toBeGreaterThan(again.start);
    // Nothing else opened in the whole run.
    const current = await currentAlerts(db, end - 3 * HOUR, end - 3 * HOUR);
    expect(current.map((x) => [x.id, x.state.status])).toEqual([[a.id, 'open']]);

    // Pushed: the web nodes heard the alert resolve, then come back with its "reopened" event.
    await until(async () => changes.flatMap((c) => c.events).some((e) => e.type === 'reopened'), (ok) => ok, 10_000);
    const pushed = changes.flatMap((c) => c.alerts.filter((x) => x.id === a.id).map((x) => x.state.status));
    expect(pushed).toContain('resolved');
    expect(pushed.at(-1)).toBe('open');
    expect(changes.flatMap((c) => c.events as AlertEvent[]).filter((e) => e.type === 'opened')).toHaveLength(1);

    // Paged twice about the same alert: when it opened, and when it came back.
    await until(async () => story.opened().length, (n) => n >= 2, 10_000);
    expect(story.opened().map((b) => b.alert?.id)).toEqual([a.id, a.id]);

    // The engine state saved in Redis remembers nothing stale: the re-opened alert is active, not recent.
    const saved = JSON.parse((await redis.get(alertKeys(stream).state))!);
    expect(saved.engine.active.map((x: Alert) => x.id)).toEqual([a.id]);
    expect((saved.engine.recent ?? []).map((x: Alert) => x.id)).not.toContain(a.id);
  });
});
