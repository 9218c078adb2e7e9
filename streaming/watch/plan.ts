/**
 * Which minutes the alert loop may read, and how: pure decisions, tested without servers.
 *
 * A minute is "ready" when it closed `settleMs` ago (late messages are in) and the pipeline has stored
 * it: either nothing waits in the stream, or messages of a later minute are already stored (the stream
 * is roughly in time order, so a backlog of history — a backfill — is read as history, not as silence).
 */

export const MINUTE = 60_000;
export const DAY = 1440 * MINUTE;

export const floorMinute = (t: number) => Math.floor(t / MINUTE) * MINUTE;

/** Exclusive end: every minute m < readyUntil may be read. */
export function readyUntil(now: number, settleMs: number, caughtUp: boolean, newestStored: number | null): number {
  const closed = floorMinute(now - settleMs - MINUTE) + MINUTE;
  if (caughtUp) return closed;
  if (newestStored === null) return -Infinity;
  return Math.min(closed, newestStored - MINUTE);
}

export interface Plan {
  /** minutes replayed into the detectors without raising alerts */
  learn: [number, number] | null;
  /** minutes scored (alerts may open), [from, to) */
  observe: [number, number] | null;
}

/**
 * From what is remembered (the last minute scored, or nothing) to a plan. Cold: learn the history up
 * to `catchUpMin` before the newest ready minute, then score the rest — a watcher started during an
 * incident sees it. Warm: score everything since the last minute, up to `maxCatchUpMin`; a longer
 * absence is learned, not scored (nobody wants a page for yesterday).
 */
export function planMinutes(o: {
  lastMinute: number | null; oldestStored: number | null; ready: number; catchUpMin: number; maxCatchUpMin: number;
}): Plan {
  const { ready } = o;
  if (o.lastMinute === null) {
    if (o.oldestStored === null || !Number.isFinite(ready) || o.oldestStored >= ready) return { learn: null, observe: null };
    const split = Math.max(o.oldestStored, ready - o.catchUpMin * MINUTE);
    return { learn: split > o.oldestStored ? [o.oldestStored, split] : null, observe: split < ready ? [split, ready] : null };
  }
  const next = o.lastMinute + MINUTE;
  if (next >= ready) return { learn: null, observe: null };
  const split = Math.max(next, ready - o.maxCatchUpMin * MINUTE);
  return { learn: split > next ? [next, split] : null, observe: [split, ready] };
}

/** [from, to) cut into chunks of at most `size` ms, for reading history a piece at a time. */
export function chunks(range: [number, number], size: number): [number, number][] {
  const out: [number, number][] = [];
  for (let t = range[0]; t < range[1]; t += size) out.push([t, Math.min(range[1], t + size)]);
  return out;
}

/**
 * The sliding window due now, as its end (epoch ms), or null. Every `slideMs` (dividing a minute) the
 * loop reads the last 60 s once they are `settleMs` old (the window's own settle delay, WATCH_WINDOW_SETTLE_MS),
 * between closed minutes: a window ending on a
 * minute boundary IS that closed minute (scored by the minute plan), and a window is peeked only while
 * the detectors stand at the minute before the one it ends in (not while catching up), once per end.
 */
export function windowDue(now: number, settleMs: number, slideMs: number, lastMinute: number | null, lastWindowEnd: number | null): number | null {
  if (!(slideMs > 0) || lastMinute === null) return null;
  const end = Math.floor((now - settleMs) / slideMs) * slideMs;
  if (end === floorMinute(end)) return null;
  if (lastMinute !== floorMinute(end) - MINUTE) return null;
  if (lastWindowEnd !== null && end <= lastWindowEnd) return null;
  return end;
}

/**
 * When the loop should next look (epoch ms): the next minute close plus `settleMs`, or the next window
 * end plus `windowSettleMs` (default `settleMs`), whichever comes first.
 */
export function nextLook(now: number, settleMs: number, slideMs: number, windowSettleMs = settleMs): number {
  const next = (step: number, settle: number) => (Math.floor((now - settle) / step) + 1) * step + settle;
  if (!(slideMs > 0)) return next(MINUTE, settleMs);
  // A window ending on a minute boundary is that closed minute: read with the minute's settle delay.
  let win = next(slideMs, windowSettleMs);
  if ((win - windowSettleMs) % MINUTE === 0) win += slideMs;
  return Math.min(next(MINUTE, settleMs), win);
}

/**
 * A window may only open an alert, so a message stored after the window was read is merely missing
 * from it (the closed minute, read `settleMs` after its close, has it): a window can be read sooner than
 * a minute. The pipeline stores a message 138 / 241 ms (p50 / p99) after it enters the stream
 * (bench:pipeline, BENCHMARKS.md), and windows are read only while its backlog is small.
 */
export const WINDOW_SETTLE_MS = 2_000;
