import { severityRank, type AlertSeverity } from '../../../schemas/alerts.ts';
import { parseSlice } from '../../analyse/alerts/slices.ts';
import type { Notification } from '../../analyse/alerts/engine.ts';
import type { ChannelKind } from './formats.ts';

/**
 * Which chat channels hear about which alerts. A rule matches an alert when one of its topic prefixes
 * matches a topic of the alert's slices ("app" matches "app.slow"; no topics = every alert) and the
 * alert is at least `minSeverity`. Resolutions follow the same rules as the opening they close.
 * A storm digest goes to every channel that has no topic filter: an outage is everyone's business.
 */

export interface WebhookChannel {
  kind: ChannelKind;
  url: string;
  secret?: string;
}

export interface RoutingRule {
  match: { topics?: string[]; minSeverity?: AlertSeverity };
  channel: WebhookChannel;
}

const topicMatches = (prefix: string, topic: string) => topic === prefix || topic.startsWith(prefix + '.');

export function route(note: Notification, rules: readonly RoutingRule[]): WebhookChannel[] {
  const chosen = new Map<string, WebhookChannel>();
  for (const rule of rules) {
    if (matches(rule, note)) chosen.set(`${rule.channel.kind} ${rule.channel.url}`, rule.channel);
  }
  return [...chosen.values()];
}

function matches(rule: RoutingRule, note: Notification): boolean {
  const { topics, minSeverity } = rule.match;
  if (note.kind === 'storm') return !topics?.length;
  const a = note.alert;
  if (minSeverity && severityRank(a.severity) < severityRank(minSeverity)) return false;
  if (!topics?.length) return true;
  const alertTopics = [a.slice, ...a.members.map((m) => m.slice)].map((s) => parseSlice(s).topic).filter((t): t is string => !!t);
  return topics.some((p) => alertTopics.some((t) => topicMatches(p, t)));
}
