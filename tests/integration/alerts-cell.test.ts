import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sliceCounts } from '../../streaming/analyse/alerts/counts.ts';
import { contains } from '../../streaming/analyse/alerts/slices.ts';
import { alertEvents, currentAlerts, negativeCountRows, negativeWindowRows, sliceMessages, sliceSeries } from '../../streaming/store/alerts.ts';
import type { Db } from '../../streaming/store/db.ts';
import { insertFeedback } from '../../streaming/store/insert.ts';
import { toRow } from '../../streaming/store/rows.ts';
import type { Incident } from '../../streaming/sim/scenarios.ts';
import { alertStory } from '../support/alert-story.ts';
import { ENGINES } from '../support/engines.ts';
import { until } from '../support/pipeline.ts';
import { fixedEnd, labelled } from '../support/sim-history.ts';
import { LEGACY_CUTS } from '../../streaming/watch/loop.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const CELL = 'topic:service.support|channel:call|region:north';

/**
 * The topic × channel × region cut (counts.ts DEFAULT_CUTS) read from both engines: a support-queue
 * complaint on the North hotline counts in its own cell, apart from the same topic on another channel or
 * in another region, in the closed minute, in a sliding window, and in the slice's drill-down reads.
 */
describe.each(ENGINES)('topic × channel × region cells on $name', (engine) => {
  let db: Db;
  const t0 = Math.floor(Date.now() / MINUTE) * MINUTE - 10 * MINUTE;
  const doc = (i: number, channel: string, region: string, scenario = 'cs_wait') => labelled({
    id: `q-${i}`, channel: channel as 'call', text: `热线排队 ${i}`, customer: { id: `c-${i}`, region, tier: 'regular' },
    meta: { sim_scenario: scenario, sim_mood: 'negative' }
  }, t0 + MINUTE + i * 1000);
  beforeAll(async () => {
    db = await engine.open();
    const docs = [
      ...Array.from({ length: 5 }, (_, i) => doc(i, 'call', 'north')),
      doc(10, 'call', 'east'), doc(11, 'chat', 'north'), doc(12, 'call', 'north', 'late_delivery')
    ];
    await insertFeedback(db, docs.map((r) => ({ key: r.id, row: toRow(r, `0-${r.id}`) })));
  });
  afterAll(() => db?.close());

  it('counts the cell in closed minutes and windows, and reads its series and messages', async () => {
    const rows = await negativeCountRows(db, t0, t0 + 5 * MINUTE);
    const minute = sliceCounts(rows.get(t0 + MINUTE)!);
    expect(minute.get(CELL)).toBe(5);
    expect(minute.get('topic:service.support|channel:call')).toBe(6);
    expect(minute.get('topic:service.support|region:north')).toBe(6);
    expect(minute.get('topic:delivery.late|channel:call|region:north')).toBe(1);
    // The first three messages (1 s apart) in a 2.5-s window.
    const window = sliceCounts((await negativeWindowRows(db, t0 + MINUTE, t0 + MINUTE + 2500))!);
    expect(window.get(CELL)).toBe(3);
    expect(await sliceSeries(db, CELL, t0, t0 + 5 * MINUTE)).toEqual([{ minute: t0 + MINUTE, observed: 5 }]);
    const m = await sliceMessages(db, CELL, t0, t0 + 5 * MINUTE);
    expect(m.total).toBe(5);
    expect(m.messages.every((x) => x.channel === 'call' && x.region === 'north')).toBe(true);
  });
});

/**
 * A queue on one hotline in one region, on real Redis and ClickHouse 18.16: support-queue complaints on the
 * North China hotline only. The page must point at that hotline in that region (the team that can act),
 * soon after the queue builds up, and as one alert: the topic, the topic in the North and the topic on
 * calls fire too and belong to it.
 */
describe('alert watcher pages a queue on one hotline in one region', () => {
  const end = fixedEnd();
  const queue: Incident = { id: 'queue-north', start: end - 12 * MINUTE, end: end + HOUR, scenario: 'cs_wait', slice: { channel: 'call', region: 'north' }, multiplier: 1, perMinute: 12 };
  const story = alertStory({ name: 'cell', seed: 'cell-1', end, incidents: [queue] });

  it('opens one alert headlined on the cell, with the coarser slices as its members', async () => {
    const loop = story.loop();
    await loop.load();
    expect(await loop.tick()).toBe(110);
    await loop.flush();

    const active = loop.state.engine.active;
    expect(active.map((a) => a.slice)).toEqual([CELL]);
    const [a] = active;
    // Within the ramp's first minutes (closed minutes only here; windows come earlier).
    expect(a.stats.startedAt).toBeGreaterThanOrEqual(queue.start);
    expect(a.stats.startedAt).toBeLessThanOrEqual(queue.start + 3 * MINUTE);
    // One incident, one alert: what else fired is inside it, and shown beside it.
    expect(a.members.length).toBeGreaterThan(1);
    expect(a.members.every((m) => contains(m.slice, CELL))).toBe(true);
    // Its breakdown from the messages: who (app versions) within the cell.
    expect(a.evidence?.contributions.some((c) => c.dimension === 'app_version')).toBe(true);
    const events = await alertEvents(story.db, [a.id]);
    expect(events.filter((e) => e.type === 'opened')).toHaveLength(1);

    // Stored and pushed under that headline: what the inbox and the wall show.
    expect((await currentAlerts(story.db, end - HOUR, end)).map((x) => [x.id, x.slice])).toEqual([[a.id, CELL]]);
    await until(async () => story.changes.flatMap((c) => c.alerts ?? []).some((x) => x.id === a.id && x.slice === CELL), (ok) => ok, 10_000);
    // Paged once. (At this low feed rate the page may still name the topic in the North: it opened in the
    // ramp's second minute, when the cell had not fired yet, and took the cell as its headline a minute on.)
    await until(async () => story.opened().length, (n) => n >= 1, 10_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(story.opened().map((p) => p.alert?.id)).toEqual([a.id]);
  });
});

/**
 * The upgrade: a watcher whose snapshot was saved under the cuts before this one (LEGACY_CUTS) restarts
 * with topic × channel × region. Its new cells are learned on history at once, so the North hotline's
 * queue 40 minutes later is paged on its cell, as a watcher that had always watched it would; started
 * cold instead, the cells would stay blind for their 200-minute warm-up.
 */
describe('alert watcher restarted with the new cut', () => {
  const end = fixedEnd();
  const queue: Incident = { id: 'queue-north-2', start: end - 12 * MINUTE, end: end + HOUR, scenario: 'cs_wait', slice: { channel: 'call', region: 'north' }, multiplier: 1, perMinute: 12 };
  const story = alertStory({ name: 'cellup', seed: 'cell-1', end, incidents: [queue] });

  it('learns the new cells on history when restored from an older snapshot, and pages on the cell', async () => {
    const before = story.loop({ cuts: LEGACY_CUTS, now: () => end - 40 * MINUTE + 1000, catchUpMin: 30 });
    await before.load();
    expect(await before.tick()).toBe(30);
    await before.flush();
    expect(before.state.engine.active).toHaveLength(0);
    const oldSeries = before.state.series;

    const after = story.loop();
    await after.load();
    expect(after.state.lastMinute).toBe(end - 41 * MINUTE);
    const restored = after.state.series;
    expect(await after.tick()).toBe(40);
    await after.flush();
    expect(after.state.engine.active.map((a) => a.slice)).toEqual([CELL]);
    expect(after.state.engine.active[0].stats.startedAt).toBeLessThanOrEqual(queue.start + 3 * MINUTE);
    // The cells of the new cut joined the restored series at load (a few hundred at this rate).
    expect(restored).toBeGreaterThan(oldSeries + 100);
  });
});

