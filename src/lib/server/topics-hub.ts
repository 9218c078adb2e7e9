import type { TopicsUpdate } from '../../../schemas/topics.ts';
import { log } from '../../../streaming/log.ts';
import type { Leadership } from '../../../streaming/leader.ts';
import type { Db } from '../../../streaming/store/db.ts';
import { runEmerging } from './emerging-job.ts';
import type { LiveIo } from './live-hub.ts';
import { loadCoverage } from './taxonomy-coverage.ts';
import { activeSince, EMERGING_LIST_HOURS, listEmerging, topicKeywords } from './topic-queries.ts';

export interface TopicsHubOptions {
  db: Db;
  io: LiveIo;
  periodMs: number;
  windowMinutes: number;
  /** with several web nodes, only the holder finds and stores candidates; without, this node does */
  leadership?: Leadership;
}

/**
 * Recomputes emerging topics and keywords per topic every period on this web node (candidates are found
 * and stored by the leading node only), and pushes 'topics:update:v1' to every client; a client connecting later gets the latest
 * update at once. Runs never overlap: a slow ClickHouse delays the next run instead of piling up.
 */
export class TopicsHub {
  private latest: TopicsUpdate | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private covered: ((phrase: string) => boolean) | null = null;

  constructor(private readonly opts: TopicsHubOptions) {}

  start(): void {
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.opts.periodMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  snapshot(): TopicsUpdate | null {
    return this.latest;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      this.latest = await this.run(Date.now());
      this.opts.io.local.emit('topics:update:v1', this.latest);
    } catch (e) {
      log.warn({ err: (e as Error).message }, 'emerging topics run failed; /topics keeps the previous picture');
    } finally {
      this.running = false;
    }
  }

  async run(nowMs: number): Promise<TopicsUpdate> {
    const { db, windowMinutes, periodMs } = this.opts;
    this.covered ??= await loadCoverage();
    const detect = this.opts.leadership ? await this.opts.leadership.hold() : true;
    const run = await runEmerging(db, nowMs, { windowMinutes, covered: this.covered, detect });
    const [emerging, keywords] = await Promise.all([
      listEmerging(db, run.spec.endS - EMERGING_LIST_HOURS * 3600, activeSince(nowMs, periodMs)),
      topicKeywords(db, run.spec, run.baseline)
    ]);
    return { serverTime: nowMs, windowMinutes, periodMs, emerging, topicKeywords: keywords };
  }
}
