import { describe, expect, it } from 'vitest';
import { chunks, MINUTE, nextLook, planMinutes, readyUntil, windowDue } from './plan.ts';
import { loadWatchConfig, parseWebhooks } from './config.ts';

const T = Date.UTC(2026, 10, 23, 12, 0);

describe('ready minutes', () => {
  it('waits for a closed minute to settle', () => {
    expect(readyUntil(T + 5_000, 10_000, true, null)).toBe(T - MINUTE);
    expect(readyUntil(T + 10_000, 10_000, true, null)).toBe(T);
  });
  it('with a backlog, reads only minutes before the newest stored one', () => {
    expect(readyUntil(T + 20_000, 10_000, false, T - 60 * MINUTE)).toBe(T - 61 * MINUTE);
    expect(readyUntil(T + 20_000, 10_000, false, null)).toBe(-Infinity);
  });
});

describe('plan', () => {
  const base = { catchUpMin: 30, maxCatchUpMin: 120 };
  it('cold: learns history, scores the last minutes', () => {
    expect(planMinutes({ ...base, lastMinute: null, oldestStored: T - 1440 * MINUTE, ready: T })).toEqual({
      learn: [T - 1440 * MINUTE, T - 30 * MINUTE], observe: [T - 30 * MINUTE, T]
    });
  });
  it('cold without history waits', () => {
    expect(planMinutes({ ...base, lastMinute: null, oldestStored: null, ready: T })).toEqual({ learn: null, observe: null });
  });
  it('warm: scores every minute since the last, each once', () => {
    expect(planMinutes({ ...base, lastMinute: T - 3 * MINUTE, oldestStored: null, ready: T })).toEqual({ learn: null, observe: [T - 2 * MINUTE, T] });
    expect(planMinutes({ ...base, lastMinute: T - MINUTE, oldestStored: null, ready: T })).toEqual({ learn: null, observe: null });
  });
  it('after a long absence learns the old minutes instead of paging about them', () => {
    expect(planMinutes({ ...base, lastMinute: T - 600 * MINUTE, oldestStored: null, ready: T })).toEqual({
      learn: [T - 599 * MINUTE, T - 120 * MINUTE], observe: [T - 120 * MINUTE, T]
    });
  });
  it('cuts ranges into chunks', () => {
    expect(chunks([0, 5], 2)).toEqual([[0, 2], [2, 4], [4, 5]]);
  });
});

describe('webhook configuration', () => {
  const rule = { match: { topics: ['app'], minSeverity: 'high' }, channel: { kind: 'feishu', url: 'https://open.feishu.cn/hook/x', secret: 's' } };
  it('reads a JSON array or a file holding one', () => {
    expect(parseWebhooks(JSON.stringify([rule]))).toEqual([rule]);
    expect(parseWebhooks('/etc/voc/hooks.json', () => JSON.stringify([{ channel: { kind: 'json', url: 'http://x.test/h' } }]))).toEqual([{ match: {}, channel: { kind: 'json', url: 'http://x.test/h' } }]);
    expect(parseWebhooks('')).toEqual([]);
  });
  it('rejects unknown kinds and bad JSON with a reason', () => {
    expect(() => parseWebhooks('[{"channel":{"kind":"fax","url":"http://x"}}]')).toThrow(/channel.kind/);
    expect(() => parseWebhooks('[oops')).toThrow(/not valid JSON/);
  });
});

describe('sliding windows', () => {
  const S = 15_000, settle = 10_000;
  it('peeks every 15 s between closed minutes, once each, only with the detectors at the minute before', () => {
    // Minute T − 1 was scored at T + 10 s; the window [T − 45 s, T + 15 s) is due at T + 25 s.
    expect(windowDue(T + 24_999, settle, S, T - MINUTE, null)).toBeNull(); // the window ending at T is minute T − 1 itself
    expect(windowDue(T + 25_000, settle, S, T - MINUTE, null)).toBe(T + 15_000);
    expect(windowDue(T + 30_000, settle, S, T - MINUTE, T + 15_000)).toBeNull();
    expect(windowDue(T + 55_000, settle, S, T - MINUTE, T + 15_000)).toBe(T + 45_000);
    // Catching up (detectors behind), or switched off: no window.
    expect(windowDue(T + 25_000, settle, S, T - 2 * MINUTE, null)).toBeNull();
    expect(windowDue(T + 25_000, settle, 0, T - MINUTE, null)).toBeNull();
    expect(windowDue(T + 25_000, settle, S, null, null)).toBeNull();
  });
  it('wakes when the next window or minute has settled', () => {
    expect(nextLook(T + 25_000, settle, S)).toBe(T + 40_000);
    expect(nextLook(T + 24_000, settle, S)).toBe(T + 25_000);
    expect(nextLook(T + 24_000, settle, 0)).toBe(T + MINUTE + settle);
  });
  it('reads a window 2 s after it ends (it can only open an alert), a minute still 10 s after it closes', () => {
    const ws = 2_000;
    expect(windowDue(T + 16_999, ws, S, T - MINUTE, null)).toBeNull();
    expect(windowDue(T + 17_000, ws, S, T - MINUTE, null)).toBe(T + 15_000);
    expect(nextLook(T + 13_000, settle, S, ws)).toBe(T + 17_000);
    // The window ending on the minute is the minute itself: the next look is the minute's close + 10 s.
    expect(nextLook(T + 50_000, settle, S, ws)).toBe(T + MINUTE + settle);
    expect(nextLook(T + MINUTE + settle, settle, S, ws)).toBe(T + MINUTE + 17_000);
    expect(loadWatchConfig({}).WATCH_WINDOW_SETTLE_MS).toBe(ws);
    expect(loadWatchConfig({}).WATCH_SETTLE_MS).toBe(settle);
  });
  it('accepts only periods that divide a minute', () => {
    expect(loadWatchConfig({ WATCH_SLIDE_MS: '15000' }).WATCH_SLIDE_MS).toBe(15_000);
    expect(loadWatchConfig({}).WATCH_SLIDE_MS).toBe(15_000);
    expect(loadWatchConfig({ WATCH_SLIDE_MS: '0' }).WATCH_SLIDE_MS).toBe(0);
    expect(() => loadWatchConfig({ WATCH_SLIDE_MS: '25000' })).toThrow(/WATCH_SLIDE_MS/);
  });

  it('reads the measures to watch next to the complaint count', () => {
    expect(loadWatchConfig({}).WATCH_MEASURES).toEqual(['neg_share', 'sentiment', 'detractor_share', 'csat_low']);
    expect(loadWatchConfig({ WATCH_MEASURES: '' }).WATCH_MEASURES).toEqual([]);
    expect(loadWatchConfig({ WATCH_MEASURES: 'neg' }).WATCH_MEASURES).toEqual([]);
    expect(loadWatchConfig({ WATCH_MEASURES: ' neg_share ' }).WATCH_MEASURES).toEqual(['neg_share']);
    expect(() => loadWatchConfig({ WATCH_MEASURES: 'nps' })).toThrow(/unknown measure nps/);
    expect(loadWatchConfig({ WATCH_MEASURES: 'neg_share,neg_5m,neg_share_5m,sentiment_5m' }).WATCH_MEASURES).toEqual(['neg_share', 'neg_5m', 'neg_share_5m', 'sentiment_5m']);
    expect(() => loadWatchConfig({ WATCH_MEASURES: 'neg_10m' })).toThrow(/unknown measure neg_10m/);
    expect(loadWatchConfig({ WATCH_MEASURES: 'detractor_share,csat_low' }).WATCH_MEASURES).toEqual(['detractor_share', 'csat_low']);
  });
});
