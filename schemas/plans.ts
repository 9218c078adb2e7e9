/**
 * Action plans and launches, shared by the web node, the impact computation and the browser. A plan's
 * state is the fold of its append-only action log (ClickHouse); these are the shapes both sides rely on.
 * The plans work extends this file; the impact work reads `Launch` only.
 */

/** Where a fix went live: everywhere, or a pilot limited to some slices (unaffected slices are controls). */
export type LaunchScope =
  | { kind: 'everywhere' }
  | { kind: 'pilot'; regions?: string[]; channels?: string[]; segments?: string[]; platforms?: string[]; appVersions?: string[] };

export interface Launch {
  planId: string;
  planTitle: string;
  /** epoch ms the fix went live */
  at: number;
  scope: LaunchScope;
  /** taxonomy leaf or parent ids the plan is about (schemas/taxonomy.json) */
  topics: string[];
  /** who recorded the launch */
  actor: string;
  /** when it was recorded (may be after `at`) */
  recordedAt: number;
}

// ───────────────────────────── Action plans: the log and its fold ─────────────────────────────

export const PLAN_STATUSES = ['open', 'in_progress', 'launched', 'closed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const STEP_STATUSES = ['todo', 'doing', 'done'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** Slices are written like alert slices (schemas/alerts.ts): "topic:app.slow|region:east". */
export type PlanSlice = string;

export interface PlanSource {
  kind: 'insight' | 'alert';
  id: string;
}

/** What a plan is about: written whole by its `created` event and carried as-is by its folded state. */
export interface PlanContent {
  title: string;
  team: string;
  assignees: string[];
  topics: string[];
  slices: PlanSlice[];
  source: PlanSource | null;
}

/** What happened, one variant per kind of change; the log stores these as they were accepted. */
export type PlanEventBody =
  | ({ type: 'created' } & PlanContent)
  | { type: 'edit'; title?: string; team?: string; assignees?: string[]; topics?: string[]; slices?: PlanSlice[] }
  | { type: 'step_add'; stepId: string; title: string; dueAt?: number | null; assignee?: string | null }
  | { type: 'step_update'; stepId: string; title?: string; status?: StepStatus; dueAt?: number | null; assignee?: string | null }
  | { type: 'comment'; text: string }
  | { type: 'status'; status: PlanStatus }
  | { type: 'launch'; at: number; scope: LaunchScope };

export type PlanEventType = PlanEventBody['type'];
export const PLAN_EVENT_TYPES = ['created', 'edit', 'step_add', 'step_update', 'comment', 'status', 'launch'] as const satisfies readonly PlanEventType[];

/** One immutable entry of the action log. */
export type PlanEvent = PlanEventBody & {
  /** server-generated, sortable within a plan (recordedAt first, then id) */
  id: string;
  planId: string;
  /** epoch ms the server accepted the event */
  recordedAt: number;
  actor: string;
};

export interface PlanStep {
  id: string;
  title: string;
  status: StepStatus;
  dueAt: number | null;
  assignee: string | null;
  createdAt: number;
  /** when it was last marked done, or null */
  doneAt: number | null;
}

export interface PlanComment {
  id: string;
  text: string;
  actor: string;
  at: number;
}

export interface PlanLaunch {
  eventId: string;
  at: number;
  scope: LaunchScope;
  actor: string;
  recordedAt: number;
}

/**
 * Whether a plan's fix is live now or only scheduled. Recording a launch moves the plan to "launched" at
 * once (src/lib/server/plans/fold.ts), also for a launch announced for later (up to 30 days ahead): every
 * screen and the report must then say when it goes live, not pass it for a fix already in customers' hands.
 */
export function launchState(launches: readonly PlanLaunch[], now: number): { live: boolean; at: number } | null {
  if (launches.length === 0) return null;
  const past = launches.filter((l) => l.at <= now);
  if (past.length) return { live: true, at: Math.max(...past.map((l) => l.at)) };
  return { live: false, at: Math.min(...launches.map((l) => l.at)) };
}

/** The current state of a plan: a pure fold of its events (src/lib/server/plans/fold.ts). */
export interface PlanState extends PlanContent {
  id: string;
  status: PlanStatus;
  steps: PlanStep[];
  comments: PlanComment[];
  launches: PlanLaunch[];
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  updatedBy: string;
  /** events folded so far */
  version: number;
}

/** A plan step that is past its due date and not done. */
export const isOverdue = (step: PlanStep, now: number): boolean => step.status !== 'done' && step.dueAt !== null && step.dueAt < now;

/** Pushed to every client (over Redis, from whichever web node accepted the change) as 'plans:update:v1'. */
export interface PlansUpdate {
  plan: PlanState;
  event: PlanEvent;
}

/** GET /api/plans/[id] */
export interface PlanDetail {
  plan: PlanState;
  events: PlanEvent[];
}
