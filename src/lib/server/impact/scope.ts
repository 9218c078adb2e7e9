import type { LaunchScope } from '../../../../schemas/plans.ts';
import { TAXONOMY } from '../../../../schemas/taxonomy.ts';
import { list, sql, Sql } from '../../../../streaming/store/sql.ts';

/**
 * Which stored messages a launch is about: its topics (a parent id stands for its leaves, as stored with
 * each message) and, for a pilot, the slices the fix went to. Everything outside the pilot slices is the
 * control group (CausalImpact's design: the same topic where nothing changed).
 */

/** Leaf ids of the given topic ids, in taxonomy order; unknown ids are kept (an emerging topic may be stored). */
export function leafTopics(topics: readonly string[]): string[] {
  const out = new Set<string>();
  for (const id of topics) {
    const parent = TAXONOMY.topics.find((p) => p.id === id);
    if (parent) for (const c of parent.children) out.add(c.id);
    else out.add(id);
  }
  return [...out];
}

type Pilot = Extract<LaunchScope, { kind: 'pilot' }>;

const nonEmpty = (v: string[] | undefined): v is string[] => Array.isArray(v) && v.length > 0;

/** A pilot with no slice at all is, in effect, everywhere. */
export function isPilot(scope: LaunchScope): scope is Pilot {
  return scope.kind === 'pilot' && [scope.regions, scope.channels, scope.segments, scope.platforms, scope.appVersions].some(nonEmpty);
}

/** The minute rollup keeps region and channel only; other slices need the feedback table. */
export function fitsRollup(scope: LaunchScope): boolean {
  return !isPilot(scope) || !([scope.segments, scope.platforms, scope.appVersions].some(nonEmpty));
}

// Same rule as the insights' platformOf: meta.platform, else the first word of the app version.
const PLATFORM = new Sql(
  "lower(if(has(meta_keys, 'platform'), meta_values[indexOf(meta_keys, 'platform')], splitByChar(' ', app_version)[1]))"
);
// "Android 5.12.2" or "5.12.2": a scope may name either.
const VERSION = new Sql("arrayElement(splitByChar(' ', app_version), -1)");

/**
 * The SQL predicate "inside the pilot" (1 = 1 when everywhere). `table` says which columns exist:
 * topic_minute has region and channel, feedback has them all.
 */
export function insideCondition(scope: LaunchScope, table: 'topic_minute' | 'feedback'): Sql {
  if (!isPilot(scope)) return sql`1 = 1`;
  const parts: Sql[] = [];
  if (nonEmpty(scope.regions)) parts.push(sql`region IN ${list(scope.regions)}`);
  if (nonEmpty(scope.channels)) parts.push(sql`channel IN ${list(scope.channels)}`);
  if (table === 'feedback') {
    if (nonEmpty(scope.segments)) parts.push(sql`segment IN ${list(scope.segments)}`);
    if (nonEmpty(scope.platforms)) parts.push(sql`${PLATFORM} IN ${list(scope.platforms.map((p) => p.toLowerCase()))}`);
    if (nonEmpty(scope.appVersions)) parts.push(sql`(app_version IN ${list(scope.appVersions)} OR ${VERSION} IN ${list(scope.appVersions)})`);
  } else if (!fitsRollup(scope)) {
    throw new Error('this pilot scope needs the feedback table');
  }
  return new Sql(`(${parts.map((p) => p.text).join(' AND ')})`);
}

/** "region: east · platform: android" — the pilot's slices in words (codes, not translated). */
export function scopeLabel(scope: LaunchScope): string {
  if (!isPilot(scope)) return 'everywhere';
  const parts: string[] = [];
  const add = (name: string, v: string[] | undefined) => nonEmpty(v) && parts.push(`${name}: ${v.join(', ')}`);
  add('region', scope.regions);
  add('channel', scope.channels);
  add('segment', scope.segments);
  add('platform', scope.platforms);
  add('version', scope.appVersions);
  return parts.join(' · ');
}
