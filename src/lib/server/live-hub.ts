import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../schemas/events.ts';
import type { LiveSnapshot, LiveUpdate, PipelineHealth, TickerItem } from '../../../schemas/live.ts';
import { log } from '../../../streaming/log.ts';
import type { StoredNotice } from '../../../streaming/push/stored-notice.ts';
import type { Db } from '../../../streaming/store/db.ts';
import { LiveWindow } from './live-window.ts';
import { lastStoredAt, liveBuckets, recentNotable, usualPerMinute } from './queries.ts';
import { webMetrics } from './web-metrics.ts';

export type LiveIo = Server<ClientToServerEvents, ServerToClientEvents>;

export interface LiveHubOptions {
  db: Db;
  io: LiveIo;
  /** stream entries not yet stored (consumer lag + pending) */
  backlog: () => Promise<Pick<PipelineHealth, 'backlog' | 'oldestWaitingAt'>>;
  windowMinutes?: number;
  /** how far back a quick refresh re-reads: late messages older than this wait for the full refresh */
  recentMinutes?: number;
  /** heartbeat refresh period; an update goes out at least this often while ClickHouse answers */
  periodMs?: number;
  fullRefreshMs?: number;
  tickerSize?: number;
}

export const STORED_IDS_ROOM = 'stored-ids';

/**
 * Keeps this web node's live picture and pushes it. Every change to the picture happens in `refresh`,
 * which emits exactly the change it made; a client's snapshot is taken from the same picture, so a
 * client sees history then every later change once — no gap, no double count at the seam.
 */
export class LiveHub {
  private readonly window: LiveWindow;
  private ticker: TickerItem[] = [];
  private pendingTicker: TickerItem[] = [];
  private pendingIds: string[] = [];
  private usual: number | null = null;
  private pipeline: PipelineHealth = { lastStoredAt: null, backlog: 0, oldestWaitingAt: null };
  private refreshing: Promise<void> | null = null;
  private again = false;
  private lastFull = 0;
  private lastUsual = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly opts: LiveHubOptions) {
    this.window = new LiveWindow(opts.windowMinutes ?? 60);
  }

  async start(): Promise<void> {
    const now = Date.now();
    this.ticker = await recentNotable(this.opts.db, now - this.window.windowMinutes * 60_000, this.opts.tickerSize ?? 20);
    this.pipeline.lastStoredAt = await lastStoredAt(this.opts.db);
    await this.refresh();
    this.timer = setInterval(() => this.requestRefresh(), this.opts.periodMs ?? 2000);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  snapshot(): LiveSnapshot {
    const now = Date.now();
    return {
      serverTime: now,
      windowMinutes: this.window.windowMinutes,
      series: this.window.snapshot(now),
      usualPerMinute: this.usual,
      ticker: this.ticker,
      pipeline: this.pipeline
    };
  }

  /** A processor stored a batch: refresh now rather than at the next heartbeat. */
  onStored(notice: StoredNotice): void {
    this.pipeline = { ...this.pipeline, lastStoredAt: Date.now() };
    this.pendingIds.push(...notice.ids);
    this.pendingTicker.push(...notice.ticker);
    this.requestRefresh();
  }

  requestRefresh(): void {
    if (this.refreshing) {
      this.again = true;
      return;
    }
    this.refreshing = this.refresh()
      .catch((e) => log.warn({ err: (e as Error).message }, 'live refresh failed; wall clients will show stale data'))
      .finally(() => {
        this.refreshing = null;
        if (this.again) {
          this.again = false;
          this.requestRefresh();
        }
      });
  }

  private async refresh(): Promise<void> {
    const timer = webMetrics().refreshSeconds.startTimer();
    const now = Date.now();
    const full = now - this.lastFull > (this.opts.fullRefreshMs ?? 30_000);
    // Whatever was announced before the query starts is certainly in its result.
    const ids = this.pendingIds;
    const tickerIn = this.pendingTicker;
    this.pendingIds = [];
    this.pendingTicker = [];
    const since = full ? now - this.window.windowMinutes * 60_000 : now - (this.opts.recentMinutes ?? 3) * 60_000;
    const [buckets, backlog] = await Promise.all([liveBuckets(this.opts.db, since), this.opts.backlog(), this.refreshUsual(now)]).catch((e) => {
      // Not lost: the next refresh reports these ids and items.
      this.pendingIds.unshift(...ids);
      this.pendingTicker.unshift(...tickerIn);
      throw e;
    });
    if (full) this.lastFull = now;
    const upserts = this.window.merge(buckets, now);
    const fresh = tickerIn.filter((t) => !this.ticker.some((x) => x.id === t.id)).sort((a, b) => b.ts - a.ts);
    this.ticker = [...fresh, ...this.ticker].sort((a, b) => b.ts - a.ts).slice(0, this.opts.tickerSize ?? 20);
    this.pipeline = { ...this.pipeline, ...backlog };
    const update: LiveUpdate = { serverTime: now, upserts, ticker: fresh, usualPerMinute: this.usual, pipeline: this.pipeline };
    this.opts.io.local.emit('live:update:v1', update);
    if (ids.length) this.opts.io.local.to(STORED_IDS_ROOM).emit('stored:ids:v1', ids);
    webMetrics().pushes.inc();
    timer();
  }

  private async refreshUsual(now: number): Promise<void> {
    if (now - this.lastUsual < 60_000) return;
    this.usual = await usualPerMinute(this.opts.db, now);
    this.lastUsual = now;
  }
}
