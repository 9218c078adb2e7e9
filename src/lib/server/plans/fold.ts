import type { PlanEvent, PlanState, PlanStep } from '../../../../schemas/plans.ts';

/**
 * The current state of a plan is a pure fold of its action log, oldest event first. The fold never
 * throws: the API checks an event against the state before appending it, but two web nodes may accept
 * conflicting events at once (a step updated on one while… nothing removes steps, so only updates to a
 * step that does not exist yet can arrive), and those are skipped rather than breaking the plan.
 */

export function compareEvents(a: PlanEvent, b: PlanEvent): number {
  return a.recordedAt - b.recordedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function foldPlan(events: readonly PlanEvent[]): PlanState | null {
  let s: PlanState | null = null;
  for (const e of [...events].sort(compareEvents)) s = applyEvent(s, e);
  return s;
}

/** One step of the fold; returns a new state (the previous one is not modified). */
export function applyEvent(s: PlanState | null, e: PlanEvent): PlanState | null {
  if (e.type === 'created') {
    if (s) return s; // a plan is created once; a repeated creation is ignored
    return {
      id: e.planId,
      title: e.title,
      team: e.team,
      assignees: [...e.assignees],
      topics: [...e.topics],
      slices: [...e.slices],
      source: e.source,
      status: 'open',
      steps: [],
      comments: [],
      launches: [],
      createdAt: e.recordedAt,
      createdBy: e.actor,
      updatedAt: e.recordedAt,
      updatedBy: e.actor,
      version: 1
    };
  }
  if (!s) return null; // events before the creation cannot be placed
  const next: PlanState = { ...s, updatedAt: e.recordedAt, updatedBy: e.actor, version: s.version + 1 };
  switch (e.type) {
    case 'edit':
      if (e.title !== undefined) next.title = e.title;
      if (e.team !== undefined) next.team = e.team;
      if (e.assignees !== undefined) next.assignees = [...e.assignees];
      if (e.topics !== undefined) next.topics = [...e.topics];
      if (e.slices !== undefined) next.slices = [...e.slices];
      break;
    case 'step_add':
      if (s.steps.some((st) => st.id === e.stepId)) return s;
      next.steps = [
        ...s.steps,
        { id: e.stepId, title: e.title, status: 'todo', dueAt: e.dueAt ?? null, assignee: e.assignee ?? null, createdAt: e.recordedAt, doneAt: null }
      ];
      break;
    case 'step_update': {
      const i = s.steps.findIndex((st) => st.id === e.stepId);
      if (i < 0) return s;
      const old = s.steps[i];
      const step: PlanStep = { ...old };
      if (e.title !== undefined) step.title = e.title;
      if (e.dueAt !== undefined) step.dueAt = e.dueAt;
      if (e.assignee !== undefined) step.assignee = e.assignee;
      if (e.status !== undefined) {
        step.status = e.status;
        step.doneAt = e.status === 'done' ? (old.status === 'done' ? old.doneAt : e.recordedAt) : null;
      }
      next.steps = s.steps.map((st, j) => (j === i ? step : st));
      // Work on a step moves an open plan forward by itself; nobody has to remember to say so.
      if (s.status === 'open' && e.status && e.status !== 'todo') next.status = 'in_progress';
      break;
    }
    case 'comment':
      next.comments = [...s.comments, { id: e.id, text: e.text, actor: e.actor, at: e.recordedAt }];
      break;
    case 'status':
      next.status = e.status;
      break;
    case 'launch':
      next.launches = [...s.launches, { eventId: e.id, at: e.at, scope: e.scope, actor: e.actor, recordedAt: e.recordedAt }];
      if (s.status !== 'closed') next.status = 'launched';
      break;
  }
  return next;
}
