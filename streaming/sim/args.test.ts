import { describe, expect, it } from 'vitest';
import { parseArgs } from './args.ts';

const NOW = Date.UTC(2026, 10, 23, 11, 0);

describe('simulator arguments', () => {
  it('defaults to 20 msgs/s forever with the demo schedule', () => {
    const a = parseArgs([], NOW);
    expect(a.rate).toBe(20);
    expect(a.durationS).toBe(Infinity);
    expect(a.backfillHours).toBe(0);
    expect(a.incidents.length).toBeGreaterThan(0);
    expect(a.incidents[0].start).toBeGreaterThan(NOW);
    expect(a.incidents[0].start - NOW).toBeLessThanOrEqual(10 * 60_000);
  });

  it('parses rates, seeds, durations and backfill in both flag forms', () => {
    const a = parseArgs(['--rate', '500', '--seed=abc', '--duration', '60', '--backfill-hours', '6', '--flat'], NOW);
    expect(a).toMatchObject({ rate: 500, seed: 'abc', durationS: 60, backfillHours: 6, flat: true, backfillFullHours: 0 });
    expect(parseArgs(['--backfill-hours', '26', '--backfill-full-hours=3'], NOW).backfillFullHours).toBe(3);
  });

  it('rejects rates outside 1–5000 and unknown flags', () => {
    expect(() => parseArgs(['--rate', '0'], NOW)).toThrow(/--rate/);
    expect(() => parseArgs(['--rate', '5001'], NOW)).toThrow(/--rate/);
    expect(() => parseArgs(['--rate'], NOW)).toThrow(/--rate/);
    expect(() => parseArgs(['--speed', '3'], NOW)).toThrow(/unknown option/);
  });

  it('places incidents relative to now with a default 20-minute duration', () => {
    const a = parseArgs(['--incident', 'images_slow_android_east@5', '--incident', 'payment_failed_ios@30:10'], NOW);
    expect(a.incidents).toHaveLength(2);
    expect(a.incidents[0]).toMatchObject({ scenario: 'images_slow', start: NOW + 5 * 60_000, end: NOW + 25 * 60_000 });
    expect(a.incidents[0].slice).toEqual({ region: 'east', platform: 'android' });
    expect(a.incidents[1]).toMatchObject({ scenario: 'payment_failed', start: NOW + 30 * 60_000, end: NOW + 40 * 60_000 });
  });

  it('places an incident in the backfilled past with negative minutes', () => {
    const a = parseArgs(['--incident', 'images_slow_android_east@-14400:10080', '--incident', 'payment_failed_ios@45:8'], NOW);
    expect(a.incidents[0]).toMatchObject({ scenario: 'images_slow', start: NOW - 10 * 86_400_000, end: NOW - 3 * 86_400_000 });
    expect(a.incidents[1]).toMatchObject({ start: NOW + 45 * 60_000, end: NOW + 53 * 60_000 });
    expect(() => parseArgs(['--incident', 'images_slow_android_east@-5:-3'], NOW)).toThrow(/must look like/);
  });

  it('takes an absolute size in extra messages a minute', () => {
    const [a] = parseArgs(['--incident', 'payment_failed_ios@45:8+10/min'], NOW).incidents;
    expect(a).toMatchObject({ scenario: 'payment_failed', start: NOW + 45 * 60_000, end: NOW + 53 * 60_000, perMinute: 10 });
    expect(parseArgs(['--incident', 'payment_failed_ios@45'], NOW).incidents[0].perMinute).toBeUndefined();
    expect(() => parseArgs(['--incident', 'payment_failed_ios@45+0/min'], NOW)).toThrow(/positive/);
  });

  it('turns incidents off with "none" and rejects unknown or malformed ones', () => {
    expect(parseArgs(['--incident', 'none'], NOW).incidents).toEqual([]);
    expect(() => parseArgs(['--incident', 'aliens@5'], NOW)).toThrow(/unknown incident/);
    expect(() => parseArgs(['--incident', 'images_slow_android_east'], NOW)).toThrow(/must look like/);
  });
});
