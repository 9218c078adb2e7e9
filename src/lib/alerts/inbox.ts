import { severityRank, type Alert, type AlertAction, type AlertEvent, type AlertEventType, type AlertState } from '../../../schemas/alerts.ts';
import { applyEvent, stateAt, type TransitionRequest } from '../../../streaming/analyse/alerts/lifecycle.ts';

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

/**
 * How far above the usual the alert went at its worst (a fading alert's latest minute says little): the
 * peak against what was expected at the peak (peakObserved − peakExcess), not against the latest
 * minute's expectation, which may belong to another hour.
 */
export const peakRatio = (a: Alert): number =>
  Math.max(a.stats.ratio, a.stats.peakObserved / Math.max(a.stats.peakObserved - a.stats.peakExcess, 1));

/** Does the state already hold this person's action? (The checks foldExternalEvent makes, plus notes.) */
function holds(state: AlertState, e: AlertEvent): boolean {
  if (e.note !== undefined && state.notes.some((n) => n.at === e.at && n.actor === e.actor && n.note === e.note)) return true;
  switch (e.type) {
    case 'acknowledged': return state.acknowledgedAt === e.at && state.acknowledgedBy === e.actor;
    case 'resolved': return state.resolvedAt === e.at && state.resolvedBy === e.actor;
    case 'snoozed': return state.status === 'snoozed' && state.snoozedUntil === e.until;
    default: return false;
  }
}

/**
 * A picture of an alert from the watcher, with the people's actions it does not hold put back on top.
 * An action reaches the watcher through Redis; a minute the watcher scores meanwhile is computed from
 * the state before it, and its picture (numbers and state) used to replace the alert on every screen: a
 * resolved alert showed as snoozed again, and the next action started from that. `actions` are the
 * recent actions this web node knows of for the alert, oldest first. The watcher folds them in that
 * order, so a picture that holds one holds every earlier one: only those after the last one it holds are
 * applied (an action that no longer applies to it is skipped). Applying them is idempotent, so the same
 * actions can be offered to every picture for a while, late stale pictures included. An action older
 * than the picture's latest automatic resolution or re-opening was folded in before those (the engine
 * only resolves or re-opens an alert it holds in its state) and is left alone.
 */
export function rebase(picture: Alert, actions: readonly AlertEvent[]): Alert {
  const mine = actions.filter((e) => e.alertId === picture.id);
  let held = -1;
  mine.forEach((e, i) => {
    if (holds(picture.state, e)) held = i;
  });
  const lastSystem = Math.max(-Infinity, ...picture.state.notes.filter((n) => n.actor === 'system').map((n) => n.at));
  let state = picture.state;
  for (const e of mine.slice(held + 1)) {
    if (e.at < lastSystem) continue;
    const r = applyEvent(state, e);
    if (r.ok) state = r.state;
  }
  return state === picture.state ? picture : { ...picture, state };
}
