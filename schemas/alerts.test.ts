import { describe, expect, it } from 'vitest';
import { advanceAlerts, emptyEngineState } from '../streaming/analyse/alerts/engine.ts';
import { backInBandNote, noteText, type SliceReading } from './alerts.ts';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 5, 2);
const reading = (slice: string, observed: number, expected: number, score: number): SliceReading =>
  ({ slice, observed, expected, lower: 0, upper: expected + 3, score, surprise: score ? 8 : 0 });

describe('system notes in the viewer\'s language', () => {
  it('the automatic resolution note reads in one language, not "en / zh"', () => {
    // an alert that opens, then stays inside its band until it resolves by itself
    let state = emptyEngineState();
    const fire = [reading('topic:app.slow', 40, 5, 0.99), reading('topic:app.slow|region:east', 35, 2, 0.99), reading('region:east', 60, 30, 0.9)];
    const quiet = [reading('topic:app.slow', 5, 5, 0), reading('topic:app.slow|region:east', 2, 2, 0), reading('region:east', 30, 30, 0)];
    let note: string | undefined;
    for (let i = 0; i < 40 && note === undefined; i++) {
      const rs = i < 2 ? fire : quiet;
      const out = advanceAlerts(state, { minute: T0 + i * MIN, firings: rs.filter((r) => r.score >= 0.5), readings: new Map(rs.map((r) => [r.slice, r])) });
      state = out.state;
      note = out.events.find((e) => e.type === 'resolved')?.note;
    }
    expect(note).toBeDefined();
    // stored as both languages apart, so each viewer gets one (and a webhook reader can pick)
    expect(JSON.parse(note!)).toEqual({ en: 'back within the expected band for 15 min', zh: '已连续 15 分钟回到正常范围' });
    expect(noteText(note!, 'en')).toBe('back within the expected band for 15 min');
    expect(noteText(note!, 'zh')).toBe('已连续 15 分钟回到正常范围');
  });

  it('keeps notes stored before readable: the old bilingual note splits, people\'s notes stay as written', () => {
    const old = 'back within the expected band for 15 min / 已连续 15 分钟回到正常范围';
    expect(noteText(old, 'en')).toBe('back within the expected band for 15 min');
    expect(noteText(old, 'zh')).toBe('已连续 15 分钟回到正常范围');
    for (const mine of ['CDN 节点故障 / rolled back', '{not json', '{"en":"x"}', '{"en":"a","zh":"b","x":1}', '']) {
      expect(noteText(mine, 'en')).toBe(mine);
      expect(noteText(mine, 'zh')).toBe(mine);
    }
    expect(noteText(backInBandNote(30), 'en')).toBe('back within the expected band for 30 min');
  });
});
