import {
  severityRank, type AlertEvent, type AlertSeverity, type AlertState, type AlertStatus, type TransitionError, type TransitionResult
} from '../../../schemas/alerts.ts';

/**
 * The alert lifecycle as a pure state machine: open → acknowledged → resolved, with snooze, notes,
 * severity escalation and reopening. Every transition is an immutable AlertEvent; the current state is
 * a fold over the events, so an append-only log is the only thing that needs storing.
 * Expected failures (acknowledging a resolved alert) return a typed error instead of throwing.
 *
 * A snooze ends by itself when its time passes; nothing is written then — `stateAt` reads it off the clock.
 */

export type TransitionRequest =
  | { type: 'acknowledged' | 'resolved' | 'reopened' | 'resurged'; note?: string }
  | { type: 'snoozed'; until: number; note?: string }
  | { type: 'noted'; note: string }
  | { type: 'escalated'; severity: AlertSeverity; note?: string };

/** The state as of `now`: a snooze whose time has passed has ended. */
export function stateAt(state: AlertState, now: number): AlertState {
  if (state.status !== 'snoozed' || state.snoozedUntil === null || now < state.snoozedUntil) return state;
  return { ...state, status: state.statusBeforeSnooze ?? 'open', snoozedUntil: null, statusBeforeSnooze: null };
}

const fail = (error: TransitionError): TransitionResult => ({ ok: false, error });
const invalid = (from: AlertStatus | 'none', event: AlertEvent): TransitionResult =>
  fail({ code: 'invalid_transition', from, type: event.type, message: `cannot apply "${event.type}" to an alert that is ${from}` });
const bad = (event: AlertEvent, message: string): TransitionResult => fail({ code: 'bad_event', type: event.type, message });

/** Applies one event to the state (null before "opened"). */
export function applyEvent(prev: AlertState | null, event: AlertEvent): TransitionResult {
  const ok = (state: AlertState): TransitionResult => ({ ok: true, state, event });
  if (prev === null) {
    if (event.type !== 'opened') return invalid('none', event);
    return ok({
      status: 'open', openedAt: event.at, acknowledgedBy: null, acknowledgedAt: null, snoozedUntil: null, resolvedAt: null,
      resolvedBy: null, statusBeforeSnooze: null, severity: event.severity ?? 'low', notes: event.note ? [{ at: event.at, actor: event.actor, note: event.note }] : []
    });
  }
  const s = stateAt(prev, event.at);
  const notes = event.note && event.type !== 'noted' ? [...s.notes, { at: event.at, actor: event.actor, note: event.note }] : s.notes;
  switch (event.type) {
    case 'opened':
      return invalid(s.status, event);
    case 'acknowledged':
      if (s.status !== 'open' && s.status !== 'snoozed') return invalid(s.status, event);
      // Acknowledging a snoozed alert takes it out of the snooze: someone is on it now.
      return ok({ ...s, status: 'acknowledged', acknowledgedBy: event.actor, acknowledgedAt: event.at, snoozedUntil: null, statusBeforeSnooze: null, notes });
    case 'snoozed':
      if (s.status === 'resolved') return invalid(s.status, event);
      if (event.until === undefined || event.until <= event.at) return bad(event, 'snooze needs a time in the future');
      return ok({ ...s, status: 'snoozed', snoozedUntil: event.until, statusBeforeSnooze: s.status === 'snoozed' ? s.statusBeforeSnooze : s.status, notes });
    case 'noted':
      if (!event.note) return bad(event, 'a note needs text');
      return ok({ ...s, notes: [...s.notes, { at: event.at, actor: event.actor, note: event.note }] });
    case 'escalated':
      if (s.status === 'resolved') return invalid(s.status, event);
      if (!event.severity || severityRank(event.severity) <= severityRank(s.severity)) return bad(event, 'escalation must raise the severity');
      return ok({ ...s, severity: event.severity, notes });
    case 'resolved':
      if (s.status === 'resolved') return invalid(s.status, event);
      return ok({ ...s, status: 'resolved', resolvedAt: event.at, resolvedBy: event.actor, snoozedUntil: null, statusBeforeSnooze: null, notes });
    case 'reopened':
      if (s.status !== 'resolved') return invalid(s.status, event);
      return ok({ ...s, status: 'open', resolvedAt: null, resolvedBy: null, notes });
    case 'resurged':
      // A new surge is nobody's yet: whoever acknowledged the first one is paged again like everyone else.
      // A snoozed alert stays quiet until its snooze ends (the engine does not ask).
      if (s.status !== 'open' && s.status !== 'acknowledged') return invalid(s.status, event);
      return ok({ ...s, status: 'open', acknowledgedBy: null, acknowledgedAt: null, notes });
  }
}

/** Builds the event for a request and applies it: the one way the outside world changes an alert. */
export function transition(prev: AlertState | null, alertId: string, at: number, actor: string, req: TransitionRequest): TransitionResult {
  const event: AlertEvent = { alertId, at, type: req.type, actor };
  if (req.note !== undefined) event.note = req.note;
  if (req.type === 'snoozed') event.until = req.until;
  if (req.type === 'escalated') event.severity = req.severity;
  return applyEvent(prev, event);
}

/** The state of one alert from its log. Events must belong to one alert and be in order. */
export function foldEvents(events: readonly AlertEvent[]): { ok: true; state: AlertState } | { ok: false; error: TransitionError } {
  let state: AlertState | null = null;
  for (const e of events) {
    const r = applyEvent(state, e);
    if (!r.ok) return r;
    state = r.state;
  }
  if (state === null) return { ok: false, error: { code: 'unknown_alert', type: 'opened', message: 'no events' } };
  return { ok: true, state };
}
