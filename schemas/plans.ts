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
