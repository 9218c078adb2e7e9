import type { Feedback } from '../../schemas/feedback.ts';
import type { Enriched } from './index.ts';
import { startWorker } from '../worker-calls.ts';

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
  // V8 sizes each thread's young generation for throughput (16 MB semi-spaces under allocation
  // pressure); the enrichment thread's garbage is short-lived (one chunk), and 8 MB semi-spaces save
  // ~20 MB of the processor's memory (issue #4; its cost in speed was not measured apart from the other
  // changes of that issue, which together did not lower the pipeline bench's throughput).
  const calls = startWorker<Omit<EnrichRequest, 'seq'>, EnrichReply>(new URL('./worker.ts', import.meta.url), 'enrichment', {
    resourceLimits: { maxYoungGenerationSizeMb: 24 }
  });
  return {
    enrich: (items) => calls.call({ items }).then((reply) => reply.results),
    close: () => calls.close()
  };
}
