import type { Redis } from 'ioredis';
import type { PlanEvent, PlanState, PlansUpdate } from '../../../../schemas/plans.ts';
import type { Db } from '../../../../streaming/store/db.ts';
import { applyEvent } from './fold.ts';
import { appendEvent, loadPlan } from './store.ts';
import { checkCreate, checkEvent, newId, toEventBody, type CreatePlan, type Issue, type PlanEventInput } from './validate.ts';

/** Accepting a change: check it against the plan, append it to the log, tell every web node. */

/** Redis pub/sub channel of plan changes; per stream name so test apps sharing a Redis stay apart. */
export const plansChannel = (stream: string) => `${stream}:plans`;

export type Outcome<T> = { ok: true; value: T } | { ok: false; status: 404 | 422; error: string; issues?: Issue[] };

export async function publishPlanUpdate(redis: Redis, stream: string, update: PlansUpdate): Promise<void> {
  await redis.publish(plansChannel(stream), JSON.stringify(update));
}

export async function createPlan(db: Db, body: CreatePlan, actor: string, now = Date.now()): Promise<Outcome<PlansUpdate>> {
  const issues = checkCreate(body);
  if (issues.length) return { ok: false, status: 422, error: 'the plan does not fit the taxonomy', issues };
  const event: PlanEvent = {
    type: 'created',
    title: body.title,
    team: body.team,
    assignees: body.assignees,
    topics: [...new Set(body.topics)],
    slices: [...new Set(body.slices)],
    source: body.source,
    id: newId('e', now),
    planId: newId('p', now),
    recordedAt: now,
    actor
  };
  await appendEvent(db, event);
  return { ok: true, value: { plan: applyEvent(null, event)!, event } };
}

export async function addPlanEvent(db: Db, planId: string, input: PlanEventInput, actor: string, now = Date.now()): Promise<Outcome<PlansUpdate>> {
  const loaded = await loadPlan(db, planId);
  if (!loaded) return { ok: false, status: 404, error: `no plan ${planId}` };
  const issues = checkEvent(loaded.plan, input, now);
  if (issues.length) return { ok: false, status: 422, error: 'the event does not fit the plan', issues };
  // Strictly after the plan's last event, so the fold's order is the order of acceptance even when the
  // clock of this web node is behind another's.
  const recordedAt = Math.max(now, loaded.plan.updatedAt + 1);
  const event = { ...toEventBody(input, recordedAt), id: newId('e', recordedAt), planId, recordedAt, actor } as PlanEvent;
  await appendEvent(db, event);
  return { ok: true, value: { plan: applyEvent(loaded.plan, event) as PlanState, event } };
}
