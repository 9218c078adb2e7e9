import { describe, expect, it } from 'vitest';
import type { AlertEvent } from '../../../schemas/alerts.ts';
import { AlertEventSchema } from '../../../schemas/alerts.ts';
import { applyEvent, foldEvents, stateAt, transition } from './lifecycle.ts';

const T = Date.UTC(2026, 0, 5, 12);
const ev = (type: AlertEvent['type'], at: number, extra: Partial<AlertEvent> = {}): AlertEvent => ({ alertId: 'a1', at: T + at * 60_000, type, actor: 'zhang.san', ...extra });

describe('alert lifecycle', () => {
  it('folds open → acknowledged → noted → resolved into the current state', () => {
    const log = [ev('opened', 0, { actor: 'system', severity: 'medium' }), ev('acknowledged', 2), ev('noted', 3, { note: 'CDN 节点故障' }), ev('resolved', 30, { actor: 'li.si' })];
    const r = foldEvents(log);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.state).toMatchObject({ status: 'resolved', acknowledgedBy: 'zhang.san', acknowledgedAt: T + 120_000, resolvedBy: 'li.si', severity: 'medium' });
    expect(r.state.notes.map((n) => n.note)).toEqual(['CDN 节点故障']);
    // Every event is valid for the append-only log.
    for (const e of log) expect(AlertEventSchema.safeParse(e).success).toBe(true);
  });

  it('returns a typed error for invalid transitions instead of throwing', () => {
    const resolved = foldEvents([ev('opened', 0), ev('resolved', 5)]);
    if (!resolved.ok) throw new Error('setup');
    expect(transition(resolved.state, 'a1', T + 6e5, 'x', { type: 'acknowledged' })).toMatchObject({ ok: false, error: { code: 'invalid_transition', from: 'resolved', type: 'acknowledged' } });
    expect(applyEvent(null, ev('acknowledged', 0))).toMatchObject({ ok: false, error: { code: 'invalid_transition', from: 'none' } });
    expect(foldEvents([ev('opened', 0), ev('opened', 1)])).toMatchObject({ ok: false });
    expect(foldEvents([ev('opened', 0, { severity: 'high' }), ev('escalated', 1, { severity: 'medium' })])).toMatchObject({ ok: false, error: { code: 'bad_event' } });
    expect(foldEvents([])).toMatchObject({ ok: false, error: { code: 'unknown_alert' } });
  });

  it('ends a snooze by the clock and returns to the status before it', () => {
    const r = foldEvents([ev('opened', 0), ev('acknowledged', 1), ev('snoozed', 2, { until: T + 60 * 60_000 })]);
    if (!r.ok) throw new Error('setup');
    expect(stateAt(r.state, T + 30 * 60_000).status).toBe('snoozed');
    expect(stateAt(r.state, T + 61 * 60_000).status).toBe('acknowledged');
    // A snooze in the past is refused.
    expect(transition(r.state, 'a1', T + 3 * 60_000, 'x', { type: 'snoozed', until: T })).toMatchObject({ ok: false, error: { code: 'bad_event' } });
  });

  it('reopens a resolved alert and never mutates the state it was given', () => {
    const r = foldEvents([ev('opened', 0), ev('resolved', 5)]);
    if (!r.ok) throw new Error('setup');
    const frozen = JSON.stringify(r.state);
    const re = transition(r.state, 'a1', T + 9 * 60_000, 'system', { type: 'reopened' });
    expect(re).toMatchObject({ ok: true, state: { status: 'open', resolvedAt: null }, event: { type: 'reopened', actor: 'system' } });
    expect(JSON.stringify(r.state)).toBe(frozen);
  });

  it('takes an acknowledged alert back to open on a new surge, and folds the stored log the same way', () => {
    const log = [ev('opened', 0, { actor: 'system' }), ev('acknowledged', 2), ev('resurged', 40, { actor: 'system', note: 'new surge' })];
    const r = foldEvents(log);
    expect(r).toMatchObject({ ok: true, state: { status: 'open', acknowledgedBy: null, acknowledgedAt: null } });
    for (const e of log) expect(AlertEventSchema.safeParse(e).success).toBe(true);
    // Not on a resolved alert (that re-opens) nor a snoozed one (it stays quiet until the snooze ends).
    const resolved = foldEvents([ev('opened', 0), ev('resolved', 5)]);
    const snoozed = foldEvents([ev('opened', 0), ev('snoozed', 1, { until: T + 60 * 60_000 })]);
    if (!resolved.ok || !snoozed.ok) throw new Error('setup');
    expect(transition(resolved.state, 'a1', T + 9 * 60_000, 'system', { type: 'resurged' })).toMatchObject({ ok: false, error: { code: 'invalid_transition', from: 'resolved' } });
    expect(transition(snoozed.state, 'a1', T + 9 * 60_000, 'system', { type: 'resurged' })).toMatchObject({ ok: false, error: { code: 'invalid_transition', from: 'snoozed' } });
    expect(transition(snoozed.state, 'a1', T + 61 * 60_000, 'system', { type: 'resurged' })).toMatchObject({ ok: true, state: { status: 'open' } });
  });
});
