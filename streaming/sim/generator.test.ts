import { describe, expect, it } from 'vitest';
import { validateFeedback, type FeedbackInput } from '../../schemas/feedback.ts';
import { baselineShare, createGenerator } from './generator.ts';
import { DEFAULT_DECAY_MS, presetIncident } from './scenarios.ts';
import { shanghaiHour } from './world.ts';

const HOUR = 3_600_000;
const MIN = 60_000;
// 2026-11-23 00:00 Asia/Shanghai
const DAY0 = Date.UTC(2026, 10, 22, 16, 0);

// One simulated day at 1 msg/s (~86 k documents) shared by the distribution tests.
const day = createGenerator({ seed: 'day', now: DAY0 }).messagesBetween(DAY0, DAY0 + 24 * HOUR, 1);
const share = (docs: FeedbackInput[], pred: (d: FeedbackInput) => boolean) => docs.filter(pred).length / docs.length;
const tsOf = (d: FeedbackInput) => d.ts as number;

describe('simulated feed: shape of a day', () => {
  it('averages the requested rate over a day', () => {
    expect(day.length / 86_400).toBeGreaterThan(0.97);
    expect(day.length / 86_400).toBeLessThan(1.03);
  });

  it('is quiet at 04:00 and peaks in the evening (Asia/Shanghai)', () => {
    const inHour = (h: number) => day.filter((d) => Math.floor(shanghaiHour(tsOf(d))) === h).length;
    expect(inHour(20)).toBeGreaterThan(5 * inHour(4));
    expect(inHour(12)).toBeGreaterThan(3 * inHour(4));
    expect(inHour(20)).toBeGreaterThan(inHour(16));
  });

  it('orders timestamps inside the requested window', () => {
    const ts = day.map(tsOf);
    expect(ts.every((t, i) => t >= DAY0 && t < DAY0 + 24 * HOUR && (i === 0 || t >= ts[i - 1]))).toBe(true);
  });

  it('is mostly Chinese, a fifth English, a few mixed', () => {
    expect(share(day, (d) => d.meta?.sim_lang === 'zh')).toBeGreaterThan(0.72);
    expect(share(day, (d) => d.meta?.sim_lang === 'zh')).toBeLessThan(0.79);
    expect(share(day, (d) => d.meta?.sim_lang === 'en')).toBeGreaterThan(0.17);
    expect(share(day, (d) => d.meta?.sim_lang === 'en')).toBeLessThan(0.23);
    expect(share(day, (d) => d.meta?.sim_lang === 'mixed')).toBeGreaterThan(0.03);
    expect(share(day, (d) => d.meta?.sim_lang === 'mixed')).toBeLessThan(0.07);
  });

  it('writes Chinese in Han script, English in Latin script, and mixed with both', () => {
    const han = /\p{Script=Han}/u;
    const sample = (lang: string) => day.filter((d) => d.meta?.sim_lang === lang && d.meta?.sim_scenario !== 'noise').slice(0, 300);
    expect(sample('zh').every((d) => han.test(d.text))).toBe(true);
    expect(sample('en').filter((d) => han.test(d.text)).length).toBe(0);
    expect(sample('mixed').every((d) => han.test(d.text) && /[A-Za-z]{2,}/.test(d.text))).toBe(true);
  });

  it('is mostly negative with a quarter praise', () => {
    expect(share(day, (d) => d.meta?.sim_mood === 'negative')).toBeGreaterThan(0.55);
    expect(share(day, (d) => d.meta?.sim_mood === 'negative')).toBeLessThan(0.65);
    expect(share(day, (d) => d.meta?.sim_mood === 'positive')).toBeGreaterThan(0.2);
    expect(share(day, (d) => d.meta?.sim_mood === 'positive')).toBeLessThan(0.3);
  });

  it('gives survey answers scores that agree with the mood', () => {
    const surveys = day.filter((d) => d.channel === 'survey');
    expect(surveys.length).toBeGreaterThan(1000);
    expect(surveys.every((d) => d.scores?.nps !== undefined && d.scores?.csat !== undefined)).toBe(true);
    const mean = (mood: string) => {
      const s = surveys.filter((d) => d.meta?.sim_mood === mood);
      return s.reduce((acc, d) => acc + d.scores!.nps!, 0) / s.length;
    };
    expect(mean('negative')).toBeLessThan(4);
    expect(mean('positive')).toBeGreaterThan(8.5);
  });

  it('uses every channel and region, and call notes read like agents', () => {
    for (const c of ['app_review', 'in_app', 'chat', 'call', 'email', 'social', 'survey']) {
      expect(share(day, (d) => d.channel === c), c).toBeGreaterThan(0.03);
    }
    for (const r of ['east', 'north', 'south', 'central', 'west']) {
      expect(share(day, (d) => d.customer?.region === r), r).toBeGreaterThan(0.08);
    }
    const zhCalls = day.filter((d) => d.channel === 'call' && d.meta?.sim_lang === 'zh');
    expect(share(zhCalls, (d) => /来电|致电/.test(d.text))).toBe(1);
  });

  it('passes the ingestion contract for every document', () => {
    const invalid = day.filter((d) => !validateFeedback(d, DAY0 + 24 * HOUR, () => 'x').ok);
    expect(invalid).toEqual([]);
  });

  it('varies its texts', () => {
    const texts = day.slice(0, 2000).map((d) => d.text);
    expect(new Set(texts).size / texts.length).toBeGreaterThanOrEqual(0.9);
  });

  it('contains a little personal data, look-alike numbers, copy-paste campaigns and noise', () => {
    const pii = share(day, (d) => d.meta?.sim_pii !== undefined);
    expect(pii).toBeGreaterThan(0.005);
    expect(pii).toBeLessThan(0.06);
    const phones = day.filter((d) => d.meta?.sim_pii === 'phone');
    expect(phones.every((d) => /1[3-9]\d[ ]?\d{4}[ ]?\d{4}/.test(d.text))).toBe(true);
    // 19-digit order numbers with prices, in messages that hold no personal data
    expect(day.filter((d) => !d.meta?.sim_pii && /\d{19}/.test(d.text)).length).toBeGreaterThan(100);
    expect(day.filter((d) => /¥\d|\d元/.test(d.text)).length).toBeGreaterThan(100);
    const counts = new Map<string, number>();
    for (const d of day.filter((d) => d.meta?.sim_scenario === 'campaign')) counts.set(d.text, (counts.get(d.text) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeGreaterThan(20);
    expect(share(day, (d) => d.meta?.sim_scenario === 'advert')).toBeGreaterThan(0.001);
    expect(share(day, (d) => d.meta?.sim_scenario === 'noise')).toBeGreaterThan(0.002);
  });
});

describe('simulated feed: reproducibility', () => {
  const window = (seed: string, ids?: boolean) => createGenerator({ seed, ids }).messagesBetween(DAY0 + 19 * HOUR, DAY0 + 20 * HOUR, 2);

  it('replays the same documents for the same seed, and others for another seed', () => {
    const a = window('replay');
    expect(window('replay')).toEqual(a);
    expect(window('other').map((d) => d.text).slice(0, 50)).not.toEqual(a.map((d) => d.text).slice(0, 50));
  });

  it('numbers ids per seed, or leaves them to the ingestion when asked', () => {
    const a = window('ids');
    expect(a[0].id).toBe('sim-ids-0');
    expect(new Set(a.map((d) => d.id)).size).toBe(a.length);
    expect(window('ids', false).every((d) => d.id === undefined)).toBe(true);
  });

  it('advances a clock without gaps or overlaps', () => {
    const gen = createGenerator({ seed: 'clock', now: DAY0 });
    const docs = [...gen.advance(DAY0 + 10 * MIN, 5), ...gen.advance(DAY0 + 10 * MIN, 5), ...gen.advance(DAY0 + 20 * MIN, 5)];
    expect(docs.every((d, i) => i === 0 || tsOf(d) >= tsOf(docs[i - 1]))).toBe(true);
    expect(gen.count).toBe(docs.length);
    expect(docs.length).toBeGreaterThan(0.8 * 20 * 60 * 5 * 0.5);
  });
});

describe('simulated feed: incidents', () => {
  // Images break on Android in East China at 19:00 Shanghai; the fix ships at 19:30.
  const start = DAY0 + 19 * HOUR;
  const incident = presetIncident('images_slow_android_east', start, 30 * MIN, 'inc-1');
  const t0 = start - HOUR;
  const t1 = incident.end + 6 * HOUR;
  const RATE = 5;
  const withInc = createGenerator({ seed: 'inc', incidents: [incident] }).messagesBetween(t0, t1, RATE);
  const without = createGenerator({ seed: 'inc' }).messagesBetween(t0, t1, RATE);
  const isTarget = (d: FeedbackInput) =>
    d.meta?.sim_scenario === 'images_slow' && d.customer?.region === 'east' && d.meta?.platform === 'android';
  const count = (docs: FeedbackInput[], from: number, to: number, pred = isTarget) =>
    docs.filter((d) => tsOf(d) >= from && tsOf(d) < to && pred(d)).length;

  it('raises its scenario in its slice by about the multiplier', () => {
    const from = start + 5 * MIN;
    const during = count(withInc, from, incident.end);
    const base = count(without, from, incident.end);
    expect(base).toBeGreaterThan(3);
    expect(during / base).toBeGreaterThan(incident.multiplier * 0.5);
    expect(during / base).toBeLessThan(incident.multiplier * 2);
    expect(withInc.filter((d) => d.meta?.sim_incident === 'inc-1').every(isTarget)).toBe(true);
  });

  it('matches the expected excess computed from the baseline share', () => {
    const expectedBase = baselineShare('images_slow', incident.slice) * RATE * 2 * 25 * 60; // rhythm ≈ 2 at 19:00
    const base = count(without, start + 5 * MIN, incident.end);
    expect(base).toBeGreaterThan(expectedBase * 0.4);
    expect(base).toBeLessThan(expectedBase * 2.5);
  });

  it('leaves other slices alone', () => {
    const west = (d: FeedbackInput) => d.meta?.sim_scenario === 'images_slow' && d.customer?.region === 'west';
    const a = count(withInc, start, incident.end, west);
    const b = count(without, start, incident.end, west);
    expect(Math.abs(a - b)).toBeLessThanOrEqual(Math.max(6, 0.5 * b));
  });

  it('fades after the fix, back to baseline within hours', () => {
    const excess = (from: number) => count(withInc, from, from + 30 * MIN) - count(without, from, from + 30 * MIN);
    const justAfter = excess(incident.end);
    const later = excess(incident.end + DEFAULT_DECAY_MS);
    expect(justAfter).toBeGreaterThan(later);
    const farFrom = incident.end + 4 * HOUR;
    const far = count(withInc, farFrom, farFrom + 2 * HOUR);
    const farBase = count(without, farFrom, farFrom + 2 * HOUR);
    expect(far).toBeLessThanOrEqual(farBase * 1.5 + 5);
    expect(withInc.filter((d) => d.meta?.sim_incident && tsOf(d) > incident.end + 10 * DEFAULT_DECAY_MS)).toEqual([]);
  });

  it('brings praise for the fix from the slice once it ships, and none before', () => {
    const praise = withInc.filter((d) => d.meta?.sim_relief === 'inc-1');
    expect(praise.length).toBeGreaterThan(10);
    expect(praise.every((d) => tsOf(d) >= incident.end && d.meta?.sim_scenario === 'praise_images_fast' && d.meta?.sim_mood === 'positive')).toBe(true);
    expect(praise.every((d) => d.customer?.region === 'east' && d.meta?.platform === 'android')).toBe(true);
    // Drawn apart: every other document is the one the feed would have had without the praise.
    const strip = (docs: FeedbackInput[]) => docs.filter((d) => !d.meta?.sim_relief).map((d) => [d.ts, d.text, d.channel]);
    const noRelief = createGenerator({ seed: 'inc', incidents: [{ ...incident, relief: undefined }] }).messagesBetween(t0, t1, RATE);
    expect(strip(withInc)).toEqual(strip(noRelief));
  });
});

describe('simulated feed: an incident in the backfilled past', () => {
  // The demo's history: the backfill starts inside an incident that began days earlier and was fixed
  // before the live feed; advancing through the history in slices, as the runner does, must show it at
  // full strength from the first backfilled hour and only until its fix.
  const backfillFrom = DAY0 - 2 * 24 * HOUR;
  const incident = presetIncident('images_slow_android_east', backfillFrom - 5 * 24 * HOUR, 6 * 24 * HOUR, 'past');
  const gen = createGenerator({ seed: 'past', now: backfillFrom, incidents: [incident] });
  const docs: FeedbackInput[] = [];
  for (let t = backfillFrom; t < DAY0; t += 10 * MIN) docs.push(...gen.advance(t + 10 * MIN, 2));
  const base = createGenerator({ seed: 'past', now: backfillFrom }).messagesBetween(backfillFrom, DAY0, 2);
  const slow = (d: FeedbackInput) => d.meta?.sim_scenario === 'images_slow' && d.customer?.region === 'east' && d.meta?.platform === 'android';
  const count = (ds: FeedbackInput[], from: number, to: number) => ds.filter((d) => tsOf(d) >= from && tsOf(d) < to && slow(d)).length;

  it('is at full strength from the first backfilled hours until the fix, and gone a few hours after', () => {
    const first = count(docs, backfillFrom, backfillFrom + 12 * HOUR) / Math.max(1, count(base, backfillFrom, backfillFrom + 12 * HOUR));
    expect(first).toBeGreaterThan(incident.multiplier * 0.5);
    const later = incident.end + 4 * HOUR;
    expect(count(docs, later, DAY0)).toBeLessThanOrEqual(count(base, later, DAY0) * 1.5 + 5);
    expect(docs.some((d) => d.meta?.sim_incident === 'past' && tsOf(d) < incident.end)).toBe(true);
    expect(docs.filter((d) => d.meta?.sim_incident && tsOf(d) > incident.end + 10 * DEFAULT_DECAY_MS)).toEqual([]);
  });
});

describe('simulated feed: an incident of a given size', () => {
  // 12 extra messages a minute at 04:00 Shanghai (the quietest hour) on a 1 msg/s feed.
  const start = DAY0 + 4 * HOUR;
  const incident = { ...presetIncident('images_slow_android_east', start, 30 * MIN, 'abs'), rampMs: 0, perMinute: 12 };
  const docs = createGenerator({ seed: 'abs', incidents: [incident] }).messagesBetween(start, incident.end, 1);

  it('adds about that many messages a minute, whatever the hour and rate', () => {
    const extra = docs.filter((d) => d.meta?.sim_incident === 'abs').length;
    expect(extra).toBeGreaterThan(12 * 30 * 0.8);
    expect(extra).toBeLessThan(12 * 30 * 1.2);
    expect(extra).toBeGreaterThan(docs.length - extra);
  });
});
