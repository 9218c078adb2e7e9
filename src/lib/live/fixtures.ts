import type { Bucket, LiveSnapshot, TickerItem } from '../../../schemas/live.ts';

/** Builders for the unit tests; real data comes from the server. */
export const T0 = Date.UTC(2026, 10, 23, 8, 0, 0);
export const min = (i: number): number => T0 + i * 60_000;

export const bucket = (minute: number, n: number, neg = 0, sentimentSum = 0, pos = 0): Bucket => ({
  minute,
  n,
  neg,
  pos,
  sentimentSum
});

export const item = (id: string, ts: number, extra: Partial<TickerItem> = {}): TickerItem => ({
  id,
  ts,
  channel: 'app_review',
  region: 'east',
  lang: 'en',
  text: `message ${id}`,
  sentiment: -0.5,
  label: 'negative',
  topics: ['delivery.late'],
  ...extra
});

export const snapshot = (over: Partial<LiveSnapshot> = {}): LiveSnapshot => ({
  serverTime: min(10) + 30_000,
  windowMinutes: 60,
  series: {},
  usualPerMinute: null,
  ticker: [],
  pipeline: { lastStoredAt: min(10), backlog: 0, oldestWaitingAt: null },
  ...over
});
