import { describe, expect, it } from 'vitest';
import type { AlertEvent } from '../../schemas/alerts.ts';
import { alertEvents, currentAlerts } from '../../streaming/store/alerts.ts';
import type { Incident } from '../../streaming/sim/scenarios.ts';
import { alertStory } from '../support/alert-story.ts';
import { until } from '../support/pipeline.ts';
import { fixedEnd } from '../support/sim-history.ts';

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
  const end = fixedEnd();
  const first: Incident = { id: 'late-east-1', start: end - 100 * MINUTE, end: end - 80 * MINUTE, scenario: 'late_delivery', slice: { region: 'east' }, multiplier: 30 };
  const again: Incident = { ...first, id: 'late-east-2', start: end - 20 * MINUTE, end: end + HOUR };
  const story = alertStory({ name: 'resurge', seed: 'resurge-1', end, incidents: [first, again] });

  it('stores, pushes and pages the new surge under the first alert\'s id', async () => {
    const { db, changes } = story;
    const loop = story.loop({ watcher: { firedShiftNoise: true } });
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
    await until(async () => story.opened().length, (n) => n >= 2, 10_000);
    expect(story.opened().map((b) => b.alert?.id)).toEqual([a.id, a.id]);
    // The second page says what it is about: a new surge, not a fresh spike nor a re-opening.
    const titles = story.opened().map((b) => b.title);
    expect(titles[0].en).not.toMatch(/New surge|Re-opened/);
    expect(titles[1].en).toMatch(/^\[\w+\] New surge: Complaint spike/);
    expect(titles[1].zh).toMatch(/再次激增·投诉激增/);
  });
});
