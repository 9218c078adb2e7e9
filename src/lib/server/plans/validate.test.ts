import { describe, expect, it } from 'vitest';
import { foldPlan } from './fold.ts';
import { checkCreate, checkEvent, createPlanSchema, newId, planEventSchema, toEventBody } from './validate.ts';

const NOW = Date.UTC(2026, 10, 23, 12);

describe('plan API validation', () => {
  it('accepts the documented create body and fills defaults', () => {
    const r = createPlanSchema.parse({ title: ' Slow images ', team: 'app', topics: ['app.slow'] });
    expect(r).toEqual({ title: 'Slow images', team: 'app', assignees: [], topics: ['app.slow'], slices: [], source: null });
    expect(checkCreate(r)).toEqual([]);
  });

  it('rejects shapes (400) and unknown topics (422) with the field named', () => {
    expect(createPlanSchema.safeParse({ title: '', team: 'app', topics: ['app.slow'] }).success).toBe(false);
    expect(createPlanSchema.safeParse({ title: 'x', team: 'app', topics: [] }).success).toBe(false);
    expect(createPlanSchema.safeParse({ title: 'x', team: 'app', topics: ['app.slow'], owner: 'me' }).success).toBe(false);
    expect(createPlanSchema.safeParse({ title: 'x', team: 'app', topics: ['app.slow'], slices: ["region:east' OR 1=1"] }).success).toBe(false);
    expect(createPlanSchema.safeParse({ title: 'x', team: 'app', topics: ['app.slow'], slices: ['topic:app.slow|region:east'] }).success).toBe(true);
    expect(checkCreate(createPlanSchema.parse({ title: 'x', team: 'app', topics: ['app.slow', 'nope.nothing'] }))).toEqual([
      { path: 'topics', message: 'unknown topic id: nope.nothing' }
    ]);
  });

  it('discriminates events by type and rejects what a type does not allow', () => {
    expect(planEventSchema.parse({ type: 'launch', at: NOW, scope: { kind: 'everywhere' } }).type).toBe('launch');
    expect(planEventSchema.safeParse({ type: 'launch', at: NOW, scope: { kind: 'pilot' } }).success).toBe(false);
    expect(planEventSchema.safeParse({ type: 'launch', at: NOW, scope: { kind: 'pilot', regions: ['east'] } }).success).toBe(true);
    expect(planEventSchema.safeParse({ type: 'launch', at: 'yesterday', scope: { kind: 'everywhere' } }).success).toBe(false);
    expect(planEventSchema.safeParse({ type: 'step_update', stepId: 's1' }).success).toBe(false);
    expect(planEventSchema.safeParse({ type: 'step_update', stepId: 's1', status: 'finished' }).success).toBe(false);
    expect(planEventSchema.safeParse({ type: 'status', status: 'launched' }).success).toBe(true);
    expect(planEventSchema.safeParse({ type: 'created', title: 'x' }).success).toBe(false);
    expect(planEventSchema.safeParse({ type: 'comment', text: '   ' }).success).toBe(false);
    expect(planEventSchema.safeParse({ type: 'edit' }).success).toBe(false);
  });

  it('checks events against the plan: unknown steps, far-future launches, unknown topics', () => {
    const plan = foldPlan([
      { type: 'created', title: 'x', team: 'app', assignees: [], topics: ['app.slow'], slices: [], source: null, id: 'e1', planId: 'p1', recordedAt: NOW, actor: 'a' },
      { type: 'step_add', stepId: 's1', title: 'a', id: 'e2', planId: 'p1', recordedAt: NOW + 1, actor: 'a' }
    ])!;
    expect(checkEvent(plan, planEventSchema.parse({ type: 'step_update', stepId: 's1', status: 'done' }), NOW)).toEqual([]);
    expect(checkEvent(plan, planEventSchema.parse({ type: 'step_update', stepId: 's9', status: 'done' }), NOW)[0].path).toBe('stepId');
    expect(checkEvent(plan, planEventSchema.parse({ type: 'launch', at: NOW + 40 * 86_400_000, scope: { kind: 'everywhere' } }), NOW)[0].path).toBe('at');
    expect(checkEvent(plan, planEventSchema.parse({ type: 'edit', topics: ['x.y'] }), NOW)[0].path).toBe('topics');
  });

  it('assigns step ids on the server; ids sort by time', () => {
    const body = toEventBody(planEventSchema.parse({ type: 'step_add', title: 'a' }), NOW);
    expect(body).toMatchObject({ type: 'step_add', title: 'a', stepId: expect.stringMatching(/^s/) });
    expect(newId('p', NOW) < newId('p', NOW + 1000)).toBe(true);
    expect(newId('p', NOW)).not.toBe(newId('p', NOW));
  });
});
