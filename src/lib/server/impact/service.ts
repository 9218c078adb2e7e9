import type { ImpactDetail, ImpactSummary, ImpactUpdate } from '../../../../schemas/impact.ts';
import type { Launch } from '../../../../schemas/plans.ts';
import { log } from '../../../../streaming/log.ts';
import type { Db } from '../../../../streaming/store/db.ts';
import { computeImpact, launchWindow, summaryOf } from './compute.ts';
import { defaultLaunchSource, type LaunchSource } from './launches.ts';
import { countComplainingCustomers, firstDataAt, praiseExamples, topicHours, type TopicWindow } from './queries.ts';

export interface ImpactServiceOptions {
  db: Db;
  launches?: LaunchSource;
  /** recomputation period; the figures are hourly, so a minute is plenty */
  periodMs?: number;
  onUpdate?: (u: ImpactUpdate) => void;
  now?: () => number;
}

/** The launch's own window, shared by the series, the examples and the customer list. */
export async function launchWindows(db: Db, launch: Launch, now: number) {
  const w = launchWindow(launch.at, await firstDataAt(db), now);
  const pre: TopicWindow = { topics: launch.topics, scope: launch.scope, from: w.preStart, to: launch.at };
  const post: TopicWindow = { topics: launch.topics, scope: launch.scope, from: launch.at, to: Math.max(launch.at, w.postEnd) };
  return { w, pre, post };
}

/** Reads and computes the impact of one launch. */
export async function measureLaunch(db: Db, launch: Launch, now: number): Promise<ImpactDetail> {
  const { w, pre, post } = await launchWindows(db, launch, now);
  // Both groups (pilot and control) come back in one read; an "everywhere" launch has only the first.
  const [rows, praise, customers] = await Promise.all([
    topicHours(db, { topics: launch.topics, scope: launch.scope, from: w.preStart, to: w.postEnd }),
    praiseExamples(db, post),
    countComplainingCustomers(db, pre)
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

// An unknown plan id triggers a recomputation at most this often (ids can come from anyone).
const FRESH_MS = 5_000;
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
  readonly source: LaunchSource;
  private onUpdate: ((u: ImpactUpdate) => void) | undefined;

  constructor(private readonly opts: ImpactServiceOptions) {
    this.source = opts.launches ?? defaultLaunchSource;
    this.onUpdate = opts.onUpdate;
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  /** Starts the periodic recomputation; `onUpdate` hears every result (the server pushes it to sockets). */
  start(onUpdate?: (u: ImpactUpdate) => void): void {
    if (onUpdate) this.onUpdate = onUpdate;
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.opts.periodMs ?? 60_000);
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
    this.details = next;
    this.computedAt = this.now();
    this.onUpdate?.(this.update());
  }

  private async ready(): Promise<void> {
    if (!this.computedAt) await this.refresh();
  }

  update(): ImpactUpdate {
    return { serverTime: this.now(), launches: [...this.details.values()].map(summaryOf).sort(newestFirst) };
  }

  async list(): Promise<ImpactSummary[]> {
    await this.ready();
    return this.update().launches;
  }

  /** A launch recorded since the last run is measured at once rather than at the next period. */
  private async fresh(planId: string): Promise<void> {
    await this.ready();
    if (!this.details.has(planId) && this.now() - this.computedAt > FRESH_MS) await this.refresh();
  }

  async detail(planId: string): Promise<ImpactDetail | null> {
    await this.fresh(planId);
    return this.details.get(planId) ?? null;
  }

  async launch(planId: string): Promise<Launch | null> {
    await this.fresh(planId);
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
