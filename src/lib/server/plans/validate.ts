import { z } from 'zod';
import { LEAF_IDS, TAXONOMY } from '../../../../schemas/taxonomy.ts';
import { PLAN_STATUSES, STEP_STATUSES, type PlanEventBody, type PlanState } from '../../../../schemas/plans.ts';

/**
 * What the API accepts. Shape errors (not JSON, wrong types, unknown fields) are 400; a well-formed
 * request that does not fit the data (a topic not in the taxonomy, a step the plan does not have) is 422.
 */

const TOPIC_IDS = new Set<string>([...TAXONOMY.topics.map((p) => p.id), ...LEAF_IDS]);
export const isTopicId = (id: string): boolean => TOPIC_IDS.has(id);

const SLICE_DIMENSIONS = ['topic', 'region', 'channel', 'segment', 'tier', 'platform', 'version', 'lang', 'hours'];
const SLICE = /^[a-z_]+:[^|\s]{0,64}(\|[a-z_]+:[^|\s]{0,64})*$/;

const name = z.string().trim().min(1).max(80);
const text = (max: number) => z.string().trim().min(1).max(max);
const ms = z.number().int().min(Date.UTC(2000, 0, 1)).max(Date.UTC(2100, 0, 1));
const list = (item: z.ZodType<string>, max: number) => z.array(item).max(max);
const slice = z
  .string()
  .max(200)
  .regex(SLICE, 'a slice is written "dim:value|dim:value"')
  .refine((s) => s.split('|').every((p) => SLICE_DIMENSIONS.includes(p.split(':')[0])), `slice dimensions: ${SLICE_DIMENSIONS.join(', ')}`);
const values = list(z.string().trim().min(1).max(64), 50).optional();

export const launchScopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('everywhere') }),
  z
    .strictObject({ kind: z.literal('pilot'), regions: values, channels: values, segments: values, platforms: values, appVersions: values })
    .refine((p) => [p.regions, p.channels, p.segments, p.platforms, p.appVersions].some((v) => v && v.length > 0), 'a pilot names at least one region, channel, segment, platform or app version')
]);

export const createPlanSchema = z.strictObject({
  title: text(200),
  team: name,
  assignees: list(name, 20).default([]),
  topics: list(z.string().max(64), 20).min(1, 'a plan is about at least one topic'),
  slices: list(slice, 20).default([]),
  source: z.strictObject({ kind: z.enum(['insight', 'alert']), id: z.string().min(1).max(200) }).nullable().default(null)
});
export type CreatePlan = z.infer<typeof createPlanSchema>;

export const planEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('launch'), at: ms, scope: launchScopeSchema }),
  z.strictObject({ type: z.literal('comment'), text: text(5000) }),
  z.strictObject({ type: z.literal('step_add'), title: text(200), dueAt: ms.nullable().optional(), assignee: name.nullable().optional() }),
  z
    .strictObject({
      type: z.literal('step_update'),
      stepId: z.string().min(1).max(64),
      title: text(200).optional(),
      status: z.enum(STEP_STATUSES).optional(),
      dueAt: ms.nullable().optional(),
      assignee: name.nullable().optional()
    })
    .refine((u) => u.title !== undefined || u.status !== undefined || u.dueAt !== undefined || u.assignee !== undefined, 'nothing to update'),
  z.strictObject({ type: z.literal('status'), status: z.enum(PLAN_STATUSES) }),
  z
    .strictObject({
      type: z.literal('edit'),
      title: text(200).optional(),
      team: name.optional(),
      assignees: list(name, 20).optional(),
      topics: list(z.string().max(64), 20).min(1).optional(),
      slices: list(slice, 20).optional()
    })
    .refine((u) => Object.keys(u).length > 1, 'nothing to edit')
]);
export type PlanEventInput = z.infer<typeof planEventSchema>;

export interface Issue {
  path: string;
  message: string;
}

export const issuesOf = (e: z.ZodError): Issue[] => e.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));

const unknownTopics = (topics: readonly string[] | undefined): Issue[] =>
  (topics ?? []).filter((t) => !isTopicId(t)).map((t) => ({ path: 'topics', message: `unknown topic id: ${t}` }));

export function checkCreate(body: CreatePlan): Issue[] {
  return unknownTopics(body.topics);
}

/** How far ahead a launch may be announced; a scheduled launch is fine, a typo in the year is not. */
export const MAX_LAUNCH_AHEAD_MS = 30 * 86_400_000;

/** Semantic checks against the plan's current state; returns the issues (empty = acceptable). */
export function checkEvent(plan: PlanState, body: PlanEventInput, now: number): Issue[] {
  switch (body.type) {
    case 'edit':
      return unknownTopics(body.topics);
    case 'step_update':
      return plan.steps.some((s) => s.id === body.stepId) ? [] : [{ path: 'stepId', message: `no step ${body.stepId} in this plan` }];
    case 'launch':
      return body.at > now + MAX_LAUNCH_AHEAD_MS ? [{ path: 'at', message: 'a launch more than 30 days ahead' }] : [];
    default:
      return [];
  }
}

/** Server-side ids: time-ordered (base 36 ms) and random, so two web nodes never collide. */
export function newId(prefix: string, now = Date.now()): string {
  const rand = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(36).padStart(2, '0')).join('');
  return `${prefix}${now.toString(36)}${rand}`;
}

/** The body as stored: step ids are assigned here, so clients never choose them. */
export function toEventBody(input: PlanEventInput, now: number): PlanEventBody {
  if (input.type === 'step_add') return { ...input, stepId: newId('s', now) };
  return input as PlanEventBody;
}
