import { describe, expect, it } from 'vitest';
import type { SliceReading } from '../../../schemas/alerts.ts';
import { advanceAlerts, emptyEngineState, foldExternalEvent, type MinuteInput } from './engine.ts';

/** People's actions, stored by a web node, reach the engine: acknowledged alerts update quietly, resolved ones leave. */
const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 5, 12);
const reading = (slice: string, observed: number, expected: number): SliceReading =>
  ({ slice, observed, expected, lower: 0, upper: expected + 3 * Math.sqrt(expected + 1), score: 0.9, surprise: 10 });
const minute = (i: number, k: number): MinuteInput => {
  const rs = [reading('topic:app.slow', 10 * k + 5, 5), reading('topic:app.slow|region:east', 9 * k + 2, 2)];
  return { minute: T0 + i * MIN, readings: new Map(rs.map((r) => [r.slice, r])), firings: rs };
};

describe('an ongoing alert absorbs related firings whatever their order', () => {
  it('"app.slow" joins an alert on "region:east" through "app.slow × east" firing in the same minute', () => {
    const first = advanceAlerts(emptyEngineState(), {
      minute: T0, readings: new Map([['region:east', reading('region:east', 40, 20)]]),
      firings: [reading('region:east', 40, 20)]
    });
    expect(first.state.active).toHaveLength(1);
    // Largest excess first: the topic-wide slice comes before the one that links it to the alert.
    const firings = [reading('topic:app.slow', 30, 3), reading('topic:app.slow|region:east', 25, 1), reading('region:east', 45, 20)];
    const next = advanceAlerts(first.state, { minute: T0 + MIN, readings: new Map(firings.map((r) => [r.slice, r])), firings });
    expect(next.state.active).toHaveLength(1);
    expect(next.state.active[0].members.map((m) => m.slice).sort()).toEqual(['region:east', 'topic:app.slow', 'topic:app.slow|region:east']);
  });
});

describe('actions folded into the engine', () => {
  it('an acknowledged alert keeps updating and escalating but pages nobody', () => {
    let out = advanceAlerts(emptyEngineState(), minute(0, 1));
    const id = out.state.active[0].id;
    const ack = foldExternalEvent(out.state, { alertId: id, at: T0 + 90_000, type: 'acknowledged', actor: 'ops-lee' });
    expect(ack.changed?.state.status).toBe('acknowledged');
    // The same event again (a second delivery) changes nothing.
    expect(foldExternalEvent(ack.state, { alertId: id, at: T0 + 90_000, type: 'acknowledged', actor: 'ops-lee' }).changed).toBeNull();
    let state = ack.state;
    const notes = [];
    for (let i = 1; i < 30; i++) {
      out = advanceAlerts(state, minute(i, 20));
      state = out.state;
      notes.push(...out.notifications);
    }
    const a = state.active[0];
    expect(a.id).toBe(id);
    expect(a.state.status).toBe('acknowledged');
    expect(a.severity).not.toBe('low');
    expect(notes).toEqual([]);
  });

  it('a hand-resolved alert leaves the active set; later firings open a new alert', () => {
    const out = advanceAlerts(emptyEngineState(), minute(0, 1));
    const id = out.state.active[0].id;
    const r = foldExternalEvent(out.state, { alertId: id, at: T0 + 90_000, type: 'resolved', actor: 'ops-lee' });
    expect(r.state.active).toEqual([]);
    expect(foldExternalEvent(r.state, { alertId: id, at: T0 + 99_000, type: 'noted', actor: 'x', note: 'late' }).changed).toBeNull();
    const next = advanceAlerts(r.state, minute(1, 1));
    expect(next.state.active.map((a) => a.id)).not.toContain(id);
  });
});
