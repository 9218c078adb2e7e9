import type { Bucket, BucketUpsert, LiveSnapshot, LiveUpdate, PipelineHealth, SeriesKey, TickerItem } from '../../../schemas/live.ts';

export const MINUTE = 60_000;
/** The wall never shows more than this many ticker items; the rest is memory we would only leak. */
export const TICKER_KEEP = 40;

/**
 * What the wall knows, rebuilt from a snapshot and patched by updates. Immutable on purpose: every
 * change yields a new object, so a `$state.raw` holder re-derives everything without deep proxies.
 */
export interface LiveData {
  /** server clock at the last message, epoch ms */
  serverTime: number;
  windowMinutes: number;
  /** buckets per series, ascending by minute, at most one per minute */
  series: Record<SeriesKey, Bucket[]>;
  usualPerMinute: number | null;
  pipeline: PipelineHealth;
  /** newest first */
  ticker: TickerItem[];
}

export const minuteOf = (ts: number): number => Math.floor(ts / MINUTE) * MINUTE;

export function fromSnapshot(snapshot: LiveSnapshot): LiveData {
  const series: Record<SeriesKey, Bucket[]> = {};
  for (const [key, buckets] of Object.entries(snapshot.series)) {
    // The server sends one bucket per minute already; going through upsert keeps that an invariant
    // here even if a snapshot ever repeats a minute.
    let list: Bucket[] = [];
    for (const b of buckets) list = upsertBucket(list, b);
    series[key] = list;
  }
  return prune({
    serverTime: snapshot.serverTime,
    windowMinutes: snapshot.windowMinutes,
    series,
    usualPerMinute: snapshot.usualPerMinute,
    pipeline: snapshot.pipeline,
    ticker: mergeTicker([], snapshot.ticker)
  });
}

export function applyUpdate(data: LiveData, update: LiveUpdate): LiveData {
  const series = { ...data.series };
  for (const { key, bucket } of update.upserts) series[key] = upsertBucket(series[key] ?? [], bucket);
  return prune({
    ...data,
    // An update delayed in a buffer must not move the clock backwards.
    serverTime: Math.max(data.serverTime, update.serverTime),
    series,
    usualPerMinute: update.usualPerMinute,
    pipeline: update.pipeline,
    ticker: mergeTicker(data.ticker, update.ticker)
  });
}

/** Replaces the bucket of the same minute (never adds to it): updates carry totals, not increments. */
export function upsertBucket(list: readonly Bucket[], bucket: Bucket): Bucket[] {
  const out = list.slice();
  // Updates nearly always touch the newest minutes, so search from the end.
  let i = out.length - 1;
  while (i >= 0 && out[i].minute > bucket.minute) i--;
  if (i >= 0 && out[i].minute === bucket.minute) out[i] = bucket;
  else out.splice(i + 1, 0, bucket);
  return out;
}

export function mergeTicker(
  current: readonly TickerItem[],
  incoming: readonly TickerItem[],
  keep = TICKER_KEEP
): TickerItem[] {
  const seen = new Set<string>();
  const out: TickerItem[] = [];
  // Incoming first so a re-sent item replaces the older copy of itself.
  for (const item of [...incoming, ...current]) {
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    out.push(item);
  }
  return out.sort((a, b) => b.ts - a.ts).slice(0, keep);
}

/** A wall runs for weeks; drop minutes that fell out of the window so memory stays flat. */
function prune(data: LiveData): LiveData {
  // One extra minute of slack: the server's window edge and ours may disagree by a partial minute.
  const oldest = minuteOf(data.serverTime) - data.windowMinutes * MINUTE;
  const series: Record<SeriesKey, Bucket[]> = {};
  for (const [key, list] of Object.entries(data.series)) {
    const kept = list[0]?.minute >= oldest ? list : list.filter((b) => b.minute >= oldest);
    if (kept.length > 0) series[key] = kept;
  }
  return { ...data, series };
}
