import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baselineMessages, computeInsights, insightMessages, topicPressure } from '../../src/lib/server/insights.ts';
import { buildInsights } from '../../streaming/analyse/insights/index.ts';
import { listLaunches } from '../../src/lib/server/plans/launches.ts';
import { addPlanEvent, createPlan } from '../../src/lib/server/plans/service.ts';
import { listPlans, loadPlan } from '../../src/lib/server/plans/store.ts';
import { createPlanSchema, planEventSchema } from '../../src/lib/server/plans/validate.ts';
import { simulatedWindows, type SimWindows } from '../../streaming/analyse/insights/sim-fixture.ts';
import type { Db } from '../../streaming/store/db.ts';
import { insertFeedback } from '../../streaming/store/insert.ts';
import { toRow } from '../../streaming/store/rows.ts';
import { ENGINES } from '../support/engines.ts';

const T0 = Date.UTC(2026, 10, 23, 8);
const create = (db: Db, body: object, at: number) => createPlan(db, createPlanSchema.parse(body), 'ana', at);
const add = (db: Db, id: string, body: object, at: number, actor = 'bo') => addPlanEvent(db, id, planEventSchema.parse(body), actor, at);

let sim: SimWindows;
beforeAll(() => {
  // The simulated incident day (Android users in East China cannot load images, 19–22 h), enriched by the real pipeline.
  sim = simulatedWindows({ seed: 7 });
}, 180_000);

describe.each(ENGINES)('plans and insights queries on $name', (engine) => {
  let db: Db;
  beforeAll(async () => {
    db = await engine.open();
  }, 120_000);
  afterAll(() => db?.close());

  it('appends events to the log and folds them back into the plan', async () => {
    const created = await create(db, { title: 'Slow images', team: 'app', topics: ['app.slow'], slices: ['region:east'] }, T0);
    if (!created.ok) throw new Error(created.error);
    const id = created.value.plan.id;
    const step = await add(db, id, { type: 'step_add', title: 'Roll back CDN', dueAt: T0 + 3_600_000 }, T0 + 1000);
    if (!step.ok || step.value.event.type !== 'step_add') throw new Error('step not added');
    const stepId = step.value.event.stepId;
    expect((await add(db, id, { type: 'step_update', stepId, status: 'done' }, T0 + 2000)).ok).toBe(true);
    expect((await add(db, id, { type: 'comment', text: "it's fixed; DROP TABLE plan_events; --" }, T0 + 3000)).ok).toBe(true);
    expect((await add(db, id, { type: 'launch', at: T0 + 4000, scope: { kind: 'pilot', regions: ['east'], platforms: ['android'] } }, T0 + 5000, 'li')).ok).toBe(true);

    const loaded = (await loadPlan(db, id))!;
    expect(loaded.events.map((e) => e.type)).toEqual(['created', 'step_add', 'step_update', 'comment', 'launch']);
    expect(loaded.events.map((e) => e.actor)).toEqual(['ana', 'bo', 'bo', 'bo', 'li']);
    expect(loaded.plan).toMatchObject({ title: 'Slow images', status: 'launched', steps: [{ id: stepId, status: 'done' }] });
    expect(loaded.plan.comments[0].text).toBe("it's fixed; DROP TABLE plan_events; --");

    const missing = await add(db, id, { type: 'step_update', stepId: 'nope', status: 'done' }, T0 + 6000);
    expect(missing).toMatchObject({ ok: false, status: 422 });
    expect(await add(db, 'p-unknown', { type: 'comment', text: 'x' }, T0)).toMatchObject({ ok: false, status: 404 });
    expect(await loadPlan(db, "p' OR 1=1 --")).toBeNull();
  });

  it('filters plans by team and topic (parents match their leaves); SQL metacharacters are plain values', async () => {
    const other = await create(db, { title: 'Refunds', team: 'payments', topics: ['payment'] }, T0 + 10_000);
    expect(other.ok).toBe(true);
    expect((await listPlans(db)).map((p) => p.title)).toEqual(['Refunds', 'Slow images']);
    expect((await listPlans(db, { team: 'app' })).map((p) => p.title)).toEqual(['Slow images']);
    expect((await listPlans(db, { topic: 'app' })).map((p) => p.title)).toEqual(['Slow images']);
    expect((await listPlans(db, { topic: 'payment.failed' })).map((p) => p.title)).toEqual(['Refunds']);
    expect(await listPlans(db, { team: "app' OR '1'='1" })).toEqual([]);
    expect(await listPlans(db, { topic: "%'; DROP TABLE plan_events; --" })).toEqual([]);
    expect(await listPlans(db)).toHaveLength(2);
  });

  it('lists every launch, newest first, with the plan it belongs to', async () => {
    const [slow] = await listPlans(db, { team: 'app' });
    const [refunds] = await listPlans(db, { team: 'payments' });
    await add(db, refunds.id, { type: 'launch', at: T0 + 20_000, scope: { kind: 'everywhere' } }, T0 + 21_000);
    await add(db, slow.id, { type: 'launch', at: T0 + 30_000, scope: { kind: 'everywhere' } }, T0 + 31_000);
    const launches = await listLaunches(db);
    expect(launches.map((l) => [l.planTitle, l.at, l.scope.kind])).toEqual([
      ['Slow images', T0 + 30_000, 'everywhere'],
      ['Refunds', T0 + 20_000, 'everywhere'],
      ['Slow images', T0 + 4000, 'pilot']
    ]);
    expect(launches[2]).toMatchObject({ planId: slow.id, topics: ['app.slow'], actor: 'li', recordedAt: T0 + 5000 });
  });

  it('reads the insight input from the store: the simulated incident ranks first, read whole or sampled', async () => {
    const rows = [...sim.baseline, ...sim.current].map((m) => ({ key: m.id, row: toRow(m, `0-${m.id}`) }));
    for (let i = 0; i < rows.length; i += 5000) await insertFeedback(db, rows.slice(i, i + 5000));
    const whole = await computeInsights(db, sim.window.to);
    expect(whole.sampled).toBe(1);
    expect(whole.insights[0].id).toBe('app.slow');
    expect(whole.insights[0].statements.en).toMatch(/Android users in East China/);
    expect(whole.insights[0].examples).toHaveLength(3);
    const sampled = await computeInsights(db, sim.window.to, 3000);
    expect(sampled.sampled).toBeGreaterThan(1);
    expect(sampled.insights[0].id).toBe('app.slow');
    // Sampled counts are scaled back to the whole store: within 25% for a topic of ~120 messages read 1 in 3.
    expect(Math.abs(sampled.insights[0].stats.count / whole.insights[0].stats.count - 1)).toBeLessThan(0.25);
    expect(sampled.insights[0].statements.en).toContain(`${Math.round(sampled.insights[0].stats.complaints).toLocaleString('en-US')} complaints in this period`);
  }, 120_000);

  it('ranks by complaints read from the store: much praise and few complaints rank below fewer mentions with more complaints', async () => {
    // Over the simulated day (which has no hotel topics): hotel staff praised 300 times and complained
    // about 12 times, and check-in drawing 40 complaints a day, today as on every day of the baseline.
    const HOUR = 3_600_000;
    const template = sim.current.find((m) => m.topics.length === 1)!;
    let n = 0;
    const extra = (ts: number, topic: string, aspect: number) => {
      const m = { ...template, id: `rank-${n++}`, ts, received_at: ts, topics: [topic], topic_sentiments: [aspect], dup_of: '', noise: '' };
      return { key: m.id, row: toRow(m, `1-${m.id}`) };
    };
    const spread = (from: number, k: number, i: number) => from + Math.floor(((i + 0.5) / k) * 24 * HOUR);
    const baselineDays = Math.round((sim.window.from - sim.baselineWindow.from) / (24 * HOUR));
    const days = Array.from({ length: baselineDays + 1 }, (_, d) => sim.baselineWindow.from + d * 24 * HOUR);
    const rows = [
      ...Array.from({ length: 300 }, (_, i) => extra(spread(sim.window.from, 300, i), 'stay.staff', 0.8)),
      ...Array.from({ length: 12 }, (_, i) => extra(spread(sim.window.from, 12, i), 'stay.staff', -0.7)),
      ...days.flatMap((day) =>
        Array.from({ length: 40 }, (_, i) => extra(spread(day, 40, i), 'stay.checkin', -0.7))
      )
    ];
    await insertFeedback(db, rows);
    // As computeInsights reads them, with every topic kept in the list (it shows the top 10).
    const { window, baselineWindow: baseline } = sim;
    const [current, base] = await Promise.all([insightMessages(db, window.from, window.to, 1), baselineMessages(db, baseline.from, baseline.to)]);
    const insights = buildInsights(current, base, { window, baseline, maxInsights: 100 });
    const rank = (id: string) => insights.find((i) => i.id === id);
    const staff = rank('stay.staff')!;
    const checkin = rank('stay.checkin')!;
    expect(checkin.rank).toBeLessThan(staff.rank);
    expect(staff.stats.count).toBe(312);
    expect(staff.stats.complaints).toBe(12);
    // The baseline is read as counts of complaints per topic, from the same store.
    expect(checkin.stats.baselineComplaints).toBe(40 * baselineDays);
    expect(checkin.stats.growth).toBeLessThan(1.5);
    expect(staff.statements.en).toContain(`(${Math.round(staff.stats.complaints).toLocaleString('en-US')} complaints in this period`);
  }, 120_000);

  it('measures the pressure on each topic per hour over the last day, parents included', async () => {
    const p = await topicPressure(db, sim.window.to);
    const slow = p.byTopic['app.slow'];
    expect(slow).toHaveLength(24);
    // The incident runs 19–22 h Shanghai = 11–14 h UTC; the window ends at 16:00 UTC, the buckets one minute later.
    const peak = slow.indexOf(Math.max(...slow));
    expect(peak).toBeGreaterThanOrEqual(19);
    expect(peak).toBeLessThanOrEqual(22);
    expect(p.byTopic.app.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(slow.reduce((a, b) => a + b, 0));
  });
});
