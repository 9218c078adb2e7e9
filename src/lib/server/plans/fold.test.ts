import { describe, expect, it } from 'vitest';
import type { PlanEvent, PlanEventBody } from '../../../../schemas/plans.ts';
import { isOverdue } from '../../../../schemas/plans.ts';
import { foldPlan } from './fold.ts';

const T0 = Date.UTC(2026, 10, 20, 8);
let n = 0;
const ev = (body: PlanEventBody, at: number, actor = 'ana'): PlanEvent => ({ ...body, id: `e${String(n++).padStart(4, '0')}`, planId: 'p1', recordedAt: at, actor }) as PlanEvent;

const created = ev({ type: 'created', title: 'Images load slowly', team: 'app', assignees: ['li'], topics: ['app.slow'], slices: ['region:east'], source: { kind: 'insight', id: 'app.slow' } }, T0);

describe('a plan is the fold of its action log', () => {
  it('applies creation, edits, steps, comments, status and launches in order', () => {
    const events = [
      created,
      ev({ type: 'step_add', stepId: 's1', title: 'Roll back CDN config', dueAt: T0 + 86_400_000 }, T0 + 1000),
      ev({ type: 'step_add', stepId: 's2', title: 'Add image size budget' }, T0 + 2000, 'bo'),
      ev({ type: 'step_update', stepId: 's1', status: 'doing' }, T0 + 3000),
      ev({ type: 'comment', text: '<script>alert(1)</script> is just text' }, T0 + 4000, 'bo'),
      ev({ type: 'edit', title: 'Images load slowly on Android', assignees: ['li', 'wang'] }, T0 + 5000),
      ev({ type: 'step_update', stepId: 's1', status: 'done' }, T0 + 6000),
      ev({ type: 'launch', at: T0 + 7000, scope: { kind: 'pilot', regions: ['east'] } }, T0 + 8000, 'li')
    ];
    const s = foldPlan(events)!;
    expect(s).toMatchObject({ id: 'p1', title: 'Images load slowly on Android', team: 'app', assignees: ['li', 'wang'], topics: ['app.slow'], status: 'launched' });
    expect(s.steps.map((x) => [x.id, x.status, x.doneAt])).toEqual([
      ['s1', 'done', T0 + 6000],
      ['s2', 'todo', null]
    ]);
    expect(s.comments).toEqual([{ id: events[4].id, text: '<script>alert(1)</script> is just text', actor: 'bo', at: T0 + 4000 }]);
    expect(s.launches).toEqual([{ eventId: events[7].id, at: T0 + 7000, scope: { kind: 'pilot', regions: ['east'] }, actor: 'li', recordedAt: T0 + 8000 }]);
    expect(s).toMatchObject({ createdBy: 'ana', createdAt: T0, updatedBy: 'li', updatedAt: T0 + 8000, version: 8 });
  });

  it('gives the same state whatever order the rows come back in', () => {
    const events = [
      created,
      ev({ type: 'step_add', stepId: 's1', title: 'a' }, T0 + 10),
      ev({ type: 'status', status: 'in_progress' }, T0 + 20),
      ev({ type: 'status', status: 'closed' }, T0 + 30)
    ];
    expect(foldPlan([...events].reverse())).toEqual(foldPlan(events));
    expect(foldPlan(events)!.status).toBe('closed');
  });

  it('moves an open plan to in progress when work starts, and keeps a closed plan closed at launch', () => {
    const started = foldPlan([created, ev({ type: 'step_add', stepId: 's1', title: 'a' }, T0 + 1), ev({ type: 'step_update', stepId: 's1', status: 'doing' }, T0 + 2)])!;
    expect(started.status).toBe('in_progress');
    const closed = foldPlan([created, ev({ type: 'status', status: 'closed' }, T0 + 1), ev({ type: 'launch', at: T0, scope: { kind: 'everywhere' } }, T0 + 2)])!;
    expect(closed.status).toBe('closed');
    expect(closed.launches).toHaveLength(1);
  });

  it('skips what cannot be placed instead of failing: events before creation, unknown steps, a second creation', () => {
    const orphan = ev({ type: 'comment', text: 'early' }, T0 - 1);
    const s = foldPlan([orphan, created, ev({ type: 'step_update', stepId: 'nope', status: 'done' }, T0 + 1), ev({ ...created, title: 'again' } as PlanEventBody, T0 + 2)])!;
    expect(s.title).toBe('Images load slowly');
    expect(s.comments).toEqual([]);
    expect(s.steps).toEqual([]);
    expect(foldPlan([orphan])).toBeNull();
    expect(foldPlan([])).toBeNull();
  });

  it('flags a step overdue only while it is not done', () => {
    const s = foldPlan([created, ev({ type: 'step_add', stepId: 's1', title: 'a', dueAt: T0 + 100 }, T0 + 1)])!;
    expect(isOverdue(s.steps[0], T0 + 99)).toBe(false);
    expect(isOverdue(s.steps[0], T0 + 101)).toBe(true);
    const done = foldPlan([created, ev({ type: 'step_add', stepId: 's1', title: 'a', dueAt: T0 + 100 }, T0 + 1), ev({ type: 'step_update', stepId: 's1', status: 'done' }, T0 + 2)])!;
    expect(isOverdue(done.steps[0], T0 + 101)).toBe(false);
  });
});
