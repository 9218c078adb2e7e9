import {
  backInBandNote, firingMinutesOf, resurgedNote, metricOf, severityRank, type Alert, type SliceKey, type AlertEvent, type AlertEvidence, type AlertImpact, type AlertMetric, type AlertStats, type SliceReading, type StormDigest, type TransitionError
} from '../../../schemas/alerts.ts';
import { contributions, groupFirings, headline, holdsOther, matchGroup, matchShared, type Member } from './group.ts';
import { SHARED_DEFAULTS, sharesEvidence, type PairCells, type SharedOptions } from './shared.ts';
import { contains, related, speaksFor, specificity } from './slices.ts';
import { applyEvent, stateAt, transition, type TransitionRequest } from './lifecycle.ts';
import { assessSeverity, SEVERITY_DEFAULTS, type SeverityOptions } from './severity.ts';
import { noteOpen, STORM_DEFAULTS, type StormOptions, type StormState } from './storm.ts';
import { COFIRE_DEFAULTS, placeExplains, topicContributions, type CofireOptions } from './cofire.ts';
import { keepRecent, minutesSince, remember, reopenable, REOPEN_WITHIN_MIN, type ReopenMatch } from './reopen.ts';
import { isNewSurge, RESURGE_DEFAULTS, startTrack, trackSurge, type ResurgeOptions, type SurgeTrack } from './resurge.ts';

/**
 * The alert engine as a reducer: (state, one minute of readings) → (new state, what changed). It turns
 * firings into alerts, keeps an ongoing alert up to date instead of raising it again, escalates its
 * severity, resolves it after a quiet spell and holds back notifications in a storm. Pure: the caller
 * stores the state, appends the events, pushes `changed` and sends `notifications`.
 */

export interface EngineOptions {
  metric: AlertMetric;
  /** resolve automatically after this many minutes back inside the band */
  quietMinutes: number;
  /** headline: the most specific slice with at least this share of the largest member's excess */
  explainShare: number;
  /** dimensions whose split of the excess is shown */
  breakdown: string[];
  severity: SeverityOptions;
  storm: StormOptions;
  /**
   * A new incident seen in one slice for one minute is most often noise among hundreds of series; it
   * opens an alert only when a second related slice fires with it, when it is very surprising on its
   * own (`surprise`), when a sibling cut agrees in the same minute (`corroborate`, see corroborated()),
   * or when it fires again the next minute. Real incidents last, and spread across cuts.
   * Waiting for the next minute costs a minute of the two an incident may take to page (issue #5);
   * surprise 6 and corroborate 4 were measured on bench:alerts seeds 1–3 (BENCHMARKS.md): within 2 min
   * 1/1/2 → 3/1/5 of 20, false alerts 0/0.26/0 → 0.09/0.35/0.17 per day per 100 series. Outside
   * incidents no lone firing reached surprise 6 on seed 1 (54 of them, all in 4–5.9).
   */
  confirm: ConfirmRule;
  /**
   * The same rules for a sliding window (peekAlerts), which cannot lean on the minute before (default
   * `confirm`). Windows look four times a minute at overlapping data, so the minute's rules let through
   * 2–3× the false alerts: bench:alerts seeds 1–3 with `confirm` as is: false 0.69 / 1.03 / 1.03 per day
   * per 100 series, within 2 min 7 / 6 / 9 of 20; with three separate witnesses (nested slices counted
   * once) and no sibling corroboration: 0.17 / 0.43 / 0.43, within 2 min 6 / 6 / 8 (BENCHMARKS.md).
   */
  peekConfirm?: ConfirmRule;
  /**
   * Grouping by shared evidence (shared.ts): a firing that shares most of its messages with a slice of an
   * open alert (or of a group opening in the same look) joins it, though their topics differ; it needs
   * the input's `pairs`. null: off (grouping by slice relation only).
   */
  shared: SharedOptions | null;
  /**
   * Grouping by place (cofire.ts): a topic firing whose excess lies in a young alert's place (its
   * non-topic dimensions: platform:ios) joins it while the alert fires, though the two share no
   * messages: one incident the enrichment scattered over topics. null: off.
   */
  cofire: CofireOptions | null;
  /**
   * A confirmed new group that fires on a slice of an alert resolved automatically at most this many
   * minutes ago re-opens that alert instead of opening another (one incident = one alert: its fading tail
   * re-fires after the quiet period); after a person's resolution it opens a new alert that names the old
   * one (reopen.ts). 0: off. Default 60 (REOPEN_WITHIN_MIN; why: there). bench:alerts, main's watcher,
   * seeds 1 / 2 / 3: alerts per detected incident 1.053 / 1.05 / 1 → 1 / 1 / 1 (alerts 26 / 29 / 25 → 25 /
   * 28 / 24, one re-open each), detected, false alerts and delays unchanged.
   */
  reopenWithinMin: number;
  /**
   * Which firings come back to a resolved alert: one of its slices, or (default) any slice related to one,
   * as a firing joins an open alert. bench:alerts seed 1, main's watcher: 'slice' left the call-centre
   * incident's second alert (service.support × miniprogram, 48 min after the fix, its first alert on
   * service.support × call), 'related' re-opened it: alerts per detected incident 1.053 → 1.
   */
  reopenMatch?: ReopenMatch;
  /**
   * A new surge on an alert still open (or acknowledged) pages again ("resurged" event, the alert back to
   * open), where it would only have updated the alert (resurge.ts). Complaint counts ('neg') only. null: off.
   */
  resurge?: ResurgeOptions | null;
}

export interface ConfirmRule {
  minMembers: number;
  surprise: number;
  corroborate?: number;
  /** count only firings not nested in one another towards minMembers (witnesses()) */
  distinct?: boolean;
}

export const ENGINE_DEFAULTS: EngineOptions = {
  metric: 'neg',
  quietMinutes: 15,
  explainShare: 0.6,
  breakdown: ['channel', 'region', 'platform', 'app_version'],
  severity: SEVERITY_DEFAULTS,
  storm: STORM_DEFAULTS,
  confirm: { minMembers: 2, surprise: 6, corroborate: 4 },
  peekConfirm: { minMembers: 3, surprise: 6, distinct: true },
  shared: SHARED_DEFAULTS,
  cofire: COFIRE_DEFAULTS,
  reopenWithinMin: REOPEN_WITHIN_MIN,
  reopenMatch: 'related',
  resurge: RESURGE_DEFAULTS
};

export interface EngineState {
  /** alerts not yet resolved */
  active: Alert[];
  seq: number;
  storm: StormState;
  /** slices of last minute's unconfirmed firings (see EngineOptions.confirm) */
  pending: string[];
  /**
   * Alerts resolved within reopenWithinMin, newest first (automatically or by a person: reopen.ts).
   * Optional: a state saved before re-opening existed has none.
   */
  recent?: Alert[];
  /**
   * Per active alert, its headline since it last paged (resurge.ts). Optional: a state saved before
   * resurging existed has none, and its alerts start a track (not armed) at their next minute.
   */
  surges?: Record<string, SurgeTrack>;
}

export type Notification =
  | { kind: 'opened' | 'escalated' | 'resolved'; alert: Alert }
  | { kind: 'storm'; storm: StormDigest };

export interface StepOutput {
  state: EngineState;
  /** alerts whose numbers or state changed this step (push these) */
  changed: Alert[];
  /** lifecycle events to append to the log */
  events: AlertEvent[];
  /** what deserves a message to people (webhooks) */
  notifications: Notification[];
}

export const emptyEngineState = (): EngineState => ({ active: [], seq: 0, storm: { opens: [], current: null }, pending: [], recent: [], surges: {} });

/** A minute of watcher output: readings of every warm series and the firings that passed the gates. */
export interface MinuteInput {
  minute: number;
  readings: ReadonlyMap<string, SliceReading>;
  firings: readonly SliceReading[];
  /** messages in two topics at once, per cell (MinuteResult.pairs): grouping by shared evidence */
  pairs?: PairCells;
}

const MINUTE = 60_000;
const SYSTEM = 'system';

export function advanceAlerts(prev: EngineState, input: MinuteInput, options: Partial<EngineOptions> = {}): StepOutput {
  const o = { ...ENGINE_DEFAULTS, ...options };
  const { minute, readings } = input;
  const events: AlertEvent[] = [];
  const notifications: Notification[] = [];
  const changed = new Map<string, Alert>();
  let seq = prev.seq;
  let recent = keepRecent(prev.recent ?? [], minute + MINUTE, o.reopenWithinMin);
  const surges: Record<string, SurgeTrack> = {};
  const resurgeRule = o.metric === 'neg' ? o.resurge ?? null : null;
  let storm = prev.storm;

  // Firings of slices related to an ongoing alert update it; the rest form new groups.
  const working = prev.active.map((a) => ({ alert: a, members: a.members.map((m) => ({ ...m })), excess: a.stats.excess, fired: false, startedAt: a.stats.startedAt, head: a.slice }));
  const ev = sharedEvidence(input, o);
  const fresh = joinActive(input.firings, working, ev, placeRule(input, o), input.readings);

  const active: Alert[] = [];
  // What else is rising: the other open alerts' headlines, and this look's firings that joined none (a new
  // incident opens below, after the refresh; a slice that holds it measures two incidents already).
  const heads = prev.active.map((a) => a.slice);
  const elsewhere = fresh.map((f) => f.slice);
  for (const w of working) {
    const next = refresh(w.alert, w.members, readings, minute, w.fired, o, [...heads.filter((h) => h !== w.head), ...elsewhere]);
    const sev = severityOf(next, o);
    let alert: Alert = { ...next, severity: w.alert.severity, severityReasons: sev.reasons };
    let escalation: Notification | null = null;
    if (severityRank(sev.severity) > severityRank(alert.severity)) {
      const r = transition(alert.state, alert.id, minute + MINUTE, SYSTEM, { type: 'escalated', severity: sev.severity });
      if (r.ok) {
        events.push(r.event);
        alert = { ...alert, severity: sev.severity, state: r.state };
        if (wantsNotice(r.state, minute + MINUTE)) escalation = { kind: 'escalated', alert };
      }
    }
    const track = prev.surges?.[alert.id];
    const hr = readings.get(alert.slice);
    if (resurgeRule && hr) {
      const t = trackSurge(track, { slice: alert.slice, excess: hr.observed - hr.expected, fired: w.fired }, resurgeRule);
      const again = t.resurged ? resurge(alert, track!.level, hr.observed - hr.expected, minute + MINUTE, minute, storm, o) : null;
      // Not paged (snoozed): the track stays armed, and the surge may page once the snooze is over.
      surges[alert.id] = t.resurged && !again ? track! : t.track;
      if (again) {
        events.push(again.event);
        alert = again.alert;
        storm = again.storm;
        // The page carries the new severity: one message, as merge() in streaming/watch does.
        if (again.notifications.some((n) => n.kind === 'opened')) escalation = null;
        notifications.push(...again.notifications);
      }
    } else if (track) surges[alert.id] = track;
    if (escalation) notifications.push(escalation);
    if (minute - alert.stats.lastAboveAt >= o.quietMinutes * MINUTE) {
      const r = transition(alert.state, alert.id, minute + MINUTE, SYSTEM, { type: 'resolved', note: backInBandNote(o.quietMinutes) });
      if (r.ok) {
        events.push(r.event);
        alert = { ...alert, state: r.state };
        notifications.push({ kind: 'resolved', alert });
        changed.set(alert.id, alert);
        recent = remember(recent, alert);
        delete surges[alert.id];
        continue;
      }
    }
    changed.set(alert.id, alert);
    active.push(alert);
  }

  const pending: string[] = [];
  const opened = openGroups(fresh, readings, ev, minute, minute + MINUTE, seq, storm, recent, active.map((a) => a.slice), o, false, (group) =>
    group.some((f) => (prev.pending ?? []).some((p) => related(p, f.slice))) || confirms(group, readings, o.confirm, ev), (group) => pending.push(...group.map((f) => f.slice)));
  seq = opened.seq;
  recent = opened.recent;
  storm = opened.storm;
  for (const alert of opened.alerts) {
    changed.set(alert.id, alert);
    active.push(alert);
    // Opened or re-opened: it paged now, so its track starts here.
    const hr = readings.get(alert.slice);
    if (resurgeRule && hr) surges[alert.id] = startTrack({ slice: alert.slice, excess: hr.observed - hr.expected });
  }
  events.push(...opened.events);
  notifications.push(...opened.notifications);

  return { state: { active, seq, storm, pending, recent, surges }, changed: [...changed.values()], events, notifications };
}

/** Grouping by shared evidence for this step: the input's pair cells with the options, or undefined when it is off or there are none. */
type SharedEvidence = { pairs: PairCells; shared: SharedOptions } | undefined;

function sharedEvidence(input: MinuteInput, o: EngineOptions): SharedEvidence {
  return o.shared && input.pairs?.cells.length ? { pairs: input.pairs, shared: o.shared } : undefined;
}

/** Grouping by place for this step (cofire.ts): the look's minute and readings with the options, or undefined when off. */
type PlaceRule = { minute: number; readings: MinuteInput['readings']; cofire: CofireOptions } | undefined;

function placeRule(input: MinuteInput, o: EngineOptions): PlaceRule {
  return o.cofire ? { minute: input.minute, readings: input.readings, cofire: o.cofire } : undefined;
}

/**
 * Index of the alert the firing is a shard of (placeExplains: a member in whose place its excess lies,
 * firing now and no smaller), among alerts opened at most `withinMin` minutes ago; the largest excess
 * wins; −1 if none.
 */
function matchPlace(
  f: SliceReading, groups: readonly { members: readonly Member[]; excess: number; startedAt: number }[],
  now: ReadonlyMap<SliceKey, SliceReading>, p: NonNullable<PlaceRule>
): number {
  const live = (slice: SliceKey) => {
    const r = p.readings.get(slice);
    return now.has(slice) || (!!r && r.observed > r.upper);
  };
  let best = -1;
  groups.forEach((g, i) => {
    if (p.minute - g.startedAt > p.cofire.withinMin * MINUTE) return;
    if (!placeExplains(f, g.members, p.readings, live, p.cofire)) return;
    if (best < 0 || g.excess > groups[best].excess) best = i;
  });
  return best;
}

/**
 * The groups of one look, those whose firings lie in a larger group's place folded into it (the same
 * rule as matchPlace: they fire together now). A folded group is a part: the whole opens if any part
 * is confirmed on its own, so two noise blips on one platform do not confirm each other.
 */
function foldByPlace(groups: SliceReading[][], readings: MinuteInput['readings'], o: EngineOptions): SliceReading[][][] {
  if (!o.cofire || groups.length < 2) return groups.map((g) => [g]);
  const order = groups.map((g, i) => ({ g, i, top: Math.max(...g.map((f) => f.observed - f.expected)) })).sort((a, b) => b.top - a.top);
  const hosts: { i: number; parts: SliceReading[][] }[] = [];
  // every firing of this look fires now
  const live = () => true;
  for (const { g, i } of order) {
    const host = hosts.find((h) => g.some((f) => placeExplains(f, h.parts.flat(), readings, live, o.cofire!)));
    if (host) host.parts.push(g);
    else hosts.push({ i, parts: [g] });
  }
  return hosts.sort((a, b) => a.i - b.i).map((h) => h.parts);
}

/** The confirmation rules that need nothing but this minute (or window): size of the group, surprise, a sibling. */
function confirms(group: readonly SliceReading[], readings: MinuteInput['readings'], c: ConfirmRule, ev: SharedEvidence): boolean {
  const members = c.distinct ? witnesses(group, ev?.pairs, ev?.shared) : group.length;
  return members >= c.minMembers || group.some((f) => f.surprise >= c.surprise) ||
    (c.corroborate !== undefined && corroborated(group, readings, c.corroborate));
}

/**
 * Firings that are separate witnesses: a slice nested in another counted one (or holding it) adds
 * nothing, since "topic:account" and "topic:account.login" carry the same messages when one leaf holds
 * them all, and a parent carries its child's noise blip (the most specific firings are counted first).
 * With `pairs`, neither does a slice that shares most of its messages with a counted one (shared.ts):
 * the same complaints tagged with a second topic are no second witness.
 */
export function witnesses(group: readonly SliceReading[], pairs?: PairCells, shared: SharedOptions = SHARED_DEFAULTS): number {
  const counted: SliceReading[] = [];
  for (const f of [...group].sort((a, b) => specificity(b.slice) - specificity(a.slice))) {
    if (counted.some((c) => contains(c.slice, f.slice) || contains(f.slice, c.slice))) continue;
    if (pairs && counted.some((c) => sharesEvidence(f, { ...c, elevated: true }, pairs, shared))) continue;
    counted.push(f);
  }
  return counted.length;
}

/**
 * Opens one alert per confirmed group of new firings. `minute` is the minute the alert starts in (its
 * id, stats and storm window), `at` the moment its counts were complete (the "opened" event); `window`:
 * the counts are a sliding window's, not a closed minute's. A group on a slice of a `recent` alert
 * re-opens it if the system resolved it, or names it in its "opened" note if a person did (reopen.ts).
 */
function openGroups(
  fresh: readonly SliceReading[], readings: MinuteInput['readings'], ev: SharedEvidence, minute: number, at: number, seq0: number, storm0: StormState,
  recent0: Alert[], openHeads: readonly SliceKey[], o: EngineOptions, window: boolean, confirmed: (group: SliceReading[]) => boolean, unconfirmed: (group: SliceReading[]) => void
): { alerts: Alert[]; events: AlertEvent[]; notifications: Notification[]; seq: number; storm: StormState; recent: Alert[] } {
  let seq = seq0, storm = storm0, recent = recent0;
  const alerts: Alert[] = [], events: AlertEvent[] = [], notifications: Notification[] = [];
  for (const parts of foldByPlace(groupFirings(fresh, ev?.pairs, ev?.shared), readings, o)) {
    if (!parts.some(confirmed)) { parts.forEach(unconfirmed); continue; }
    const group = parts.flat();
    const back = reopenable(group, recent, at, o.reopenWithinMin, o.reopenMatch, readings);
    const heads = [...openHeads, ...alerts.map((a) => a.slice)];
    const again = back && back.state.resolvedBy === SYSTEM ? reopen(back, group, readings, minute, at, window, heads, o) : null;
    if (again) {
      recent = recent.filter((a) => a.id !== again.alert.id);
      events.push(again.event);
      alerts.push(again.alert);
      // It pages as it did when it opened: those who saw it resolve must hear it is back.
      storm = pageOpened(storm, again.alert, minute, o, notifications);
      continue;
    }
    const id = `alert-${new Date(minute).toISOString().slice(0, 16).replace(/[-:T]/g, '')}-${++seq}`;
    const members: Member[] = group.map((f) => ({ slice: f.slice, observed: f.observed, expected: f.expected, excess: f.observed - f.expected, peakExcess: f.observed - f.expected }));
    const head = headline(members, o.explainShare, heads);
    const hr = readings.get(head) ?? group[0];
    const stats: AlertStats = {
      observed: hr.observed, expected: hr.expected, upper: hr.upper, lower: hr.lower, excess: hr.observed - hr.expected,
      ratio: hr.observed / Math.max(hr.expected, 1), peakObserved: hr.observed, peakExpected: hr.expected, peakExcess: hr.observed - hr.expected,
      // A window (peekAlerts) is not a minute of its own: the minute it ends in adds its excess when it closes.
      totalExcess: window ? 0 : Math.max(0, hr.observed - hr.expected),
      startedAt: minute, lastAboveAt: minute, updatedAt: minute, durationMin: 1,
      ...(hr.n !== undefined ? { peakExcessMessages: Math.max(0, (hr.observed - hr.expected) * hr.n) } : {})
    };
    const draft: Alert = {
      id, metric: o.metric, slice: head, members: sortMembers(members), contributions: breakdownOf(head, members, readings, o),
      severity: 'low', severityReasons: [], stats, state: null as never
    };
    const sev = severityOf(draft, o);
    // After a person's resolution: a new alert, naming the one it follows (reopen.ts).
    const follows = back ? `follows ${back.id}, resolved by ${back.state.resolvedBy} ${minutesSince(back, at)} min before / 接续 ${back.id}（${minutesSince(back, at)} 分钟前由 ${back.state.resolvedBy} 解决）` : undefined;
    const opened = applyEvent(null, { alertId: id, at, type: 'opened', actor: SYSTEM, severity: sev.severity, ...(follows ? { note: follows } : {}) });
    if (!opened.ok) continue; // cannot happen: "opened" on nothing is always valid
    const alert: Alert = { ...draft, severity: sev.severity, severityReasons: sev.reasons, state: opened.state };
    events.push(opened.event);
    alerts.push(alert);
    storm = pageOpened(storm, alert, minute, o, notifications);
  }
  return { alerts, events, notifications, seq, storm, recent };
}

/**
 * A new surge on an open or acknowledged alert (resurge.ts): the "resurged" event takes it back to open,
 * and it pages as a new alert would, storm rules included (a second incident, on the alert people know).
 * A snoozed alert stays quiet until its snooze ends: null.
 */
function resurge(a: Alert, level: number, excess: number, at: number, minute: number, storm: StormState, o: EngineOptions):
  { alert: Alert; event: AlertEvent; storm: StormState; notifications: Notification[] } | null {
  const status = stateAt(a.state, at).status;
  if (status !== 'open' && status !== 'acknowledged') return null;
  const r = transition(a.state, a.id, at, SYSTEM, { type: 'resurged', note: resurgedNote(level, excess) });
  if (!r.ok) return null;
  const alert: Alert = { ...a, state: r.state };
  const notifications: Notification[] = [];
  return { alert, event: r.event, storm: pageOpened(storm, alert, minute, o, notifications), notifications };
}

/**
 * Pages an alert as opened (a new one, a re-opened one, a new surge), through the storm guard: the
 * "opened" page, or its part in a storm digest. Returns the storm state after it.
 */
function pageOpened(storm: StormState, alert: Alert, minute: number, o: EngineOptions, into: Notification[]): StormState {
  const s = noteOpen(storm, alert, minute, o.storm);
  if (s.notify) into.push({ kind: 'opened', alert });
  if (s.digest) into.push({ kind: 'storm', storm: s.digest });
  return s.state;
}

/**
 * The alert resolved automatically comes back: the group's firings join its members, its numbers are
 * this minute's (fired, so above: the quiet period starts again), its start, peaks and history are kept.
 * A window adds nothing to the total excess (its minute will, when it closes).
 */
function reopen(
  a: Alert, group: readonly SliceReading[], readings: MinuteInput['readings'], minute: number, at: number, window: boolean,
  others: readonly SliceKey[], o: EngineOptions
): { alert: Alert; event: AlertEvent } | null {
  const gap = minutesSince(a, at);
  const r = transition(a.state, a.id, at, SYSTEM, { type: 'reopened', note: `fired again ${gap} min after it was resolved / 解决 ${gap} 分钟后再次触发` });
  if (!r.ok) return null;
  const members = a.members.map((m) => ({ ...m }));
  for (const f of group) if (!members.some((m) => m.slice === f.slice)) members.push({ slice: f.slice, observed: f.observed, expected: f.expected, excess: f.observed - f.expected, peakExcess: 0 });
  // The quiet stretch is kept apart so that severity sizes the alert by the minutes it fired: counted in
  // its span (durationMin), it would escalate the alert on its return for the time it was quiet.
  const quietMin = Math.max(0, Math.round((minute - a.stats.lastAboveAt) / MINUTE) - 1);
  const back = { ...a, stats: { ...a.stats, reopenings: [...(a.stats.reopenings ?? []), { at, resolvedAt: a.state.resolvedAt ?? at, quietMin }] } };
  const next = refresh(back, members, readings, minute, true, o, others);
  const stats = window ? { ...next.stats, totalExcess: a.stats.totalExcess } : next.stats;
  // Its reasons are this episode's from the moment it pages, not a minute later; the level may only rise,
  // and that stays with the next minute's escalation (as before), so what pages and when is unchanged.
  const reasons = severityOf({ ...next, stats }, o).reasons;
  return { alert: { ...next, stats, severityReasons: reasons, state: r.state }, event: r.event };
}

/**
 * Firings related to an active alert join it (a slice once; the alert is marked fired); returns the
 * firings that joined none. Repeated until nothing more joins: a firing may relate to an alert only
 * through another firing of the same minute ("app.slow" joins "region:east" once "app.slow × east" has
 * joined it), whatever the order. With `pairs`, a firing related to none joins the alert it shares its
 * messages with (shared.ts), a member counting as elevated only if it fired in this look too.
 */
function joinActive(
  firings: readonly SliceReading[], groups: { members: Member[]; excess: number; fired: boolean; startedAt: number; head: SliceKey }[], ev: SharedEvidence, place: PlaceRule,
  readings: MinuteInput['readings']
): SliceReading[] {
  let fresh = [...firings];
  // This look's firings by slice: an alert's member counts as elevated only if it fired now too.
  const now = new Map(firings.map((f) => [f.slice, f]));
  const byShared = ev && { ...ev, now };
  for (let joined = true; joined && fresh.length; ) {
    joined = false;
    const rest: SliceReading[] = [];
    for (const f of fresh) {
      let i = matchGroup(f.slice, groups, readings);
      if (i < 0 && byShared) i = matchShared(f, groups, byShared.pairs, byShared.now, byShared.shared);
      if (i < 0 && place) i = matchPlace(f, groups, now, place);
      if (i < 0) { rest.push(f); continue; }
      const g = groups[i];
      // It joins as evidence either way; only a firing that speaks for the incident keeps the alert going.
      if (speaksFor(f.slice, g.head)) g.fired = true;
      joined = true;
      if (!g.members.some((m) => m.slice === f.slice)) g.members.push({ slice: f.slice, observed: f.observed, expected: f.expected, excess: f.observed - f.expected, peakExcess: 0 });
    }
    fresh = rest;
  }
  return fresh;
}

/** Readings of a sliding 60-s window that ends inside `minute`, the minute still open (SliceWatcher.peek). */
export interface WindowInput extends MinuteInput {
  /** end of the window (epoch ms), minute < at < minute + 1 min: when its counts were complete */
  at: number;
}

/**
 * A sliding window between two closed minutes (every 15 s, streaming/watch): it may only OPEN alerts, so
 * an incident that starts mid-minute pages before the minute it started in, or the next, has closed
 * (BENCHMARKS.md). Everything else waits for the closed minute, which finds the alert open and updates
 * it, as the same alert: firings related to an active alert are left to it; no refresh, escalation or
 * resolution here, nothing added to the alert's total excess, and the "seen last minute" memory
 * (`pending`) is neither used nor fed, since windows 15 s apart share 45 s of messages and would
 * confirm each other's noise. A window's group opens only on the rules that need nothing but the window
 * itself (`peekConfirm`: enough separate witnesses, or its own surprise).
 */
export function peekAlerts(prev: EngineState, input: WindowInput, options: Partial<EngineOptions> = {}): StepOutput {
  const o = { ...ENGINE_DEFAULTS, ...options };
  const ev = sharedEvidence(input, o);
  const groups = prev.active.map((a) => ({ members: [...a.members], excess: a.stats.excess, fired: false, startedAt: a.stats.startedAt, head: a.slice }));
  const fresh = joinActive(input.firings, groups, ev, placeRule(input, o), input.readings);
  const recent = keepRecent(prev.recent ?? [], input.at, o.reopenWithinMin);
  // A new surge on an open alert may page from a window too (resurge.ts windows): its track starts again
  // there, so the closed minute does not page it a second time.
  const rule = o.metric === 'neg' && o.resurge?.windows ? o.resurge : null;
  const surges = { ...(prev.surges ?? {}) };
  const events: AlertEvent[] = [], notifications: Notification[] = [], changed: Alert[] = [];
  let storm = prev.storm;
  const active = prev.active.map((a, i) => {
    const t = surges[a.id], r = input.readings.get(a.slice);
    if (!rule || !groups[i].fired || !r || !isNewSurge(t, { slice: a.slice, excess: r.observed - r.expected, fired: true }, rule)) return a;
    const again = resurge(a, t!.level, r.observed - r.expected, input.at, input.minute, storm, o);
    if (!again) return a;
    events.push(again.event);
    notifications.push(...again.notifications);
    storm = again.storm;
    changed.push(again.alert);
    surges[a.id] = startTrack({ slice: a.slice, excess: r.observed - r.expected });
    return again.alert;
  });
  const opened = openGroups(fresh, input.readings, ev, input.minute, input.at, prev.seq, storm, recent, active.map((a) => a.slice), o, true, (group) => confirms(group, input.readings, o.peekConfirm ?? o.confirm, ev), () => undefined);
  return {
    state: { ...prev, active: [...active, ...opened.alerts], seq: opened.seq, storm: opened.storm, recent: opened.recent, surges },
    changed: [...changed, ...opened.alerts], events: [...events, ...opened.events], notifications: [...notifications, ...opened.notifications]
  };
}

/**
 * Does a sibling cut agree, this minute? An incident's excess shows in every cut that holds it (Android ×
 * East shows in app.slow × east and in app.slow × android), mostly below the gates in its first minute.
 * Only slices that overlap the firing without containing it or lying inside it count: a parent carries
 * the child's own noise blip, so it would "agree" with noise (that version, at surprise 3, gave 1.9
 * false alerts per day per 100 series on seed 1). "all:" holds everything and is never a sibling.
 */
function corroborated(group: readonly SliceReading[], readings: MinuteInput['readings'], surprise: number): boolean {
  const own = new Set(group.map((f) => f.slice));
  for (const [slice, r] of readings) {
    if (own.has(slice) || r.surprise < surprise || r.observed <= r.expected) continue;
    if (group.some((f) => related(f.slice, slice) && !contains(f.slice, slice) && !contains(slice, f.slice))) return true;
  }
  return false;
}

/**
 * Escalations page only while nobody has taken the alert: an acknowledged alert keeps updating on the
 * screens, and a snoozed one stays quiet until its snooze ends.
 */
const wantsNotice = (state: Alert['state'], at: number) => stateAt(state, at).status === 'open';

const sortMembers = (ms: Member[]): Member[] => [...ms].sort((a, b) => b.peakExcess - a.peakExcess);

/**
 * Folds one minute into an ongoing alert. "Above" means the headline still passes the band. `others`: the
 * headlines of the other open alerts (and firings of this minute that joined none). A member that holds one
 * of them measures both incidents at once, so its peak stays what this incident alone lifted it to: else,
 * once the other resolved, that inflated peak would make it this alert's headline.
 */
function refresh(a: Alert, members: Member[], readings: MinuteInput['readings'], minute: number, fired: boolean, o: EngineOptions, others: readonly SliceKey[]): Alert {
  for (const m of members) {
    const r = readings.get(m.slice);
    if (r) Object.assign(m, { observed: r.observed, expected: r.expected, excess: r.observed - r.expected });
    if (!holdsOther(m.slice, others)) m.peakExcess = Math.max(m.peakExcess, m.excess);
  }
  const head = headline(members, o.explainShare, others);
  const hr = readings.get(head);
  const s = a.stats;
  if (!hr) return { ...a, members: sortMembers(members), slice: head, stats: { ...s, updatedAt: minute } };
  const excess = hr.observed - hr.expected;
  const above = fired || hr.observed > hr.upper;
  const lastAboveAt = above ? minute : s.lastAboveAt;
  const newPeak = hr.observed > s.peakObserved;
  const peakExpected = newPeak ? hr.expected : s.peakExpected;
  const stats: AlertStats = {
    observed: hr.observed, expected: hr.expected, upper: hr.upper, lower: hr.lower, excess, ratio: hr.observed / Math.max(hr.expected, 1),
    peakObserved: Math.max(s.peakObserved, hr.observed), peakExcess: Math.max(s.peakExcess, excess),
    ...(peakExpected !== undefined ? { peakExpected } : {}),
    ...(s.reopenings ? { reopenings: s.reopenings } : {}),
    totalExcess: s.totalExcess + Math.max(0, excess), startedAt: s.startedAt, lastAboveAt, updatedAt: minute,
    durationMin: (lastAboveAt - s.startedAt) / MINUTE + 1,
    ...(hr.n !== undefined ? { peakExcessMessages: Math.max(s.peakExcessMessages ?? 0, excess * hr.n) } : {})
  };
  const contrib = above ? breakdownOf(head, members, readings, o) : [];
  return { ...a, slice: head, members: sortMembers(members), stats, contributions: contrib.length ? contrib : a.contributions };
}

/** Where the excess comes from: the headline's split by dimension, and by topic when the members span several. */
function breakdownOf(head: SliceKey, members: readonly Member[], readings: MinuteInput['readings'], o: EngineOptions) {
  return [...topicContributions(head, members), ...contributions(head, readings, o.breakdown)];
}

function severityOf(a: Alert, o: EngineOptions) {
  // Shares and means are sized by their excess in messages: a share has no "complaints per minute".
  const rate = a.stats.peakExcessMessages !== undefined;
  const s = a.stats;
  // The peak against its own minute's expectation, or the latest minute's multiple if that is higher, as the
  // card shows it (src/lib/alerts/inbox.ts peakRatio): the latest minute's expectation may be another hour's.
  // Alerts stored before peakExpected read it off the peak's excess, as the card does.
  const peakExpected = s.peakExpected ?? s.peakObserved - s.peakExcess;
  return assessSeverity({
    peakExcess: rate ? s.peakExcessMessages! : s.peakExcess,
    ratio: rate ? 1 : Math.max(s.ratio, s.peakObserved / Math.max(peakExpected, 1)), durationMin: firingMinutesOf(s),
    customers: a.impact?.customers, weightedCustomers: a.impact?.weightedCustomers, metric: metricOf(a)
  }, o.severity);
}

/** Attaches evidence built from the alert window's messages (evidence.ts); its impact may escalate. */
export function withEvidence(prev: EngineState, alertId: string, evidence: AlertEvidence, at: number, options: Partial<EngineOptions> = {}): StepOutput {
  const out = withImpact(prev, alertId, evidence.impact, at, options);
  // The evidence splits its messages by channel, region, …; an alert that gathered several topics keeps its topic split in front.
  const attach = (a: Alert) => (a.id === alertId ? { ...a, evidence: withTopics(evidence, a) } : a);
  const active = out.state.active.map(attach);
  const alert = active.find((a) => a.id === alertId);
  return {
    ...out,
    state: { ...out.state, active },
    changed: out.changed.map(attach),
    notifications: out.notifications.map((n) => (n.kind === 'storm' || !alert ? n : { ...n, alert }))
  };
}

function withTopics(evidence: AlertEvidence, a: Alert): AlertEvidence {
  const topics = topicContributions(a.slice, a.members);
  return topics.length ? { ...evidence, contributions: [...topics, ...evidence.contributions.filter((c) => c.dimension !== 'topic')] } : evidence;
}

/** Attaches who is affected (from evidence); may escalate. */
export function withImpact(prev: EngineState, alertId: string, impact: AlertImpact, at: number, options: Partial<EngineOptions> = {}): StepOutput {
  const o = { ...ENGINE_DEFAULTS, ...options };
  const events: AlertEvent[] = [];
  const notifications: Notification[] = [];
  const changed: Alert[] = [];
  const active = prev.active.map((a) => {
    if (a.id !== alertId) return a;
    let next: Alert = { ...a, impact };
    const sev = severityOf(next, o);
    next = { ...next, severityReasons: sev.reasons };
    if (severityRank(sev.severity) > severityRank(a.severity)) {
      const r = transition(a.state, a.id, at, SYSTEM, { type: 'escalated', severity: sev.severity });
      if (r.ok) {
        events.push(r.event);
        next = { ...next, severity: sev.severity, state: r.state };
        if (wantsNotice(r.state, at)) notifications.push({ kind: 'escalated', alert: next });
      }
    }
    changed.push(next);
    return next;
  });
  return { state: { ...prev, active }, changed, events, notifications };
}

/** A person's action on an active alert (acknowledge, snooze, note, resolve). */
export function actOnAlert(prev: EngineState, alertId: string, at: number, actor: string, req: TransitionRequest):
  { ok: true; output: StepOutput } | { ok: false; error: TransitionError } {
  const a = prev.active.find((x) => x.id === alertId);
  if (!a) return { ok: false, error: { code: 'unknown_alert', type: req.type, message: `no active alert ${alertId}` } };
  const r = transition(a.state, alertId, at, actor, req);
  if (!r.ok) return r;
  const next: Alert = { ...a, state: r.state };
  const resolved = r.state.status === 'resolved';
  const active = resolved ? prev.active.filter((x) => x.id !== alertId) : prev.active.map((x) => (x.id === alertId ? next : x));
  // Remembered so that a return names it (reopen.ts); a person's resolution is never undone by the engine.
  const recent = resolved ? remember(prev.recent, next) : prev.recent;
  return { ok: true, output: { state: { ...prev, active, ...(recent ? { recent } : {}) }, changed: [next], events: [r.event], notifications: [] } };
}

/**
 * Folds an event someone else stored (a person's action taken on a web node) into the engine state, so
 * the engine knows the alert is acknowledged, snoozed or resolved by hand. Events the alert already has
 * (same time, type and actor) and events of alerts no longer active are ignored.
 */
export function foldExternalEvent(prev: EngineState, event: AlertEvent): { state: EngineState; changed: Alert | null } {
  const a = prev.active.find((x) => x.id === event.alertId);
  if (!a) return { state: prev, changed: null };
  if (event.type === 'opened' || event.actor === SYSTEM) return { state: prev, changed: null };
  const seen = event.type === 'noted'
    ? a.state.notes.some((n) => n.at === event.at && n.actor === event.actor && n.note === event.note)
    : (event.type === 'acknowledged' && a.state.acknowledgedAt === event.at && a.state.acknowledgedBy === event.actor) ||
      (event.type === 'snoozed' && a.state.snoozedUntil === event.until && a.state.status === 'snoozed');
  if (seen) return { state: prev, changed: null };
  const r = applyEvent(a.state, event);
  if (!r.ok) return { state: prev, changed: null };
  const next: Alert = { ...a, state: r.state };
  const resolved = r.state.status === 'resolved';
  const active = resolved ? prev.active.filter((x) => x.id !== a.id) : prev.active.map((x) => (x.id === a.id ? next : x));
  const recent = resolved ? remember(prev.recent, next) : prev.recent;
  return { state: { ...prev, active, ...(recent ? { recent } : {}) }, changed: next };
}
