import { describe, expect, it } from 'vitest';
import type { Alert, AlertEvent, SliceReading } from '../../../schemas/alerts.ts';
import { advanceAlerts, emptyEngineState, type EngineState, type Notification } from './engine.ts';

/**
 * Severity of an alert over its episodes: an incident on app.slow × East China, resolved by the engine
 * after its quiet period, whose tail fires again and re-opens the same alert (reopen.ts).
 */
const T0 = Date.UTC(2026, 0, 5, 12);
const MIN = 60_000;

const reading = (slice: string, observed: number, expected: number, score = 0.9): SliceReading =>
  ({ slice, observed, expected, lower: 0, upper: expected + 3 * Math.sqrt(expected + 1), score, surprise: 10 });
/** k × the incident on top of each slice's normal; `normal` scales what is expected (another hour). */
const incident = (k: number, normal = 1) => [
  reading('topic:app.slow', 50 * k + 5 * normal, 5 * normal), reading('topic:app.slow|region:east', 46 * k + 2 * normal, 2 * normal), reading('region:east', 48 * k + 30 * normal, 30 * normal)
];
const quiet = (normal = 1) => incident(0, normal).map((r) => ({ ...r, score: 0 }));

function story() {
  let state: EngineState = emptyEngineState();
  const events: AlertEvent[] = [], notes: Notification[] = [];
  let last: Alert | undefined;
  const run = (i: number, rs: SliceReading[]) => {
    const out = advanceAlerts(state, { minute: T0 + i * MIN, readings: new Map(rs.map((r) => [r.slice, r])), firings: rs.filter((r) => r.score >= 0.5) });
    state = out.state;
    events.push(...out.events);
    notes.push(...out.notifications);
    last = out.changed.at(-1) ?? last;
  };
  return { run, events, notes, alert: () => last! };
}

const en = (a: Alert) => a.severityReasons.map((r) => r.en);

describe('severity of a re-opened alert', () => {
  it('counts the minutes it fired, not the quiet stretch between its resolution and its return', () => {
    const s = story();
    s.run(0, incident(1));
    for (let i = 1; i < 56; i++) s.run(i, quiet());
    s.run(56, incident(0.5));
    for (let i = 57; i <= 60; i++) s.run(i, incident(0.5));
    const a = s.alert();
    expect(a.state.status).toBe('open');
    // Fired at 0 and 56–60: 6 minutes, though its span is 61 (55 quiet in between).
    // The return of a 1-min incident's half-size tail is no escalation: the old engine escalated it here,
    // sizing it by its span, 55 quiet minutes included.
    expect(s.notes.map((n) => n.kind)).toEqual(['opened', 'resolved', 'opened']);
    expect(s.events.filter((e) => e.type === 'escalated')).toEqual([]);
    expect(a.severity).toBe('high');
    expect(en(a)).toContain('Just started (6 min)');
    expect(a.severityReasons.map((r) => r.zh)).toContain('刚开始（6 分钟）');
    expect(a.stats.durationMin).toBe(61);
    expect(a.stats.reopenings).toEqual([{ at: T0 + 57 * MIN, resolvedAt: T0 + 16 * MIN, quietMin: 55 }]);
  });

  it('pages its return with this episode\'s reasons, not the first episode\'s', () => {
    const s = story();
    s.run(0, incident(0.5));
    for (let i = 1; i < 40; i++) s.run(i, quiet());
    // A bigger return than the first surge: 4× the excess.
    s.run(40, incident(2));
    const page = s.notes.at(-1)!;
    if (page.kind !== 'opened') throw new Error('expected the re-opening to page');
    expect(page.alert.state.status).toBe('open');
    // The headline, app.slow × East: 94 at the peak against 2 expected, 92 more a minute; the page said the
    // first episode's "13× normal, 23 more".
    expect(page.alert.stats.peakObserved).toBe(94);
    expect(page.alert.severityReasons[0].en).toBe('Huge: 47× normal, 92 more complaints a minute at the peak');
    expect(en(page.alert)).toContain('Just started (2 min)');
  });
});

describe('the "N× normal" of a long alert', () => {
  it('measures the peak against its own minute\'s expectation, not the latest minute\'s', () => {
    const s = story();
    // The headline, app.slow × East: 94 where 2 is normal (47×) …
    s.run(0, incident(2));
    // … then the evening's normal is 10× higher, and the alert goes on at a lower multiple.
    for (let i = 1; i <= 5; i++) s.run(i, incident(1, 10));
    const a = s.alert();
    // The old engine divided the peak by the latest minute's 20: "4.7× normal".
    expect(a.severityReasons[0].en).toBe('Huge: 47× normal, 92 more complaints a minute at the peak');
    expect(a.severityReasons[0].zh).toBe('规模极大：高峰时是正常的 47 倍，每分钟多出 92 条投诉');
    expect(a.stats.peakObserved).toBe(94);
    expect(a.stats.peakExpected).toBe(2);
    expect(a.stats.expected).toBe(20);
  });

  it('names the latest minute\'s multiple when that is the higher one, as the card does', () => {
    const s = story();
    // 112 at the busy hour's 20 (5.6×), then 40 where 2 is normal (20×): the peak count, not the peak multiple.
    s.run(0, incident(2, 10));
    s.run(1, incident(38 / 46));
    const a = s.alert();
    expect(a.stats.peakObserved).toBe(112);
    expect(a.stats.peakExpected).toBe(20);
    expect(a.severityReasons[0].en).toBe('Huge: 20× normal, 92 more complaints a minute at the peak');
  });

  it('keeps the expectation of the peak minute while later minutes stay below the peak', () => {
    const s = story();
    s.run(0, incident(1));
    s.run(1, incident(2, 3));
    s.run(2, incident(1.5, 2));
    expect(s.alert().stats.peakObserved).toBe(98);
    expect(s.alert().stats.peakExpected).toBe(6);
  });
});
