import type { PlanEvent, PlanEventBody, PlanState } from '../../../../schemas/plans.ts';
import type { Db } from '../../../../streaming/store/db.ts';
import { list, sql } from '../../../../streaming/store/sql.ts';
import { compareEvents, foldPlan } from './fold.ts';

/** The action log in ClickHouse (schemas/migrations/004_actions.sql): append, read, fold. */

interface EventRow {
  plan_id: string;
  id: string;
  recorded_ms: number | string;
  actor: string;
  type: string;
  body: string;
}

const fromRow = (r: EventRow): PlanEvent =>
  ({ ...(JSON.parse(r.body) as PlanEventBody), id: r.id, planId: r.plan_id, recordedAt: Number(r.recorded_ms), actor: r.actor }) as PlanEvent;

export async function appendEvent(db: Db, e: PlanEvent): Promise<void> {
  const { id, planId, recordedAt, actor, ...body } = e;
  await db.insert('plan_events', [
    { plan_id: planId, id, recorded_at: Math.floor(recordedAt / 1000), recorded_ms: recordedAt, actor, type: body.type, body: JSON.stringify(body) }
  ]);
}

export async function planEvents(db: Db, planId: string): Promise<PlanEvent[]> {
  const rows = await db.query<EventRow>(
    sql`SELECT plan_id, id, recorded_ms, actor, type, body FROM plan_events WHERE plan_id = ${planId} ORDER BY recorded_ms, id`
  );
  return rows.map(fromRow).sort(compareEvents);
}

/** Every plan's events, grouped by plan (optionally only the plans in `ids`). */
export async function allPlanEvents(db: Db, ids?: readonly string[]): Promise<Map<string, PlanEvent[]>> {
  const rows = await db.query<EventRow>(
    ids
      ? sql`SELECT plan_id, id, recorded_ms, actor, type, body FROM plan_events WHERE plan_id IN ${list(ids)} ORDER BY plan_id, recorded_ms, id`
      : sql`SELECT plan_id, id, recorded_ms, actor, type, body FROM plan_events ORDER BY plan_id, recorded_ms, id`
  );
  const out = new Map<string, PlanEvent[]>();
  for (const r of rows) (out.get(r.plan_id) ?? out.set(r.plan_id, []).get(r.plan_id)!).push(fromRow(r));
  for (const events of out.values()) events.sort(compareEvents);
  return out;
}

export async function loadPlan(db: Db, planId: string): Promise<{ plan: PlanState; events: PlanEvent[] } | null> {
  const events = await planEvents(db, planId);
  const plan = foldPlan(events);
  return plan ? { plan, events } : null;
}

export interface PlanFilter {
  team?: string;
  topic?: string;
}

/**
 * Current states, most recently changed first. Filters apply to the folded state (a plan's team may
 * have been edited), so they are plain comparisons in TypeScript and never reach SQL. A topic filter
 * matches a plan linked to the topic, to its parent, or to one of its children.
 */
export async function listPlans(db: Db, filter: PlanFilter = {}): Promise<PlanState[]> {
  const plans = [...(await allPlanEvents(db)).values()].map((events) => foldPlan(events)).filter((p): p is PlanState => p !== null);
  const topic = filter.topic;
  return plans
    .filter((p) => !filter.team || p.team === filter.team)
    .filter((p) => !topic || p.topics.some((t) => t === topic || t.startsWith(`${topic}.`) || topic.startsWith(`${t}.`)))
    .sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : 1));
}
