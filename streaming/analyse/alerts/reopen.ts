import type { Alert, SliceKey, SliceReading } from '../../../schemas/alerts.ts';
import { relatesToGroup } from './group.ts';
import { holdsHeadline, speaksFor } from './slices.ts';

/**
 * One incident = one alert (issue #5). A big incident fades in steps: its slice drops back inside the band
 * for the engine's quiet period (15 min), the alert resolves, and a last surge of the tail fires again. On
 * bench:alerts those tails re-fired 30–100 min after the fix (BENCHMARKS.md: the North-hotline incident
 * 30–70 min after its alert resolved, `firedShiftNoise` tails 76–100 min after the fix) and each opened a
 * NEW alert: a second page for the same customers, counted as a false alert, its history split in two.
 *
 * So a resolved alert is remembered for a while, and a confirmed new group of firings that one of its slices
 * (or, by default, a slice related to one: EngineOptions.reopenMatch) comes back to it:
 * - resolved AUTOMATICALLY (back in band): the alert is re-opened ("reopened" event, same id, its history
 *   and notes kept), and pages again as "opened": people hear it is back, on the alert they already know.
 * - resolved BY A PERSON: a new alert opens, its "opened" note naming the one it follows. Someone decided
 *   the incident was over (fixed, or not worth it); quietly undoing their decision would make the inbox
 *   lie about what they did, and a return after a fix is news of its own (the fix did not hold). The note
 *   links the two for whoever picks the new one up.
 */

/**
 * Minutes after a resolution during which a firing re-opens (or, after a manual resolution, links to) the
 * alert. 60, measured on bench:alerts (main's watcher, seeds 1–2, and `firedShiftNoise` seed 1): an
 * incident's own tail re-fired 1–27 min after its alert resolved itself (seed 1 with firedShiftNoise: 4, 6,
 * 4, 15, 1; seed 2: 27), while a separate incident of the same scenario on the same slice came 90 and 93
 * min after (seed 2): 120 folded those into the old alert (its start, duration and total spanning both).
 * BENCHMARKS.md also saw a hotline incident re-open 30–70 min after a resolution mid-incident.
 */
export const REOPEN_WITHIN_MIN = 60;

const MINUTE = 60_000;

/** Resolved alerts younger than the window (by their resolution time), the newest first. */
export function keepRecent(recent: readonly Alert[], now: number, withinMin: number): Alert[] {
  return recent
    .filter((a) => a.state.resolvedAt !== null && now - a.state.resolvedAt <= withinMin * MINUTE)
    .sort((a, b) => (b.state.resolvedAt ?? 0) - (a.state.resolvedAt ?? 0));
}

/** Remembers a resolved alert (replacing an older copy of it). */
export const remember = (recent: readonly Alert[] | undefined, alert: Alert): Alert[] => [alert, ...(recent ?? []).filter((a) => a.id !== alert.id)];

/**
 * The most recently resolved alert, within the window, that one of the group's firings belongs to; null if
 * none. `match` 'slice': the firing is one of its slices (headline or members); 'related': it links to the
 * alert as a firing links to an open one (group.ts relatesToGroup; `readings`: this look's, for its cuts).
 */
export function reopenable(
  group: readonly SliceReading[], recent: readonly Alert[] | undefined, at: number, withinMin: number, match: ReopenMatch = 'slice',
  readings?: ReadonlyMap<SliceKey, Pick<SliceReading, 'observed' | 'expected'>>
): Alert | null {
  if (!recent?.length || withinMin <= 0) return null;
  for (const a of keepRecent(recent, at, withinMin)) {
    // Slices that hold the headline ("all:", the region, the parent topic) were lifted by the incident and
    // hold every other one too: matched on them, any new incident within the hour re-opened this alert
    // (speaksFor keeps the headline's own topic: its tail).
    const members = a.members.filter((m) => !holdsHeadline(m.slice, a.slice));
    // 'related' links as an open alert does (group.ts relatesToGroup): through a shard of another topic
    // ("payment.invoice × call" in the hotline alert) the demo's iOS payment failures re-opened the hotline
    // alert nine minutes after it resolved.
    const links = (f: SliceKey) => f === a.slice || members.some((m) => m.slice === f) || (match === 'related' && relatesToGroup(f, members, a.slice, readings));
    if (group.some((f) => speaksFor(f.slice, a.slice) && links(f.slice))) return a;
  }
  return null;
}

export type ReopenMatch = 'slice' | 'related';

/** Whole minutes from the alert's resolution to `at`. */
export const minutesSince = (a: Alert, at: number): number => Math.round((at - (a.state.resolvedAt ?? at)) / MINUTE);
