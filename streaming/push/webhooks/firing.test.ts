import { describe, expect, it } from 'vitest';
import { durationReason, firingMinutes, reopenings, shownReasons } from './firing.ts';
import { reopenStory, T0 } from './test-alerts.ts';

const MIN = 60_000;

describe('how long a re-opened alert fired', () => {
  it('leaves out the quiet stretch between its automatic resolution and its re-opening', () => {
    // Fired at minute 0, quiet 1–55 (resolved at the close of 15), fired again at 56 and 57–61.
    const story = reopenStory(56, 5);
    expect(story.map((n) => n.kind)).toEqual(['opened', 'resolved', 'opened', 'resolved']);
    const back = story[2].kind === 'opened' ? story[2].alert : null;
    expect(back?.stats.durationMin).toBe(57);
    expect(reopenings(back!)).toEqual([{ at: T0 + 57 * MIN, resolvedAt: T0 + 16 * MIN, quietMin: 55 }]);
    expect(firingMinutes(back!)).toBe(2);
    const done = story[3].kind === 'resolved' ? story[3].alert : null;
    expect(done?.stats.durationMin).toBe(62);
    expect(firingMinutes(done!)).toBe(7);
  });

  it('is the whole span for an alert that never re-opened', () => {
    const [opened, resolved] = reopenStory(56);
    expect(opened.kind === 'opened' && reopenings(opened.alert)).toEqual([]);
    expect(resolved.kind === 'resolved' && firingMinutes(resolved.alert)).toBe(resolved.kind === 'resolved' && resolved.alert.stats.durationMin);
  });
});

describe('where the re-openings are read from', () => {
  const back = () => {
    const n = reopenStory(56, 5)[2];
    if (n.kind !== 'opened') throw new Error('expected the re-opening');
    return n.alert;
  };

  it('takes the engine\'s record, whatever its notes say', () => {
    const a = back();
    // The notes as a person or a later wording may leave them: nothing there to parse.
    const reworded = { ...a, state: { ...a.state, notes: a.state.notes.map((n) => ({ ...n, note: n.note.replace('fired again', 'back after') })) } };
    expect(reopenings(reworded)).toEqual([{ at: T0 + 57 * MIN, resolvedAt: T0 + 16 * MIN, quietMin: 55 }]);
    expect(firingMinutes(reworded)).toBe(2);
    expect(durationReason(reworded).en).toBe('Fired only briefly (2 min of firing, re-opened after a quiet 55 min)');
  });

  it('reads an alert stored before the engine kept the record off its notes, to the same minutes', () => {
    const a = back();
    const { reopenings: _kept, ...stats } = a.stats;
    const stored = { ...a, stats };
    expect(reopenings(stored)).toEqual(reopenings(a));
    expect(firingMinutes(stored)).toBe(2);
  });

  it('keeps a re-opening from before the record when the alert re-opens again', () => {
    const a = back();
    // Its first return happened under the old engine (no record), its second under the new one.
    const second = { at: T0 + 130 * MIN, resolvedAt: T0 + 100 * MIN, quietMin: 40 };
    const notes = [...a.state.notes, { at: second.at, actor: 'system', note: 'fired again 30 min after it was resolved / 解决 30 分钟后再次触发' }];
    const mixed = { ...a, state: { ...a.state, notes }, stats: { ...a.stats, durationMin: 140, reopenings: [second] } };
    expect(reopenings(mixed)).toEqual([{ at: T0 + 57 * MIN, resolvedAt: T0 + 16 * MIN, quietMin: 55 }, second]);
    expect(firingMinutes(mixed)).toBe(140 - 55 - 40);
  });
});

describe('the severity\'s duration line', () => {
  it('speaks in the past once the alert is resolved, with the minutes it lasted', () => {
    const [, resolved] = reopenStory(56);
    if (resolved.kind !== 'resolved') throw new Error('expected the resolution');
    // The engine's line, written while it was live.
    expect(resolved.alert.severityReasons.map((r) => r.en)).toContain('Just started (1 min)');
    const shown = shownReasons(resolved.alert);
    expect(shown.map((r) => r.en)).toContain('Short-lived (lasted 1 min)');
    expect(shown.map((r) => r.zh)).toContain('持续时间短（共持续 1 分钟）');
    expect(shown.map((r) => r.en).join('\n')).not.toMatch(/Just started/);
    expect(shown.map((r) => r.zh).join('\n')).not.toMatch(/刚开始/);
    // The other lines are the engine's.
    expect(shown[0]).toEqual(resolved.alert.severityReasons[0]);
  });

  it('counts a re-opened alert\'s firing minutes, not the quiet stretch, and names the stretch', () => {
    const back = reopenStory(56).find((n, i) => i > 0 && n.kind === 'opened');
    if (back?.kind !== 'opened') throw new Error('expected the re-opening');
    // The engine sizes it by its firing minutes from the re-opening on, not by its 57-min span.
    expect(back.alert.severityReasons.map((r) => r.en)).toContain('Just started (2 min)');
    // One more minute of the tail: no escalation for the quiet time (it used to go high → critical here).
    const story = reopenStory(56, 1);
    expect(story.map((n) => n.kind)).toEqual(['opened', 'resolved', 'opened', 'resolved']);
    const later = story.at(-1)!;
    if (later.kind === 'storm') throw new Error('no storm here');
    expect(later.alert.severity).toBe(back.alert.severity);
    expect(later.alert.severityReasons.map((r) => r.en)).toContain('Just started (3 min)');
    expect(durationReason(later.alert).en).toBe('Short-lived (fired 3 min in all, with a quiet 55 min in between)');
    expect(durationReason(back.alert)).toEqual({ en: 'Fired only briefly (2 min of firing, re-opened after a quiet 55 min)', zh: '触发时间短（累计触发 2 分钟，平静 55 分钟后重新打开）' });
    expect(shownReasons(back.alert).map((r) => r.en)).not.toContain('Going on for a while (57 min)');
  });
});
