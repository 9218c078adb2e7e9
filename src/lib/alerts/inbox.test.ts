import { describe, expect, it } from 'vitest';
import type { Alert, AlertEvent, AlertSeverity, AlertStatus } from '../../../schemas/alerts.ts';
import { applyEvent } from '../../../streaming/analyse/alerts/lifecycle.ts';
import { cueFor } from './cue.ts';
import { asOf, mergeAlerts, peakRatio, rebase, sortAlerts, toRequest } from './inbox.ts';
import { mergeSeries, seriesWindow } from './series.ts';

const M = 60_000;
const T = Date.UTC(2026, 10, 23, 12, 0);

function alert(id: string, severity: AlertSeverity, startedAt: number, status: AlertStatus = 'open', extra: Partial<Alert['state']> = {}): Alert {
  return {
    id, metric: 'neg', slice: 'topic:delivery.late', members: [], contributions: [], severity, severityReasons: [],
    stats: { observed: 2, expected: 4, upper: 8, excess: -2, ratio: 0.5, peakObserved: 40, peakExcess: 36, totalExcess: 100, startedAt, lastAboveAt: startedAt, updatedAt: startedAt, durationMin: 1 },
    state: { status, openedAt: startedAt, acknowledgedBy: null, acknowledgedAt: null, snoozedUntil: null, resolvedAt: null, resolvedBy: null, statusBeforeSnooze: null, severity, notes: [], ...extra }
  };
}

describe('alert inbox', () => {
  it('puts unresolved first, then the most severe, then the newest', () => {
    const list = [alert('a', 'low', T), alert('b', 'critical', T - 10 * M), alert('c', 'critical', T), alert('d', 'critical', T + M, 'resolved')];
    expect(sortAlerts(list).map((a) => a.id)).toEqual(['c', 'b', 'a', 'd']);
  });
  it('ends a snooze by the clock', () => {
    const a = alert('a', 'high', T, 'snoozed', { snoozedUntil: T + 15 * M, statusBeforeSnooze: 'acknowledged' });
    expect(asOf(a, T + 14 * M).state.status).toBe('snoozed');
    expect(asOf(a, T + 15 * M).state.status).toBe('acknowledged');
  });
  it('maps actions onto lifecycle requests', () => {
    expect(toRequest({ type: 'snooze', alertId: 'a', until: T })).toEqual({ type: 'snoozed', until: T });
    expect(toRequest({ type: 'acknowledge', alertId: 'a', note: 'on it' })).toEqual({ type: 'acknowledged', note: 'on it' });
    expect(toRequest({ type: 'note', alertId: 'a', note: 'x' })).toEqual({ type: 'noted', note: 'x' });
  });
  it('replaces alerts by id and forgets resolved ones after a day', () => {
    const old = alert('a', 'high', T - 3 * 86_400_000, 'resolved', { resolvedAt: T - 2 * 86_400_000 });
    const merged = mergeAlerts([old, alert('b', 'low', T)], [alert('b', 'high', T)], T);
    expect(merged.map((a) => [a.id, a.severity])).toEqual([['b', 'high']]);
  });
  it('shows how far above the usual an alert went at its worst', () => {
    expect(peakRatio(alert('a', 'low', T))).toBe(10);
  });
});

describe('a watcher picture that left before a person acted', () => {
  // The alert as the log folds it: opened, then a person notes, snoozes and resolves it.
  const opened: AlertEvent = { alertId: 'a', at: T, type: 'opened', actor: 'system', severity: 'high' };
  const acts: AlertEvent[] = [
    { alertId: 'a', at: T + M, type: 'acknowledged', actor: 'li.wei' },
    { alertId: 'a', at: T + 2 * M, type: 'noted', actor: 'li.wei', note: 'courier app rollout paused' },
    { alertId: 'a', at: T + 3 * M, type: 'snoozed', actor: 'li.wei', until: T + 33 * M },
    { alertId: 'a', at: T + 4 * M, type: 'resolved', actor: 'li.wei', note: 'fixed' }
  ];
  const fold = (events: AlertEvent[]) => events.reduce((s, e) => { const r = applyEvent(s, e); if (!r.ok) throw new Error(r.error.message); return r.state; }, null as Alert['state'] | null)!;
  const picture = (n: number): Alert => ({ ...alert('a', 'high', T), stats: { ...alert('a', 'high', T).stats, updatedAt: T + 5 * M }, state: fold([opened, ...acts.slice(0, n)]) });

  it('keeps the person\'s actions the watcher had not folded in yet, on top of its newer numbers', () => {
    // The watcher scored a minute knowing of the acknowledgement only; the note, snooze and resolution were on their way.
    const r = rebase(picture(1), acts);
    expect(r.state).toEqual(fold([opened, ...acts]));
    expect(r.state.status).toBe('resolved');
    expect(r.stats.updatedAt).toBe(T + 5 * M);
  });
  it('changes nothing in a picture that holds them, and applies nothing twice', () => {
    const all = picture(4);
    expect(rebase(all, acts)).toBe(all);
    // holding the snooze means holding what came before it: only the resolution is added
    expect(rebase(picture(3), acts).state).toEqual(fold([opened, ...acts]));
    expect(rebase(rebase(picture(2), acts), acts).state).toEqual(fold([opened, ...acts]));
  });
  it('leaves alone what the engine did after the actions (it resolved the alert itself meanwhile)', () => {
    const bySystem = { ...picture(1), state: fold([opened, acts[0], { alertId: 'a', at: T + 5 * M, type: 'resolved', actor: 'system', note: 'back' }]) };
    const r = rebase(bySystem, acts);
    expect(r.state.resolvedBy).toBe('system');
    expect(r.state.notes.map((n) => n.note)).toEqual(['back']);
  });
});

describe('the on-call cue', () => {
  it('sounds for a new high or critical open alert, or one just raised to high; not for repeats or low ones', () => {
    const before = new Map([['x', alert('x', 'medium', T)], ['y', alert('y', 'high', T)]]);
    const cued = cueFor(before, [alert('n', 'critical', T), alert('x', 'high', T), alert('y', 'critical', T), alert('l', 'low', T), alert('k', 'high', T, 'acknowledged')]);
    expect(cued.map((a) => a.id)).toEqual(['n', 'x']);
  });
});

describe('drill-down series', () => {
  it('fills every minute, with the band only where the detector ran', () => {
    const pts = mergeSeries(T, T + 3 * M, [{ minute: T + M, observed: 9 }], [{ minute: T + M, expected: 2, lower: 0, upper: 5 }]);
    expect(pts).toEqual([
      { minute: T, observed: 0, expected: null, lower: null, upper: null },
      { minute: T + M, observed: 9, expected: 2, lower: 0, upper: 5 },
      { minute: T + 2 * M, observed: 0, expected: null, lower: null, upper: null }
    ]);
  });
  it('shows an hour before the alert and half an hour after it ended', () => {
    const a = alert('a', 'high', T, 'resolved', { resolvedAt: T + 20 * M });
    expect(seriesWindow(a, T + 5 * 60 * M)).toEqual({ from: T - 60 * M, to: T + 50 * M });
    expect(seriesWindow(alert('b', 'high', T), T + 10 * M + 5000)).toEqual({ from: T - 60 * M, to: T + 10 * M });
  });
});
