import type { Redis } from 'ioredis';
import { Observable } from 'rxjs';
import { log } from '../log.ts';
import type { RawEntry } from './entry.ts';

export interface StreamSourceOptions {
  /** a connection of its own: XREADGROUP BLOCK holds it */
  redis: Redis;
  stream: string;
  group: string;
  consumer: string;
  count?: number;
  blockMs?: number;
  /** pending entries idle this long belong to a consumer presumed dead and are taken over */
  claimIdleMs: number;
  /** stop reading while this many entries are read but not yet acknowledged (bounded memory) */
  maxInFlight: number;
  inFlight: () => number;
  /** graceful stop: finish the read under way, emit what it returned, then complete */
  shouldStop: () => boolean;
}

type StreamReply = [Buffer, [Buffer, Buffer[] | null][]][] | null;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Creates the consumer group at the start of the stream, so entries written before any processor ran are not skipped. */
export async function ensureGroup(redis: Redis, stream: string, group: string): Promise<void> {
  try {
    await redis.xgroup('CREATE', stream, group, '0', 'MKSTREAM');
  } catch (e) {
    if (!String((e as Error).message).includes('BUSYGROUP')) throw e;
  }
}

/**
 * Entries of the stream for this consumer: first its own pending entries (delivered before a crash,
 * maybe stored, never acknowledged), then entries other consumers left pending for too long
 * (XAUTOCLAIM), then new ones. Completes after `shouldStop()` turns true (entries already read are still
 * emitted: they are pending and ours), or at once when unsubscribed. Redis errors are logged and
 * retried, never fatal, because the pipeline must not stop.
 */
export function streamEntries(opts: StreamSourceOptions): Observable<RawEntry> {
  const { redis, stream, group, consumer } = opts;
  const count = opts.count ?? 500;
  const blockMs = opts.blockMs ?? 1000;

  return new Observable<RawEntry>((subscriber) => {
    let running = true;
    const emit = (items: [Buffer, Buffer[] | null][], redelivered: boolean) => {
      for (const [id, fields] of items) {
        // A null field list is an entry deleted (trimmed) while pending: nothing left to process.
        subscriber.next({ streamId: id.toString(), fields: fields ?? [], redelivered });
      }
    };

    const readOwnPending = async () => {
      let cursor = '0';
      while (running) {
        const reply = (await redis.xreadgroupBuffer('GROUP', group, consumer, 'COUNT', count, 'STREAMS', stream, cursor)) as StreamReply;
        const items = reply?.[0]?.[1] ?? [];
        if (items.length === 0) return;
        emit(items, true);
        cursor = items[items.length - 1][0].toString();
      }
    };

    const claimAbandoned = async () => {
      let cursor = '0-0';
      do {
        const reply = (await redis.callBuffer('XAUTOCLAIM', stream, group, consumer, opts.claimIdleMs, cursor, 'COUNT', count)) as unknown as [
          Buffer,
          [Buffer, Buffer[] | null][],
          Buffer[]?
        ];
        cursor = reply[0].toString();
        if (reply[1].length > 0) {
          log.info({ claimed: reply[1].length }, 'took over entries left pending by another consumer');
          emit(reply[1], true);
        }
      } while (running && cursor !== '0-0');
    };

    (async () => {
      let lastClaim = 0;
      let ready = false;
      while (running && !opts.shouldStop()) {
        try {
          if (!ready) {
            await ensureGroup(redis, stream, group);
            await readOwnPending();
            ready = true;
          }
          if (opts.inFlight() >= opts.maxInFlight) {
            await sleep(10);
            continue;
          }
          if (Date.now() - lastClaim > opts.claimIdleMs / 2) {
            lastClaim = Date.now();
            await claimAbandoned();
          }
          const room = Math.max(1, Math.min(count, opts.maxInFlight - opts.inFlight()));
          const reply = (await redis.xreadgroupBuffer('GROUP', group, consumer, 'COUNT', room, 'BLOCK', blockMs, 'STREAMS', stream, '>')) as StreamReply;
          if (reply && running) emit(reply[0][1], false);
        } catch (e) {
          if (!running) break;
          log.warn({ err: (e as Error).message }, 'reading the stream failed; retrying');
          await sleep(500);
        }
      }
      subscriber.complete();
    })();

    return () => {
      running = false;
    };
  });
}
