import { describe, expect, it } from 'vitest';
import type { SliceReading } from '../../../schemas/alerts.ts';
import { explainedByPlace, placeExplains, placeOf, topicContributions } from './cofire.ts';
import { advanceAlerts, emptyEngineState, peekAlerts, type EngineState, type MinuteInput } from './engine.ts';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 5, 12);
const reading = (slice: string, observed: number, expected: number, surprise = 10): SliceReading =>
  ({ slice, observed, expected, lower: 0, upper: expected + 3 * Math.sqrt(expected + 1), score: 0.9, surprise });
/** A look: `firings` fire, `others` are read but below the gates. */
const look = (i: number, firings: SliceReading[], others: SliceReading[] = []): MinuteInput =>
  ({ minute: T0 + i * MIN, readings: new Map([...firings, ...others].map((r) => [r.slice, r])), firings });

// An iOS payment failure: most complaints tagged payment.failed, others (different messages) app.slow.
const pay = reading('topic:payment.failed|platform:ios', 60, 5);
const payAll = reading('topic:payment.failed', 70, 15);
const slowIos = reading('topic:app.slow|platform:ios', 25, 5);
const slowAll = reading('topic:app.slow', 35, 12);

describe('place of an alert and what it explains', () => {
  it('is the headline without its topic, and only for a topic with a place', () => {
    expect(placeOf('topic:payment.failed|platform:ios')).toEqual({ platform: 'ios' });
    expect(placeOf('topic:payment.failed')).toBeNull();
    expect(placeOf('platform:ios')).toBeNull();
  });

  it('explains another topic whose excess lies mostly in the place', () => {
    const readings = new Map([[slowIos.slice, slowIos]]);
    expect(explainedByPlace(slowIos, pay.slice, ['payment.failed'], readings)).toBe(true);
    // app.slow everywhere: 20 of its 23 excess on iOS
    expect(explainedByPlace(slowAll, pay.slice, ['payment.failed'], readings)).toBe(true);
    // a spike of app.slow elsewhere: only 4 of its excess on iOS
    expect(explainedByPlace(slowAll, pay.slice, ['payment.failed'], new Map([[slowIos.slice, reading(slowIos.slice, 9, 5)]]))).toBe(false);
    // unknown narrowing (no reading): not explained
    expect(explainedByPlace(slowAll, pay.slice, ['payment.failed'], new Map())).toBe(false);
  });

  it('needs a live member in the place with at least the firing excess', () => {
    const readings = new Map([[pay.slice, pay], [slowIos.slice, slowIos]]);
    expect(placeExplains(slowIos, [{ slice: payAll.slice }, { slice: pay.slice }], readings, () => true)).toBe(true);
    expect(placeExplains(slowIos, [{ slice: payAll.slice }, { slice: pay.slice }], readings, () => false)).toBe(false);
    expect(placeExplains(slowIos, [{ slice: payAll.slice }], new Map([[payAll.slice, payAll], [slowIos.slice, slowIos]]), () => true)).toBe(false);
    expect(placeExplains(reading(slowIos.slice, 90, 5), [{ slice: pay.slice }], readings, () => true)).toBe(false);
  });

  it('leaves the same or a nested topic, and a contradicting place, to the other rules', () => {
    const r = new Map<string, SliceReading>();
    expect(explainedByPlace(reading('topic:payment|platform:ios', 50, 5), pay.slice, ['payment.failed'], r)).toBe(false);
    expect(explainedByPlace(reading('topic:app.slow|platform:android', 50, 5), pay.slice, ['payment.failed'], r)).toBe(false);
  });

  it('splits the excess by topic, the member in the place first', () => {
    const c = topicContributions(pay.slice, [
      { slice: pay.slice, peakExcess: 55 }, { slice: payAll.slice, peakExcess: 55 },
      { slice: slowIos.slice, peakExcess: 20 }, { slice: slowAll.slice, peakExcess: 23 }, { slice: 'platform:ios', peakExcess: 80 }
    ]);
    expect(c.map((x) => [x.dimension, x.value, x.excess])).toEqual([['topic', 'payment.failed', 55], ['topic', 'app.slow', 20]]);
    expect(c[0].share + c[1].share).toBeCloseTo(1);
    expect(topicContributions(pay.slice, [{ slice: pay.slice, peakExcess: 55 }, { slice: payAll.slice, peakExcess: 60 }])).toEqual([]);
  });
});

describe('one incident scattered over topics pages once', () => {
  const opened = (): EngineState => {
    const s = advanceAlerts(emptyEngineState(), look(0, [pay, payAll])).state;
    expect(s.active).toHaveLength(1);
    return s;
  };

  it('joins a co-firing topic slice in the alert place, with a topic breakdown', () => {
    const out = advanceAlerts(opened(), look(2, [pay, slowIos, slowAll]));
    expect(out.state.active).toHaveLength(1);
    expect(out.events.filter((e) => e.type === 'opened')).toHaveLength(0);
    const a = out.state.active[0];
    expect(a.members.map((m) => m.slice)).toEqual(expect.arrayContaining([slowIos.slice, slowAll.slice]));
    expect(a.contributions.filter((c) => c.dimension === 'topic').map((c) => c.value)).toEqual(['payment.failed', 'app.slow']);
  });

  it('joins a bare topic whose excess lies in the place, also from a sliding window', () => {
    const defect = reading('topic:product.defect', 30, 10);
    const inPlace = reading('topic:product.defect|platform:ios', 22, 4);
    expect(advanceAlerts(opened(), look(3, [pay, defect], [inPlace])).state.active).toHaveLength(1);
    const w = peekAlerts(opened(), { ...look(3, [pay, defect, reading('topic:product.defect|channel:app', 30, 10)], [inPlace]), at: T0 + 3 * MIN + 15_000 });
    expect(w.changed).toHaveLength(0);
  });

  it('takes the place from any live member, not only the headline', () => {
    // the headline is the parent topic (no place); its member payment.failed × iOS gives the place
    const parent = reading('topic:payment', 120, 20);
    let s = advanceAlerts(emptyEngineState(), look(0, [parent, payAll, pay])).state;
    expect(s.active[0].slice).toBe('topic:payment');
    s = advanceAlerts(s, look(4, [parent, pay, slowIos])).state;
    expect(s.active).toHaveLength(1);
  });

  it('folds two groups of one look into one alert', () => {
    const out = advanceAlerts(emptyEngineState(), look(0, [pay, payAll, slowIos, slowAll]));
    expect(out.state.active).toHaveLength(1);
    expect(out.notifications.filter((n) => n.kind === 'opened')).toHaveLength(1);
  });

  it('is off with cofire: null', () => {
    expect(advanceAlerts(emptyEngineState(), look(0, [pay, payAll, slowIos, slowAll]), { cofire: null }).state.active).toHaveLength(2);
  });
});

describe('two incidents on one platform stay two alerts', () => {
  it('when the second begins after withinMin minutes', () => {
    let s = emptyEngineState();
    for (let i = 0; i < 20; i++) s = advanceAlerts(s, look(i, [pay, payAll])).state;
    const out = advanceAlerts(s, look(20, [pay, slowIos, slowAll]));
    expect(out.state.active).toHaveLength(2);
  });

  it('when the first no longer fires', () => {
    let s = advanceAlerts(emptyEngineState(), look(0, [pay, payAll])).state;
    const calm = reading(pay.slice, 6, 5);
    s = advanceAlerts(s, look(1, [], [calm])).state;
    const out = advanceAlerts(s, look(2, [slowIos, slowAll], [calm]));
    expect(out.state.active).toHaveLength(2);
  });

  it('when the new topic spikes mostly outside the place', () => {
    const s = advanceAlerts(emptyEngineState(), look(0, [pay, payAll])).state;
    const out = advanceAlerts(s, look(2, [pay, slowAll, reading('topic:app.slow|region:east', 30, 5)], [reading(slowIos.slice, 8, 5)]));
    expect(out.state.active).toHaveLength(2);
  });

  it('when the new spike on the platform is larger than what pages', () => {
    const s = advanceAlerts(emptyEngineState(), look(0, [pay, payAll])).state;
    const loginIos = reading('topic:account.login|platform:ios', 140, 10), loginAll = reading('topic:account.login', 150, 20);
    expect(advanceAlerts(s, look(2, [pay, loginIos, loginAll])).state.active).toHaveLength(2);
  });

  it('when two blips on one platform would only confirm each other', () => {
    // two lone firings, neither surprising enough to open on its own: no alert, as before
    const a = reading('topic:payment.failed|platform:ios', 20, 5, 4), b = reading('topic:app.slow|platform:ios', 18, 5, 4);
    expect(advanceAlerts(emptyEngineState(), look(0, [a, b])).state.active).toHaveLength(0);
  });
});
