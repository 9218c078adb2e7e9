import type { ImpactDetail, ImpactSummary, ImpactUpdate } from '../../../../schemas/impact.ts';
import type { Launch } from '../../../../schemas/plans.ts';
import { log } from '../../../../streaming/log.ts';
import type { Db } from '../../../../streaming/store/db.ts';
import { computeImpact, launchWindow, PRE_MS, summaryOf } from './compute.ts';
import { defaultLaunchSource, type LaunchSource } from './launches.ts';
import { countComplainingCustomers, firstDataAt, lastDataAt, praiseExamples, topicHours, type TopicWindow } from './queries.ts';

export interface ImpactServiceOptions {
  db: Db;
  launches?: LaunchSource;
  /** recomputation period; the figures are hourly, so a minute is plenty */
  periodMs?: number;
  onUpdate?: (u: ImpactUpdate) => void;
  now?: () => number;
  /** counted once per recomputation on this node (voc_impact_computed_total) */
  onComputed?: () => void;
}

/** Everything a node needs to answer from another node's computation (hub.ts shares it through Redis). */
export interface ImpactSnapshot {
  computedAt: number;
  signature: string;
  launches: Launch[];
  details: ImpactDetail[];
}

/**
 * How a node that does not compute (a follower, hub.ts) brings its figures up to date: `follow` adopts
 * the shared result when it is newer; `leading` says whether this node is the one computing.
 */
export interface ImpactCluster {
  leading(): boolean;
  follow(): Promise<boolean>;
}

/** The launch's own window, shared by the series, the examples and the customer list. */
export async function launchWindows(db: Db, launch: Launch, now: number) {
  const [first, last] = await Promise.all([firstDataAt(db), lastDataAt(db)]);
  // Only minutes before the newest stored one are surely whole: while a backlog is stored in time order,
  // the newest minute may still be filling (its hour read as whole was an hour measured ahead of the data).
  // Nothing stored at all reaches nowhere past the launch.
  const w = launchWindow(launch.at, first, now, last === null ? launch.at : last);
  const pre: TopicWindow = { topics: launch.topics, scope: launch.scope, from: w.preStart, to: launch.at };
  const post: TopicWindow = { topics: launch.topics, scope: launch.scope, from: launch.at, to: Math.max(launch.at, w.postEnd) };
  // The customers to tell are everyone who complained in the weeks before the launch. The model's window
  // starts at the first whole hour of stored data; a complaint in the partial hour before it still counts.
  const complained: TopicWindow = { ...pre, from: launch.at - PRE_MS };
  return { w, pre, post, complained };
}

/** Reads and computes the impact of one launch. */
export async function measureLaunch(db: Db, launch: Launch, now: number): Promise<ImpactDetail> {
  const { w, post, complained } = await launchWindows(db, launch, now);
  // Both groups (pilot and control) come back in one read; an "everywhere" launch has only the first.
  const [rows, praise, customers] = await Promise.all([
    topicHours(db, { topics: launch.topics, scope: launch.scope, from: w.preStart, to: w.postEnd }),
    praiseExamples(db, post),
    countComplainingCustomers(db, complained)
  ]);
  return { ...computeImpact({ launch, window: w, rows, now }), praiseExamples: praise, complainingCustomers: customers };
}

/**
 * A plan piloted and then rolled out has two launches; the plan's impact is measured from its latest
 * (the pilot's controls stop being controls once the fix is everywhere).
 */
export function latestPerPlan(launches: readonly Launch[]): Launch[] {
  const byPlan = new Map<string, Launch>();
  for (const l of launches) {
    const seen = byPlan.get(l.planId);
    if (!seen || l.at > seen.at || (l.at === seen.at && l.recordedAt > seen.recordedAt)) byPlan.set(l.planId, l);
  }
  return [...byPlan.values()].sort((a, b) => b.at - a.at || (a.planId < b.planId ? -1 : 1));
}

/** How often the launches are re-read for changes between full recomputations. */
const CHECK_MS = 5_000;
/** A follower asked about launches newer than its figures waits this long for the computing node's. */
const FOLLOW_WAIT_MS = 12_000;
const FOLLOW_POLL_MS = 250;
const signatureOf = (ls: readonly Launch[]) => JSON.stringify(ls.map((l) => [l.planId, l.at, l.recordedAt, l.scope, l.topics, l.planTitle]));
const newestFirst = (a: { launchAt: number }, b: { launchAt: number }) => b.launchAt - a.launchAt;

/**
 * Keeps the impact of every launch current: recomputes all of them each period (the estimator is
 * seeded, so unchanged data gives unchanged figures) and announces the summaries.
 */
export class ImpactService {
  private details = new Map<string, ImpactDetail>();
  private launches: Launch[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private computedAt = 0;
  private signature = '';
  readonly source: LaunchSource;
  private onUpdate: ((u: ImpactUpdate) => void) | undefined;
  /** set by hub.ts when the figures are computed once per cluster */
  cluster: ImpactCluster | null = null;

  constructor(private readonly opts: ImpactServiceOptions) {
    this.source = opts.launches ?? defaultLaunchSource;
    this.onUpdate = opts.onUpdate;
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  /**
   * Starts the periodic work; `onUpdate` hears every result (the server pushes it to sockets). Every
   * period everything is recomputed; in between, a new or changed launch is picked up within
   * `checkMs` (reading the launches is cheap, measuring them is not).
   */
  start(onUpdate?: (u: ImpactUpdate) => void, checkMs = CHECK_MS): void {
    if (onUpdate) this.onUpdate = onUpdate;
    void this.refresh();
    const period = this.opts.periodMs ?? 60_000;
    this.timer = setInterval(() => void (this.now() - this.computedAt >= period ? this.refresh() : this.sync()), Math.min(checkMs, period));
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One recomputation at a time; callers during a run wait for that run. */
  refresh(): Promise<void> {
    this.running ??= this.recompute()
      .catch((e) => log.warn({ err: (e as Error).message }, 'impact recomputation failed; keeping the last figures'))
      .finally(() => (this.running = null));
    return this.running;
  }

  /**
   * Recomputes only if the launches changed since the last run. A run under way may have read the
   * launches before the one just recorded, so it is awaited and the launches compared again after it.
   */
  async sync(): Promise<void> {
    if (this.running) await this.running;
    try {
      const launches = latestPerPlan(await this.source(this.opts.db));
      if (signatureOf(launches) !== this.signature) await this.refresh();
    } catch (e) {
      log.warn({ err: (e as Error).message }, 'could not read the launches');
    }
  }

  private async recompute(): Promise<void> {
    const launches = latestPerPlan(await this.source(this.opts.db));
    const now = this.now();
    const next = new Map<string, ImpactDetail>();
    for (const l of launches) {
      // Each estimate is a few hundred ms of CPU: let socket and HTTP work through between launches.
      await new Promise((r) => setImmediate(r));
      try {
        next.set(l.planId, await measureLaunch(this.opts.db, l, now));
      } catch (e) {
        log.warn({ err: (e as Error).message, planId: l.planId }, 'impact of a launch could not be computed');
        const old = this.details.get(l.planId);
        if (old) next.set(l.planId, old);
      }
    }
    this.launches = launches;
    this.signature = signatureOf(launches);
    this.details = next;
    this.computedAt = this.now();
    this.opts.onComputed?.();
    this.onUpdate?.(this.update());
  }

  /** Leader: a period has passed, or the launches changed (a plan launched a second ago is measured now). */
  async due(): Promise<boolean> {
    if (this.now() - this.computedAt >= (this.opts.periodMs ?? 60_000)) return true;
    return signatureOf(latestPerPlan(await this.source(this.opts.db))) !== this.signature;
  }

  /** Leader: recomputes and returns what followers adopt. */
  async compute(): Promise<ImpactSnapshot> {
    await this.refresh();
    return this.snapshot();
  }

  snapshot(): ImpactSnapshot {
    return { computedAt: this.computedAt, signature: this.signature, launches: this.launches, details: [...this.details.values()] };
  }

  get lastComputedAt(): number {
    return this.computedAt;
  }

  /** Follower: takes another node's figures as its own. */
  adopt(s: ImpactSnapshot): void {
    this.launches = s.launches;
    this.signature = s.signature;
    this.details = new Map(s.details.map((d) => [d.planId, d]));
    this.computedAt = s.computedAt;
  }

  update(): ImpactUpdate {
    return { serverTime: this.now(), launches: [...this.details.values()].map(summaryOf).sort(newestFirst) };
  }

  /** Reads answer from the last run, after picking up launches recorded since (a plan launched a second ago shows). */
  private async current(): Promise<void> {
    if (this.cluster && !this.cluster.leading() && (await this.followed())) return;
    if (!this.computedAt) await this.refresh();
    await this.sync();
  }

  /**
   * A follower answers from the computing node's figures: adopts the newest, and if launches were
   * recorded since, waits a little for the computing node to measure them (it checks every few
   * seconds). False when it has none to answer from (then it computes itself, as a single node would).
   */
  private async followed(): Promise<boolean> {
    const cluster = this.cluster!;
    await cluster.follow();
    const wanted = signatureOf(latestPerPlan(await this.source(this.opts.db)));
    const deadline = Date.now() + FOLLOW_WAIT_MS;
    while (!(this.computedAt && this.signature === wanted)) {
      if (Date.now() >= deadline) return false;
      await new Promise((r) => setTimeout(r, FOLLOW_POLL_MS));
      await cluster.follow();
    }
    return true;
  }

  async list(): Promise<ImpactSummary[]> {
    await this.current();
    return this.update().launches;
  }

  async detail(planId: string): Promise<ImpactDetail | null> {
    await this.current();
    return this.details.get(planId) ?? null;
  }

  async launch(planId: string): Promise<Launch | null> {
    await this.current();
    return this.launches.find((l) => l.planId === planId) ?? null;
  }
}

const KEY = Symbol.for('voc-pulse.impact-service');
type Holder = { [KEY]?: ImpactService };

/**
 * One service per web node, shared by the custom server (which starts it and pushes its updates) and the
 * SvelteKit routes (separate module graphs, hence globalThis, as for the server context).
 */
export function impactService(create: () => ImpactService): ImpactService {
  const holder = globalThis as Holder;
  holder[KEY] ??= create();
  return holder[KEY]!;
}
