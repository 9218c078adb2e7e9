import { Worker } from 'node:worker_threads';
import type { Feedback } from '../../schemas/feedback.ts';
import type { Enriched } from './index.ts';

export type EnrichResult = { ok: true; value: Enriched } | { ok: false; error: string };
export interface EnrichRequest {
  seq: number;
  items: Feedback[];
}
export interface EnrichReply {
  seq: number;
  results: EnrichResult[];
}

export interface ChunkEnricher {
  enrich(items: Feedback[]): Promise<EnrichResult[]>;
  close(): Promise<void>;
}

/**
 * Enrichment is the processor's heaviest CPU work; on its own thread it runs while the main thread
 * reads, validates, inserts and acknowledges. One worker keeps a single near-duplicate index; with
 * `threads: 0` enrichment runs inline (tests, tiny machines).
 */
export async function createChunkEnricher(threads: number): Promise<ChunkEnricher> {
  if (threads <= 0) {
    // Loaded only here: with a worker, the models live in the worker alone, not twice.
    const { createEnricher } = await import('./index.ts');
    const enrich = createEnricher();
    return {
      async enrich(items) {
        return items.map((f) => {
          try {
            return { ok: true, value: enrich(f) };
          } catch (e) {
            return { ok: false, error: (e as Error).message };
          }
        });
      },
      async close() {}
    };
  }
  const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url));
  const waiting = new Map<number, { resolve: (r: EnrichResult[]) => void; reject: (e: Error) => void }>();
  let seq = 0;
  let failed: Error | null = null;
  const failAll = (e: Error) => {
    failed = e;
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  worker.on('message', (reply: EnrichReply) => {
    waiting.get(reply.seq)?.resolve(reply.results);
    waiting.delete(reply.seq);
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`enrichment worker exited with code ${code}`)));
  return {
    enrich(items) {
      if (failed) return Promise.reject(failed);
      return new Promise((resolve, reject) => {
        const id = seq++;
        waiting.set(id, { resolve, reject });
        worker.postMessage({ seq: id, items } satisfies EnrichRequest);
      });
    },
    async close() {
      worker.removeAllListeners('exit');
      await worker.terminate();
    }
  };
}
