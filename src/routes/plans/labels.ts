import { CHANNELS, type Channel } from '../../../schemas/feedback.ts';
import type { Insight } from '../../../schemas/insights.ts';
import { launchState, type LaunchScope, type PlanEvent, type PlanLaunch, type PlanState, type PlanStatus } from '../../../schemas/plans.ts';

export { launchState };
import { regionLabel } from '../../../schemas/regions.ts';
import { parentOf, topicLabel } from '../../../schemas/taxonomy.ts';
import type { Translate, UiLang } from '../../lib/i18n/index.ts';
import { dateTime as formatDateTime } from '../../lib/impact/format.ts';

/** Display helpers shared by the plans screens; everything returns plain text (rendered as text). */

export const channelLabel = (c: string, t: Translate) => ((CHANNELS as readonly string[]).includes(c) ? t(`channel.${c as Channel}`) : c);

/** The impact screens' date-and-time format, as a function of the timestamp. */
export const dateTime = (lang: UiLang) => (ts: number) => formatDateTime(lang, ts);

export const splitList = (v: string): string[] =>
  v
    .split(/[,，]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** "topic:app.slow|region:east" → "加载慢 · 华东" */
export function sliceLabel(slice: string, lang: UiLang, t: Translate): string {
  return slice
    .split('|')
    .map((part) => {
      const i = part.indexOf(':');
      const dim = part.slice(0, i);
      const value = part.slice(i + 1);
      if (dim === 'topic') return topicLabel(value, lang);
      if (dim === 'region') return regionLabel(value, lang);
      if (dim === 'channel') return channelLabel(value, t);
      if (dim === 'hours') return lang === 'zh' ? `${value} 时` : `${value} h`;
      return value;
    })
    .join(' · ');
}

/** The slice an insight's statement talks about, as a plan slice ("topic:app.slow|region:east|platform:android"). */
export function insightSlice(insight: Insight): string | null {
  const parts = (insight.focus?.concentrations ?? []).map((c) => `${c.dimension === 'hours' ? 'hours' : c.dimension}:${c.value}`);
  return parts.length ? [`topic:${insight.id}`, ...parts].join('|') : null;
}

/** Topics of a plan without those already covered by a linked parent (so pressure is not counted twice). */
export function distinctTopics(topics: readonly string[]): string[] {
  return topics.filter((t) => !(t.includes('.') && topics.includes(parentOf(t))));
}

/** Negative messages per hour over the last 24 h on the plan's topics, oldest first. */
export function pressureOf(plan: Pick<PlanState, 'topics'>, byTopic: Record<string, number[]> | undefined): number[] {
  const out = new Array(24).fill(0);
  for (const topic of distinctTopics(plan.topics)) (byTopic?.[topic] ?? []).forEach((v, i) => (out[i] += v));
  return out;
}

export function scopeText(scope: LaunchScope, lang: UiLang, t: Translate): string {
  if (scope.kind === 'everywhere') return t('plans.scope.everywhere');
  const parts: string[] = [];
  if (scope.regions?.length) parts.push(`${t('plans.scope.regions')}: ${scope.regions.map((r) => regionLabel(r, lang)).join(', ')}`);
  if (scope.channels?.length) parts.push(`${t('plans.scope.channels')}: ${scope.channels.map((c) => channelLabel(c, t)).join(', ')}`);
  if (scope.segments?.length) parts.push(`${t('plans.scope.segments')}: ${scope.segments.join(', ')}`);
  if (scope.platforms?.length) parts.push(`${t('plans.scope.platforms')}: ${scope.platforms.join(', ')}`);
  if (scope.appVersions?.length) parts.push(`${t('plans.scope.appVersions')}: ${scope.appVersions.join(', ')}`);
  return `${t('plans.scope.pilot')} (${parts.join('; ')})`;
}

/** One line of the history: what changed, in words (the actor and time are shown beside it). */
export function eventText(e: PlanEvent, steps: Map<string, string>, lang: UiLang, t: Translate): string {
  const when = dateTime(lang);
  const head = t(`plans.ev.${e.type}`);
  switch (e.type) {
    case 'created':
      return `${head}: ${e.title} · ${t('plans.owner', { team: e.team })} · ${e.topics.map((x) => topicLabel(x, lang)).join(', ')}`;
    case 'edit': {
      const parts: string[] = [];
      if (e.title !== undefined) parts.push(`${t('plans.field.title')} → ${e.title}`);
      if (e.team !== undefined) parts.push(`${t('plans.field.team')} → ${e.team}`);
      if (e.assignees !== undefined) parts.push(`${t('plans.assignees')} → ${e.assignees.join(', ') || '—'}`);
      if (e.topics !== undefined) parts.push(`${t('plans.topics')} → ${e.topics.map((x) => topicLabel(x, lang)).join(', ')}`);
      if (e.slices !== undefined) parts.push(`${t('plans.slices')} → ${e.slices.map((s) => sliceLabel(s, lang, t)).join(', ') || '—'}`);
      return `${head}: ${parts.join('; ')}`;
    }
    case 'step_add':
      return `${head}: ${e.title}${e.dueAt ? ` · ${t('plans.field.due')} ${when(e.dueAt)}` : ''}${e.assignee ? ` · ${e.assignee}` : ''}`;
    case 'step_update': {
      const parts: string[] = [];
      if (e.title !== undefined) parts.push(e.title);
      if (e.status !== undefined) parts.push(t(`plans.step.${e.status}`));
      if (e.dueAt !== undefined) parts.push(`${t('plans.field.due')} ${e.dueAt === null ? '—' : when(e.dueAt)}`);
      if (e.assignee !== undefined) parts.push(`${t('plans.field.assignee')} ${e.assignee ?? '—'}`);
      return `${head} «${steps.get(e.stepId) ?? e.stepId}»: ${parts.join(' · ')}`;
    }
    case 'comment':
      return `${head}: ${e.text}`;
    case 'status':
      return `${head}: ${t(`plans.status.${e.status}`)}`;
    case 'launch':
      return `${head}: ${when(e.at)} · ${scopeText(e.scope, lang, t)}`;
  }
}

/**
 * A plan status in words. "Launched" with a launch still to come reads "Scheduled (goes live …)" until
 * that time: the status moves when the launch is recorded, the fix reaches customers only later.
 */
export function statusLabel(status: PlanStatus, launches: readonly PlanLaunch[], now: number, lang: UiLang, t: Translate): string {
  const state = status === 'launched' ? launchState(launches, now) : null;
  if (state && !state.live) return t('plans.status.scheduled', { when: dateTime(lang)(state.at) });
  return t(`plans.status.${status}`);
}
