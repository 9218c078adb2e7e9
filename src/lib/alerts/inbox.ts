import { severityRank, type Alert, type AlertAction, type AlertEventType } from '../../../schemas/alerts.ts';
import { stateAt, type TransitionRequest } from '../../../streaming/analyse/alerts/lifecycle.ts';

/**
 * The alert inbox's pure rules, shared by the web node and the browser: what an alert looks like now
 * (a snooze whose time has passed has ended), the order people read them in, and how an on-call
 * action maps onto the lifecycle.
 */

/** The alert as of `now`: an ended snooze shows as open (or acknowledged) again. */
export const asOf = (a: Alert, now: number): Alert => {
  const state = stateAt(a.state, now);
  return state === a.state ? a : { ...a, state };
};

const STATUS_ORDER: Record<Alert['state']['status'], number> = { open: 0, acknowledged: 1, snoozed: 2, resolved: 3 };

/** Unresolved first; then most severe; then newest. */
export function sortAlerts(alerts: readonly Alert[]): Alert[] {
  return [...alerts].sort((a, b) =>
    Number(a.state.status === 'resolved') - Number(b.state.status === 'resolved') ||
    severityRank(b.severity) - severityRank(a.severity) ||
    b.stats.startedAt - a.stats.startedAt ||
    STATUS_ORDER[a.state.status] - STATUS_ORDER[b.state.status] ||
    a.id.localeCompare(b.id)
  );
}

export const ACTION_EVENT: Record<AlertAction['type'], AlertEventType> = { acknowledge: 'acknowledged', resolve: 'resolved', snooze: 'snoozed', note: 'noted' };

export function toRequest(action: AlertAction): TransitionRequest {
  switch (action.type) {
    case 'acknowledge': return { type: 'acknowledged', ...(action.note ? { note: action.note } : {}) };
    case 'resolve': return { type: 'resolved', ...(action.note ? { note: action.note } : {}) };
    case 'snooze': return { type: 'snoozed', until: action.until, ...(action.note ? { note: action.note } : {}) };
    case 'note': return { type: 'noted', note: action.note };
  }
}

/** Replaces alerts by id (newer pictures win) and keeps the resolved ones for `keepResolvedMs`. */
export function mergeAlerts(current: readonly Alert[], incoming: readonly Alert[], now: number, keepResolvedMs = 24 * 3600_000): Alert[] {
  const byId = new Map(current.map((a) => [a.id, a]));
  for (const a of incoming) byId.set(a.id, a);
  return [...byId.values()].filter((a) => a.state.status !== 'resolved' || (a.state.resolvedAt ?? now) >= now - keepResolvedMs);
}

/** How far above the usual the alert went at its worst (a fading alert's latest minute says little). */
export const peakRatio = (a: Alert): number => Math.max(a.stats.ratio, a.stats.peakObserved / Math.max(a.stats.expected, 1));
