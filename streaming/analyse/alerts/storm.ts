import type { Alert, StormDigest } from '../../../schemas/alerts.ts';

/**
 * Storm guard: when an outage makes every slice spike, on-call wants one message, not forty. At most
 * `maxOpens` alerts are announced per sliding window; beyond that, alerts still open (and show on the
 * on-call screen) but are announced together in a digest, re-sent at most once per window while the storm lasts.
 */

export interface StormOptions {
  windowMin: number;
  maxOpens: number;
}

export const STORM_DEFAULTS: StormOptions = { windowMin: 10, maxOpens: 5 };

export interface StormState {
  /** minutes at which alerts opened (announced or not), within the window */
  opens: number[];
  current: { digest: StormDigest; lastSentAt: number } | null;
}

const MINUTE = 60_000;

export function noteOpen(prev: StormState, alert: Alert, minute: number, o: StormOptions = STORM_DEFAULTS):
  { state: StormState; notify: boolean; digest?: StormDigest } {
  const windowMs = o.windowMin * MINUTE;
  const opens = prev.opens.filter((t) => minute - t < windowMs);
  // The storm is over once a whole window passed without holding an alert back.
  let current = prev.current && minute - prev.current.digest.at < windowMs ? prev.current : null;
  const crowded = opens.length >= o.maxOpens;
  opens.push(minute);
  if (!crowded) return { state: { opens, current }, notify: true };

  const digest: StormDigest = current
    ? { ...current.digest, at: minute, alertIds: [...current.digest.alertIds, alert.id], slices: [...current.digest.slices, alert.slice] }
    : { id: `storm-${alert.id}`, at: minute, alertIds: [alert.id], slices: [alert.slice] };
  const send = !current || minute - current.lastSentAt >= windowMs;
  current = { digest, lastSentAt: send ? minute : current!.lastSentAt };
  return send ? { state: { opens, current }, notify: false, digest } : { state: { opens, current }, notify: false };
}
