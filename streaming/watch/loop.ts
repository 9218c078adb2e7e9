import type { Redis } from 'ioredis';
import { metricOf, type Alert, type AlertEvent, type AlertMetric, type SliceReading, type StormDigest } from '../../schemas/alerts.ts';
import {
  advanceAlerts, advanceMeasures, buildEvidence, createRunner, createSliceWatcher, DEFAULT_CUTS, emptyEngineState, foldEvents, foldExternalEvent, peekAlerts, runOrder, sliceCounts, sliceTotals, upgradeSnapshot, withEvidence,
  type ExtraMetric, type JointState, type LegacyMeasures, type MeasureRunner, type MeasureSnapshot, type MeasureStep, type Notification, type SliceTotals, type SliceWatcher, type StepOutput, type WatcherOptions, type WatcherSnapshot
} from '../analyse/alerts/index.ts';
import { log } from '../log.ts';
import type { Notifier } from '../push/webhooks/index.ts';
import {
  alertEvents, appendAlertEvents, measureRows, negativeCountRows, negativeWindowRows, newestMinute, oldestMinute, sliceMessages, writeAlertSnapshots, writeReadings
} from '../store/alerts.ts';
import type { Db } from '../store/db.ts';
import { chunks, DAY, floorMinute, MINUTE, planMinutes, readyUntil, windowDue, WINDOW_SETTLE_MS } from './plan.ts';

/**
 * The alerting loop: once per closed minute, counts from the minute rollups → detectors → alert engine
 * → event log and snapshots in ClickHouse → a change message on Redis (web nodes push it) → webhooks.
 * Between closed minutes, every `slideMs` (15 s), the last 60 s are counted from the messages themselves
 * and peeked at (SliceWatcher.peek, peekAlerts): such a window can only open an alert early — an incident
 * that starts mid-minute pages within 2 min — and the closed minute then updates that same alert. The
 * detectors learn closed minutes only, so nothing is counted twice.
 * What it remembers (last minute scored, engine state, detector snapshot) lives in Redis, so a restart
 * resumes at the next minute: nothing scored twice, nothing skipped.
 */

export const alertKeys = (stream: string) => ({
  state: `${stream}:alerts:state`,
  watcher: `${stream}:alerts:watcher`,
  leader: `${stream}:alerts:leader`,
  /** pub/sub: AlertChange messages from the watcher and from web nodes (people's actions) */
  changes: `${stream}:alerts:changes`
});

/** One message on the changes channel. */
export interface AlertChange {
  /** set by web nodes, which skip their own messages */
  id?: string;
  source: 'watcher' | 'web';
  alerts: Alert[];
  events: AlertEvent[];
  storm?: StormDigest;
}

export interface AlertLoopOptions {
  db: Db;
  redis: Redis;
  stream: string;
  notifier?: Notifier | null;
  /** is the pipeline's backlog small enough that closed minutes are complete? */
  caughtUp: () => Promise<boolean>;
  now?: () => number;
  /** wait after a minute closes before reading it */
  settleMs?: number;
  /** history learned by a watcher that starts with nothing */
  warmDays?: number;
  /** a cold start scores this many last minutes instead of learning them */
  catchUpMin?: number;
  /** a restart after a longer absence learns the older minutes instead of scoring them */
  maxCatchUpMin?: number;
  /** detector snapshot period (minutes); the minutes since are re-learned after a restart */
  snapshotEveryMin?: number;
  /** minutes of readings kept in memory so a new alert's chart shows what came before it */
  historyMin?: number;
  /** sliding-window period (ms, dividing a minute); 0: closed minutes only */
  slideMs?: number;
  /** wait after a sliding window ends before reading it (default WINDOW_SETTLE_MS; see plan.ts) */
  windowSettleMs?: number;
  /** measures watched next to the complaint count (WATCH_MEASURES; streaming/analyse/alerts/table.ts) */
  measures?: readonly ExtraMetric[];
  /** the complaint-count watcher's settings (default WATCHER_DEFAULTS); a restored snapshot runs under them too */
  watcher?: WatcherOptions;
  /** the complaint-count watcher's cuts (default DEFAULT_CUTS; see LEGACY_CUTS for snapshots made under fewer) */
  cuts?: readonly (readonly string[])[];
}

type Cuts = readonly (readonly string[])[];
const cutName = (cut: readonly string[]) => cut.join('*');
/**
 * The cuts of a snapshot that names none: DEFAULT_CUTS before topic × channel × region was added. A
 * watcher restored from such a snapshot learns the series of the cuts added since on history (as a cold
 * start would) instead of starting them cold: a new detector is blind for its warm-up (200 minutes) and
 * lacks a daily profile for a day, while the rest of the watcher carries on.
 */
export const LEGACY_CUTS: Cuts = [[], ['channel'], ['region'], ['topic'], ['topic', 'region'], ['topic', 'channel']];

interface Persisted { lastMinute: number; engine: JointState }
/**
 * `measures`: each extra measure's detectors and half-full 5-minute block (table.ts). Snapshots written
 * before the table carry `rates` / `count5` / `blocks` instead (LegacyMeasures), read by upgradeSnapshot.
 */
interface PersistedWatcher extends LegacyMeasures {
  minute: number; snapshot: WatcherSnapshot; measures?: Partial<Record<ExtraMetric, MeasureSnapshot>>;
  /** the cuts the snapshot's series were counted under (cutName); absent: LEGACY_CUTS */
  cuts?: string[];
}

/** History of readings per measure and slice; the complaint count keeps the bare slice as key. */
const historyKey = (metric: AlertMetric, slice: string) => (metric === 'neg' ? slice : `${metric}#${slice}`);

export class AlertLoop {
  private watcher: SliceWatcher;
  private engine: JointState = emptyEngineState();
  /** the extra measures, in the order they run each minute (runOrder) */
  private measures: MeasureRunner[];
  private lastMinute: number | null = null;
  private watcherMinute: number | null = null;
  /** end of the last sliding window peeked at (in memory: after a restart the next one is simply read) */
  private lastWindowEnd: number | null = null;
  private readonly history = new Map<string, { minute: number; r: SliceReading }[]>();
  private lock: Promise<unknown> = Promise.resolve();
  private version = 0;
  private readonly keys;
  private readonly now: () => number;
  private readonly cuts: Cuts;

  constructor(private readonly o: AlertLoopOptions) {
    this.keys = alertKeys(o.stream);
    this.now = o.now ?? Date.now;
    this.cuts = o.cuts ?? DEFAULT_CUTS;
    this.measures = runOrder(o.measures ?? []).map((m) => createRunner(m));
    this.watcher = createSliceWatcher(o.watcher);
  }

  get state(): { lastMinute: number | null; engine: JointState; series: number; rateSeries: number } {
    return { lastMinute: this.lastMinute, engine: this.engine, series: this.watcher.size, rateSeries: this.measures.reduce((n, w) => n + w.size, 0) };
  }

  /** Restores what the last run remembered, and folds in people's actions it may have missed. */
  async load(): Promise<void> {
    return this.exclusive(async () => {
      const [rawState, rawWatcher] = await Promise.all([this.o.redis.get(this.keys.state), this.o.redis.get(this.keys.watcher)]);
      if (rawState) {
        const p = JSON.parse(rawState) as Persisted;
        this.lastMinute = p.lastMinute;
        this.engine = p.engine;
      }
      const w = rawWatcher && this.lastMinute !== null ? restoreWatcher(rawWatcher, this.o.watcher) : null;
      if (w && this.lastMinute !== null) {
        this.watcher = w.watcher;
        this.watcherMinute = w.minute;
        const had = new Set(w.cuts ?? LEGACY_CUTS.map(cutName));
        const added = this.cuts.filter((c) => !had.has(cutName(c)));
        if (added.length) await this.learnCuts(added, w.minute);
        const saved = upgradeSnapshot(w);
        // A measure's snapshot that does not restore (another format) is dropped, and warmed up below.
        const restore = (r: MeasureRunner): MeasureRunner | null => {
          try {
            return saved[r.metric] ? createRunner(r.metric, saved[r.metric]) : null;
          } catch (e) {
            log.warn({ measure: r.metric, error: (e as Error).message }, 'alert measure snapshot not restored; warming it up on history');
            return null;
          }
        };
        const restored: MeasureRunner[] = [], missing: MeasureRunner[] = [];
        this.measures = this.measures.map((r) => {
          const x = restore(r);
          (x ? restored : missing).push(x ?? r);
          return x ?? r;
        });
        // The detectors are behind the engine by the minutes since their snapshot: replay them as they were
        // scored (observed, not learned: a minute that fired is learned as a firing, and counts in its episode).
        if (w.minute < this.lastMinute) await this.resume([w.minute + MINUTE, this.lastMinute + MINUTE], restored);
        // A measure switched on since (no snapshot of its own, or one unreadable): warm it on history, as
        // a cold start would.
        if (missing.length) {
          const from = (await oldestMinute(this.o.db, this.lastMinute - (this.o.warmDays ?? 3) * DAY)) ?? this.lastMinute + MINUTE;
          await this.replayInto([from, this.lastMinute + MINUTE], missing, false);
        }
      } else if (this.lastMinute !== null) {
        // State without detectors (snapshot lost, or in a format this code cannot read): warm them on
        // history up to where the engine is.
        const from = (await oldestMinute(this.o.db, this.lastMinute - (this.o.warmDays ?? 3) * DAY)) ?? this.lastMinute + MINUTE;
        await this.learn([from, this.lastMinute + MINUTE]);
      }
      await this.reconcile();
    });
  }

  /** Scores every ready minute not scored yet (warming up first when starting cold). Returns minutes scored. */
  tick(): Promise<number> {
    return this.exclusive(async () => {
      const now = this.now();
      const warmFrom = now - (this.o.warmDays ?? 3) * DAY;
      const caughtUp = await this.o.caughtUp();
      // Starting cold while history is still being stored (a backfill) would score that history as
      // live: wait until the pipeline has caught up, then learn all of it at once.
      if (this.lastMinute === null && !caughtUp) return 0;
      const ready = readyUntil(now, this.o.settleMs ?? 10_000, caughtUp, caughtUp ? null : await newestMinute(this.o.db, warmFrom));
      const oldest = this.lastMinute === null ? await oldestMinute(this.o.db, warmFrom) : null;
      const plan = planMinutes({ lastMinute: this.lastMinute, oldestStored: oldest, ready, catchUpMin: this.o.catchUpMin ?? 30, maxCatchUpMin: this.o.maxCatchUpMin ?? 24 * 60 });
      if (plan.learn) {
        const t0 = performance.now();
        await this.learn(plan.learn);
        this.lastMinute = plan.learn[1] - MINUTE;
        log.info({ from: new Date(plan.learn[0]).toISOString(), to: new Date(plan.learn[1]).toISOString(), series: this.watcher.size, ms: Math.round(performance.now() - t0) }, 'alert watcher warmed up on history');
        await this.save(true);
      }
      if (!plan.observe) {
        if (caughtUp) await this.slide(now);
        return 0;
      }
      let n = 0;
      for (const [from, to] of chunks(plan.observe, 60 * MINUTE)) {
        const [rows, totals] = await Promise.all([negativeCountRows(this.o.db, from, to), this.measures.some((r) => r.reads === 'totals') ? measureRows(this.o.db, from, to) : null]);
        for (let m = from; m < to; m += MINUTE) {
          const r = rows.get(m);
          if (r) await this.step(m, sliceCounts(r, this.cuts), sliceTotals(totals?.get(m) ?? []));
          else {
            // Not one message from anywhere: the producers or the pipeline were down, not the customers
            // quiet. A gap is skipped; scored as zeros it would teach every detector that traffic ended.
            this.lastMinute = m;
            await this.save(false);
          }
          n++;
        }
      }
      if (caughtUp) await this.slide(now);
      return n;
    });
  }

  /** Peeks at the sliding window due now, if any (see windowDue); it may open alerts. */
  private async slide(now: number): Promise<void> {
    const end = windowDue(now, this.o.windowSettleMs ?? WINDOW_SETTLE_MS, this.o.slideMs ?? 0, this.lastMinute, this.lastWindowEnd);
    if (end === null) return;
    this.lastWindowEnd = end;
    const rows = await negativeWindowRows(this.o.db, end - MINUTE, end);
    // Not one message in the window: an outage upstream, not calm (as a gap minute).
    if (!rows) return;
    const minute = floorMinute(end);
    const peek = this.watcher.peek(minute, sliceCounts(rows, this.cuts));
    let out = peekAlerts(this.engine, { ...peek, at: end });
    if (!out.events.length) return;
    const opened = openedIds(out);
    for (const id of opened) {
      const a = out.state.active.find((x) => x.id === id);
      // The window's own minute has barely begun: the evidence is the window's messages.
      if (a) out = merge(out, withEvidence(out.state, id, await this.evidenceFor(a, end, end - MINUTE), end));
    }
    log.info({ alerts: [...opened], windowEnd: new Date(end).toISOString() }, 'alert opened from a sliding window');
    await this.publish(out, minute, false);
  }

  /** A person's action stored by a web node: the engine must know (acknowledged alerts stop paging). */
  external(events: readonly AlertEvent[]): Promise<void> {
    return this.exclusive(async () => {
      const changed = new Map<string, Alert>();
      for (const e of events) {
        const r = foldExternalEvent(this.engine, e);
        this.engine = r.state;
        if (r.changed) changed.set(r.changed.id, r.changed);
      }
      if (!changed.size || this.lastMinute === null) return;
      await this.save(false);
      // A minute scored while the action was on its way carried the old state: this picture wins.
      await writeAlertSnapshots(this.o.db, [...changed.values()], this.nextVersion());
      const change: AlertChange = { source: 'watcher', alerts: [...changed.values()], events: [] };
      await this.o.redis.publish(this.keys.changes, JSON.stringify(change));
    });
  }

  /** Saves everything, detector snapshot included (on shutdown). */
  flush(): Promise<void> {
    return this.exclusive(async () => {
      if (this.lastMinute !== null) await this.save(true);
    });
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => undefined);
    return run;
  }

  /**
   * Series of cuts the restored watcher was not counting (added to DEFAULT_CUTS since its snapshot): learned
   * on the warm-up history up to the snapshot's minute in a watcher of their own, then joined to the
   * restored one, whose own series are left exactly as saved.
   */
  private async learnCuts(cuts: Cuts, until: number): Promise<void> {
    const t0 = performance.now();
    const from = (await oldestMinute(this.o.db, until - (this.o.warmDays ?? 3) * DAY)) ?? until + MINUTE;
    const fresh = createSliceWatcher(this.o.watcher);
    for await (const [m, r] of replay(this.o.db, [from, until + MINUTE], (db, a, b) => negativeCountRows(db, a, b, { pairs: false }))) fresh.learn(m, sliceCounts(r, cuts));
    const saved = this.watcher.snapshot();
    const known = new Set(saved.series.map(([k]) => k));
    const added = fresh.snapshot().series.filter(([k]) => !known.has(k));
    this.watcher = createSliceWatcher(this.o.watcher, { ...saved, series: [...saved.series, ...added] });
    log.info({ cuts: cuts.map(cutName), series: added.length, ms: Math.round(performance.now() - t0) }, 'alert watcher learned the series of new cuts on history');
  }

  /** Replays history into the complaint-count watcher and `measures` (by default all of them). */
  private async learn(range: [number, number], measures = this.measures): Promise<void> {
    await this.replayInto(range, measures, true);
    this.watcherMinute = range[1] - MINUTE;
  }

  /**
   * Replays minutes already scored into the restored watchers exactly as step scored them (the same rows,
   * minutes without complaint rows skipped as gaps, every measure fed on the same minutes), the outputs
   * thrown away: the engine has them already. A watcher keeps more than its detectors (the firing episode,
   * watcher.ts), which learning alone would not rebuild.
   */
  private async resume(range: [number, number], measures: readonly MeasureRunner[]): Promise<void> {
    const totalsNeeded = measures.some((r) => r.reads === 'totals');
    for (const [from, to] of chunks(range, 60 * MINUTE)) {
      const [rows, totals] = await Promise.all([negativeCountRows(this.o.db, from, to), totalsNeeded ? measureRows(this.o.db, from, to) : null]);
      for (let m = from; m < to; m += MINUTE) {
        const r = rows.get(m);
        if (!r) continue;
        const inputs = { counts: sliceCounts(r, this.cuts), totals: sliceTotals(totals?.get(m) ?? []) };
        this.watcher.observe(m, inputs.counts);
        for (const x of measures) x.observe(m, inputs);
      }
    }
    this.watcherMinute = range[1] - MINUTE;
  }

  /**
   * Replays history into some measures (each reads the rollup its table entry names) and, with `counts`,
   * the complaint-count watcher. Minutes without rows are skipped, as when scoring.
   */
  private async replayInto(range: [number, number], measures: readonly MeasureRunner[], counts: boolean): Promise<void> {
    const reading = (input: MeasureRunner['reads']) => measures.filter((r) => r.reads === input);
    const byCounts = reading('counts'), byTotals = reading('totals');
    if (counts || byCounts.length) {
      for await (const [m, r] of replay(this.o.db, range, (db, from, to) => negativeCountRows(db, from, to, { pairs: false }))) {
        const c = sliceCounts(r, this.cuts);
        if (counts) this.watcher.learn(m, c);
        for (const x of byCounts) x.learn(m, { counts: c });
      }
    }
    if (byTotals.length) for await (const [m, r] of replay(this.o.db, range, measureRows)) {
      const totals = sliceTotals(r);
      for (const x of byTotals) x.learn(m, { totals });
    }
  }

  /** Every active alert's state is the fold of its log: actions taken while this loop was away count. */
  private async reconcile(): Promise<void> {
    const ids = this.engine.active.map((a) => a.id);
    if (ids.length === 0) return;
    const events = await alertEvents(this.o.db, ids);
    const active: Alert[] = [];
    for (const a of this.engine.active) {
      const folded = foldEvents(events.filter((e) => e.alertId === a.id));
      if (!folded.ok) { active.push(a); continue; }
      if (folded.state.status !== 'resolved') active.push({ ...a, state: folded.state });
    }
    this.engine = { ...this.engine, active };
  }

  private async step(minute: number, counts: Map<string, number>, totals: Map<string, SliceTotals>): Promise<void> {
    const result = this.watcher.observe(minute, counts);
    this.watcherMinute = minute;
    this.remember(minute, 'neg', result.readings);
    let out: StepOutput;
    if (this.measures.length) {
      // Complaint counts first: a new incident seen by several measures opens as a complaint alert, the
      // others join it (advanceMeasures), in the table's run order (runOrder; the 5-minute measures
      // score once per block, at its last minute).
      const rated: MeasureStep[] = [];
      for (const r of this.measures) {
        const input = r.observe(minute, { counts, totals });
        if (input) rated.push({ metric: r.metric, input });
      }
      for (const { metric, input } of rated) this.remember(minute, metric, input.readings);
      out = advanceMeasures(this.engine, [{ metric: 'neg', input: result }, ...rated]);
    } else out = advanceAlerts(this.engine, result);
    // Evidence for alerts that opened (re-opened, or paged for a new surge) or escalated, and every few minutes for the rest.
    const needEvidence = new Set(out.events.filter((e) => e.type === 'opened' || e.type === 'reopened' || e.type === 'resurged' || e.type === 'escalated').map((e) => e.alertId));
    for (const a of out.state.active) if (a.stats.updatedAt === minute && a.stats.lastAboveAt === minute && (minute - a.stats.startedAt) % (5 * MINUTE) === 0) needEvidence.add(a.id);
    for (const id of needEvidence) {
      const a = out.state.active.find((x) => x.id === id);
      if (!a) continue;
      const evidence = await this.evidenceFor(a, minute + MINUTE);
      out = merge(out, withEvidence(out.state, id, evidence, minute + MINUTE));
    }
    await this.publish(out, minute, true);
  }

  /**
   * Stores a step (log, snapshots, readings), keeps its engine state, then tells the web nodes and people.
   * `minute`: the closed minute scored, or the minute a sliding window ends in (whose reading is not
   * stored: the drill-down charts closed minutes only).
   */
  private async publish(out: StepOutput, minute: number, closed: boolean): Promise<void> {
    await this.store(out, minute, openedIds(out));
    this.engine = out.state;
    if (closed) this.lastMinute = minute;
    await this.save(closed && this.snapshotDue(minute));
    if (out.changed.length || out.events.length) {
      const storm = out.notifications.find((n) => n.kind === 'storm');
      const change: AlertChange = { source: 'watcher', alerts: out.changed, events: out.events, ...(storm?.kind === 'storm' ? { storm: storm.storm } : {}) };
      await this.o.redis.publish(this.keys.changes, JSON.stringify(change));
    }
    for (const note of out.notifications) this.notify(note);
  }

  private snapshotEvery = () => (this.o.snapshotEveryMin ?? 10) * MINUTE;
  private lastSnapshotAt = 0;
  private snapshotDue(minute: number): boolean {
    return minute - this.lastSnapshotAt >= this.snapshotEvery();
  }

  private remember(minute: number, metric: AlertMetric, readings: ReadonlyMap<string, SliceReading>): void {
    const keep = (this.o.historyMin ?? 60) * MINUTE;
    for (const [slice, r] of readings) {
      const key = historyKey(metric, slice);
      const h = this.history.get(key) ?? [];
      h.push({ minute, r });
      while (h.length && h[0].minute <= minute - keep) h.shift();
      this.history.set(key, h);
    }
    for (const [slice, h] of this.history) if (!h.length || h[h.length - 1].minute <= minute - keep) this.history.delete(slice);
  }

  /** Evidence from the messages of [from, to) (by default since the alert started), against the hour before. */
  private async evidenceFor(a: Alert, to: number, from = a.stats.startedAt) {
    const baseFrom = from - 60 * MINUTE;
    const [win, base] = await Promise.all([
      sliceMessages(this.o.db, a.slice, from, to),
      sliceMessages(this.o.db, a.slice, baseFrom, from)
    ]);
    // Baseline counts scaled to the window's length, and up again when only a sample of it was read.
    const sampled = base.messages.length ? base.total / base.messages.length : 1;
    return buildEvidence(win.messages, base.messages, { baselineScale: ((to - from) / (from - baseFrom)) * sampled });
  }

  private async store(out: StepOutput, minute: number, opened: Set<string>): Promise<void> {
    const readings: { alertId: string; minute: number; reading: SliceReading }[] = [];
    for (const a of out.state.active) {
      for (const slice of new Set([a.slice, ...a.members.map((m) => m.slice)])) {
        const h = this.history.get(historyKey(metricOf(a), slice)) ?? [];
        const from = opened.has(a.id) ? 0 : minute;
        for (const x of h) if (x.minute >= from) readings.push({ alertId: a.id, minute: x.minute, reading: x.r });
      }
    }
    // The log first: a crash after it replays this minute, and readers drop the repeated events.
    await appendAlertEvents(this.o.db, out.events);
    if (out.changed.length) await writeAlertSnapshots(this.o.db, out.changed, this.nextVersion());
    await writeReadings(this.o.db, readings);
  }

  private nextVersion(): number {
    this.version = Math.max(this.version + 1, this.now() * 1000);
    return this.version;
  }

  private async save(withWatcher: boolean): Promise<void> {
    const state: Persisted = { lastMinute: this.lastMinute!, engine: this.engine };
    const tx = this.o.redis.multi().set(this.keys.state, JSON.stringify(state));
    if (withWatcher && this.watcherMinute !== null) {
      const measures = this.measures.length ? { measures: Object.fromEntries(this.measures.map((r) => [r.metric, r.snapshot()])) } : {};
      tx.set(this.keys.watcher, JSON.stringify({ minute: this.watcherMinute, snapshot: this.watcher.snapshot(), cuts: this.cuts.map(cutName), ...measures } satisfies PersistedWatcher));
      this.lastSnapshotAt = this.watcherMinute;
    }
    await tx.exec();
  }

  private notify(note: Notification): void {
    if (!this.o.notifier) return;
    void this.o.notifier.notify(note).then((results) => {
      for (const { channel, result } of results) {
        const about = note.kind === 'storm' ? note.storm.id : note.alert.id;
        if (result.ok) log.info({ kind: note.kind, alert: about, channel: channel.kind, attempts: result.attempts }, 'alert notification sent');
        else log.warn({ kind: note.kind, alert: about, channel: channel.kind, url: channel.url, error: result.error }, 'alert notification failed');
      }
    });
  }
}

/**
 * The saved complaint-count watcher, or null when it does not restore (unreadable, or a format newer than
 * this code: createSliceWatcher throws): the caller then warms the detectors up on history, as when lost.
 */
function restoreWatcher(raw: string, options: WatcherOptions = {}): (PersistedWatcher & { watcher: SliceWatcher }) | null {
  try {
    const w = JSON.parse(raw) as PersistedWatcher;
    return { ...w, watcher: createSliceWatcher(options, w.snapshot) };
  } catch (e) {
    log.warn({ error: (e as Error).message }, 'alert watcher snapshot not restored; warming it up on history');
    return null;
  }
}

/** Two steps of one minute as one (the second started from the first's state). */
/**
 * Alerts a step opened or re-opened (evidence merged in later may escalate them, never open one): fresh
 * evidence, and their readings stored from the start of the history (a re-opened one's dip included).
 */
function openedIds(out: StepOutput): Set<string> {
  return new Set(out.events.filter((e) => e.type === 'opened' || e.type === 'reopened').map((e) => e.alertId));
}

function merge(a: StepOutput, b: StepOutput): StepOutput {
  const changed = new Map(a.changed.map((x) => [x.id, x]));
  for (const x of b.changed) changed.set(x.id, x);
  const latest = (n: Notification): Notification => (n.kind === 'storm' ? n : { ...n, alert: b.state.active.find((x) => x.id === n.alert.id) ?? n.alert });
  // An alert that opens and escalates in one minute is announced once, at its new severity.
  const announced = new Set(a.notifications.flatMap((n) => (n.kind === 'opened' ? [n.alert.id] : [])));
  const later = b.notifications.filter((n) => !(n.kind === 'escalated' && announced.has(n.alert.id)));
  return { state: b.state, changed: [...changed.values()], events: [...a.events, ...b.events], notifications: [...a.notifications, ...later].map(latest) };
}

/**
 * History's minutes in order, read in 6-hour chunks so a long warm-up never holds more than one chunk of
 * rows; minutes without rows are skipped.
 */
async function* replay<R>(db: Db, range: [number, number], read: (db: Db, from: number, to: number) => Promise<Map<number, R>>): AsyncGenerator<[number, R]> {
  for (const [from, to] of chunks(range, 6 * 60 * MINUTE)) {
    const rows = await read(db, from, to);
    for (let m = from; m < to; m += MINUTE) {
      const r = rows.get(m);
      if (r) yield [m, r];
    }
  }
}
