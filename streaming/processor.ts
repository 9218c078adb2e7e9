import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { bufferTime, concatMap, filter, from, map, mergeAll, mergeMap, tap } from 'rxjs';
import type { EnrichedFeedback } from '../schemas/feedback.ts';
import type { Config } from './config.ts';
import { createChunkEnricher } from './enrich/worker-pool.ts';
import { parseEntry, type ParsedEntry } from './ingest/entry.ts';
import { streamEntries } from './ingest/redis-source.ts';
import { log } from './log.ts';
import { createProcessorMetrics, type ProcessorMetrics } from './metrics.ts';
import { Aborted, retryForever } from './operators/retry.ts';
import { pickNotable } from './push/notable.ts';
import { storedChannel, type StoredNotice } from './push/stored-notice.ts';
import type { Db } from './store/db.ts';
import { claimIds, storedIds } from './store/dedupe.ts';
import { insertFeedback } from './store/insert.ts';
import { toRow } from './store/rows.ts';
import { trimConsumed } from './store/trim.ts';

/** entries per call to the enrichment thread */
const ENRICH_CHUNK = 500;
/** entries read ahead of enrichment: the two chunks on the enrichment thread and two more, read and parsed */
const READ_AHEAD = 4 * ENRICH_CHUNK;

type Item =
  | { kind: 'ok'; streamId: string; id: string; record: EnrichedFeedback; redelivered: boolean }
  | { kind: 'dlq'; streamId: string; reason: string; original: Record<string, string> };

export interface ProcessorDeps {
  config: Pick<Config, 'VOC_STREAM' | 'VOC_DLQ' | 'VOC_GROUP' | 'BATCH_MAX' | 'BATCH_MS' | 'CLAIM_IDLE_MS' | 'DEDUPE_TTL_S' | 'MAX_IN_FLIGHT'> &
    Partial<Pick<Config, 'ENRICH_THREADS'>>;
  consumer: string;
  /** for XREADGROUP BLOCK only */
  reader: Redis;
  /** for everything else */
  redis: Redis;
  db: Db;
  metrics?: ProcessorMetrics;
}

export interface Processor {
  metrics: ProcessorMetrics;
  /** resolves when the pipeline has drained after stop() */
  done: Promise<void>;
  /** stop reading, flush and acknowledge what was read; give up waiting on a dead dependency after graceMs */
  stop(graceMs?: number): Promise<void>;
}

/**
 * read → validate → clean/enrich → batch → store → acknowledge. An entry is acknowledged only after it is
 * stored (or dead-lettered, or known to be a duplicate), so a crash at any point loses nothing, and the
 * id claims in Redis make a redelivery count nothing twice.
 */
export function startProcessor(deps: ProcessorDeps): Processor {
  const { config, redis, db, consumer } = deps;
  const metrics = deps.metrics ?? createProcessorMetrics();
  const enricherReady = createChunkEnricher(config.ENRICH_THREADS ?? 0);
  const inFlight = new Set<string>();
  let deadline = Infinity;
  let stopRequested = false;
  const stopping = () => Date.now() > deadline;
  const stream = config.VOC_STREAM;
  // Entries read and not yet enriched, and enriched and not yet stored. Whatever is read further ahead
  // of the slowest stage only waits in this process's heap (~10 KB an entry, with the garbage it makes:
  // in the pipeline bench 15,000–19,000 entries queued for enrichment, or 13,500 behind a slow insert,
  // took the processor from ~400 to ~500 MB) instead of in Redis, where it is safe, free and visible as lag.
  let unenriched = 0;
  let unstored = 0;
  // One batch being written and one being gathered behind it.
  const storeAhead = 2 * config.BATCH_MAX;
  // How many more entries the source may read now: MAX_IN_FLIGHT still bounds everything unacknowledged.
  const room = () => Math.min(config.MAX_IN_FLIGHT - inFlight.size, READ_AHEAD - unenriched, storeAhead - unstored);

  const enrichChunk = async (parsed: ParsedEntry[]): Promise<Item[]> => {
    const valid = parsed.filter((p): p is Extract<ParsedEntry, { kind: 'ok' }> => p.kind === 'ok');
    const results = valid.length ? await (await enricherReady).enrich(valid.map((p) => p.feedback)) : [];
    let next = 0;
    return parsed.map((p): Item => {
      if (p.kind === 'dlq') return p;
      const r = results[next++];
      // A model bug must not stop the pipeline; the message is kept, with the reason, for replay.
      if (!r.ok) return { kind: 'dlq', streamId: p.streamId, reason: `enrichment failed: ${r.error}`, original: { data: JSON.stringify(p.feedback) } };
      const record = { ...r.value, received_at: p.receivedAt };
      return { kind: 'ok', streamId: p.streamId, id: record.id, record, redelivered: p.redelivered };
    });
  };

  const storeBatch = async (batch: Item[]) => {
    const timer = metrics.batchSeconds.startTimer();
    const ok = batch.filter((b): b is Extract<Item, { kind: 'ok' }> => b.kind === 'ok');
    const dead = batch.filter((b): b is Extract<Item, { kind: 'dlq' }> => b.kind === 'dlq');

    const claims = ok.length
      ? await retryForever('claim ids', () => claimIds(redis, db, `${stream}:id:`, config.DEDUPE_TTL_S, ok), stopping)
      : { toInsert: [], duplicates: [], alreadyStored: [] };
    const rows = claims.toInsert.map((it) => ({ key: it.streamId, row: toRow(it.record, it.streamId) }));
    let attempt = 0;
    const rejected = await retryForever(
      'insert into ClickHouse',
      async () => {
        // A failed insert may still have been written (the server died before answering), so a retry
        // inserts only the rows ClickHouse does not have.
        const stored = attempt++ > 0 && rows.length ? await storedIds(db, rows.map((r) => r.row.id)) : null;
        return insertFeedback(db, stored ? rows.filter((r) => !stored.has(r.row.id)) : rows);
      },
      stopping
    );
    for (const r of rejected) dead.push({ kind: 'dlq', streamId: r.key, reason: `ClickHouse rejected the row: ${r.reason}`, original: {} });

    if (dead.length) {
      await retryForever(
        'write dead letters',
        async () => {
          const pipe = redis.pipeline();
          for (const d of dead) {
            // Bounded: a flood of bad input must not exhaust Redis; the newest 100,000 are kept for inspection.
          pipe.xadd(config.VOC_DLQ, 'MAXLEN', '~', 100_000, '*', 'reason', d.reason, 'stream_id', d.streamId, 'original', JSON.stringify(d.original));
          }
          await pipe.exec();
        },
        stopping
      );
    }

    const storedRecords = claims.toInsert.filter((it) => !rejected.some((r) => r.key === it.streamId)).map((it) => it.record);
    if (storedRecords.length) {
      const notice: StoredNotice = { ids: claims.toInsert.map((it) => it.streamId), ticker: pickNotable(storedRecords) };
      // Best effort: a lost notice only delays the wall until its next periodic refresh.
      await redis.publish(storedChannel(stream), JSON.stringify(notice)).catch(() => undefined);
    }

    const ids = batch.map((b) => b.streamId);
    await retryForever(
      'acknowledge',
      async () => {
        // Cluster-wide totals for the web node's /metrics travel in the same round trip as the ack.
        const pipe = redis.pipeline();
        pipe.hincrby(`${stream}:counters`, 'received', batch.length);
        pipe.hincrby(`${stream}:counters`, 'stored', storedRecords.length);
        pipe.hincrby(`${stream}:counters`, 'dead_lettered', dead.length);
        pipe.hincrby(`${stream}:counters`, 'duplicates', claims.duplicates.length);
        pipe.xack(stream, config.VOC_GROUP, ...ids);
        const replies = (await pipe.exec()) ?? [];
        const failed = replies.find(([err]) => err);
        if (failed) throw failed[0];
      },
      stopping
    );
    for (const id of ids) inFlight.delete(id);
    unstored -= batch.length;

    metrics.stored.inc(storedRecords.length);
    metrics.deadLettered.inc(dead.length);
    metrics.duplicates.inc(claims.duplicates.length);
    metrics.inFlight.set(inFlight.size);
    timer();
  };

  // Entries waiting behind a slow write would look abandoned to other consumers after CLAIM_IDLE_MS;
  // touching them (XCLAIM to ourselves, JUSTID) keeps them ours while we are alive.
  const heartbeat = setInterval(async () => {
    const ids = [...inFlight];
    for (let i = 0; i < ids.length; i += 1000) {
      await redis
        .xclaim(stream, config.VOC_GROUP, consumer, 0, ...ids.slice(i, i + 1000), 'JUSTID')
        .catch((e: Error) => log.warn({ err: e.message }, 'heartbeat on pending entries failed'));
    }
  }, Math.max(1000, config.CLAIM_IDLE_MS / 3));

  // The processors own the stream's length: entries every group has acknowledged are dropped.
  const trimmer = setInterval(() => {
    trimConsumed(redis, stream).catch((e: Error) => log.warn({ err: e.message }, 'trimming the stream failed'));
  }, 10_000);

  const source = streamEntries({
    redis: deps.reader,
    stream,
    group: config.VOC_GROUP,
    consumer,
    claimIdleMs: config.CLAIM_IDLE_MS,
    maxInFlight: config.MAX_IN_FLIGHT,
    // The source reads while in-flight < maxInFlight, at most the difference.
    inFlight: () => config.MAX_IN_FLIGHT - room(),
    shouldStop: () => stopRequested
  });

  let resolveDone!: () => void;
  let rejectDone!: (e: unknown) => void;
  const done = new Promise<void>((res, rej) => {
    resolveDone = res;
    rejectDone = rej;
  }).finally(() => {
    clearInterval(heartbeat);
    clearInterval(trimmer);
    return enricherReady.then((e) => e.close());
  });

  source
    .pipe(
      // XAUTOCLAIM also hands back our own entries when a stalled event loop let their idle time pass
      // CLAIM_IDLE_MS: one still in flight here is already on its way to storage.
      filter((e) => !(e.redelivered && inFlight.has(e.streamId))),
      tap((e) => {
        inFlight.add(e.streamId);
        unenriched++;
        metrics.received.inc();
      }),
      map((e) => parseEntry(e, randomUUID)),
      // Small chunks keep the enrichment thread busy without adding noticeable latency. Two chunks are
      // handed to it at a time, so it starts the next one while the main thread takes the last one's
      // results (the thread answers in order, so results keep the order read).
      bufferTime(10, null, ENRICH_CHUNK),
      filter((chunk) => chunk.length > 0),
      mergeMap(
        (chunk) =>
          from(
            enrichChunk(chunk).finally(() => {
              unenriched -= chunk.length;
              unstored += chunk.length;
            })
          ),
        2
      ),
      mergeAll(),
      bufferTime(config.BATCH_MS, null, config.BATCH_MAX),
      filter((batch) => batch.length > 0),
      // concatMap, never switchMap: a write must not be cancelled by the next batch, and batches are acknowledged in order.
      concatMap((batch) => from(storeBatch(batch)))
    )
    .subscribe({
      complete: () => resolveDone(),
      error: (e) => {
        if (e instanceof Aborted) {
          log.warn('stopped with entries still pending; another processor (or this one, restarted) will take them over');
          resolveDone();
        } else rejectDone(e);
      }
    });

  return {
    metrics,
    done,
    stop(graceMs = 30_000) {
      deadline = Math.min(deadline, Date.now() + graceMs);
      // The source completes after its current read; bufferTime then flushes the last batch and
      // concatMap finishes every write before the pipeline completes.
      stopRequested = true;
      return done;
    }
  };
}
