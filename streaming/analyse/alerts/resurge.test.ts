import { describe, expect, it } from 'vitest';
import { isNewSurge, RESURGE_DEFAULTS, trackSurge, type SurgeReading, type SurgeTrack } from './resurge.ts';

const S = 'topic:app.slow|platform:android';
const o = RESURGE_DEFAULTS;

/** Feeds excess values (one per minute, `fired` unless listed in `quiet`) and returns which minutes resurged. */
function feed(excess: number[], fired: (i: number) => boolean = () => true, slice = (_i: number) => S): { resurged: number[]; track: SurgeTrack | undefined } {
  let track: SurgeTrack | undefined;
  const resurged: number[] = [];
  excess.forEach((x, i) => {
    const r = trackSurge(track, { slice: slice(i), excess: x, fired: fired(i) }, o);
    track = r.track;
    if (r.resurged) resurged.push(i);
  });
  return { resurged, track };
}

/** A ×6 incident on a slice of 25 a minute: ramp, plateau, 40-min fade (as streaming/sim), then `after`. */
const firstIncident = (after: number[]) => [20, 60, 125, ...Array(30).fill(125), ...Array.from({ length: 45 }, (_, i) => Math.round(125 * Math.exp(-(i + 1) / 40))), ...after];

describe('a new surge on an open alert', () => {
  it('pages once for a second incident on the tail of the first', () => {
    // 45 min into the fade the tail sits near 40 (a third of the peak): a second incident adds 70 more.
    const { resurged } = feed(firstIncident([110, 110, 110, 110, 110]));
    expect(resurged).toEqual([78]);
  });

  it('does not page for one long incident that wobbles on its plateau', () => {
    const wobbly = [20, 60, 125, ...Array.from({ length: 60 }, (_, i) => 125 + (i % 7 === 0 ? -70 : i % 5 === 0 ? 40 : 0))];
    expect(feed(wobbly).resurged).toEqual([]);
  });

  it('does not page for a dip shorter than the calm period, however deep', () => {
    const dip = [20, 60, 125, 125, 125, ...Array(o.calmMin - 1).fill(5), 125, 125];
    expect(feed(dip).resurged).toEqual([]);
  });

  it('does not page for the tail\'s own noise: a rise under twice the settled level plus the margin', () => {
    // Settled near 43: 85 is a blip of the tail, 110 is not.
    const tail = firstIncident([]);
    expect(feed([...tail, 85]).resurged).toEqual([]);
    expect(feed([...tail, 110]).resurged).toEqual([tail.length]);
  });

  it('needs the alert to fire: a rise the watcher did not flag pages nothing', () => {
    const ex = firstIncident([110, 110]);
    expect(feed(ex, (i) => i < 78).resurged).toEqual([]);
  });

  it('a new headline starts a new track: the change alone pages nothing', () => {
    const ex = firstIncident([110, 110]);
    expect(feed(ex, () => true, (i) => (i < 78 ? S : 'topic:app.slow')).resurged).toEqual([]);
  });

  it('pages again for a third incident once the second has subsided in turn', () => {
    const secondFade = Array.from({ length: 40 }, (_, i) => Math.round(110 * Math.exp(-(i + 1) / 10)));
    const { resurged } = feed(firstIncident([110, ...secondFade, 110, 110]));
    expect(resurged).toEqual([78, 78 + 41]);
  });

  it('tells without changing the track', () => {
    const { track } = feed(firstIncident([]));
    const r: SurgeReading = { slice: S, excess: 110, fired: true };
    expect(isNewSurge(track, r)).toBe(true);
    expect(isNewSurge(track, { ...r, fired: false })).toBe(false);
    expect(isNewSurge(undefined, r)).toBe(false);
  });
});
