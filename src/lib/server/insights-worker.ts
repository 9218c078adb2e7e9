import { Worker } from 'node:worker_threads';
import type { InsightsUpdate } from '../../../schemas/insights.ts';

/**
 * Computing the insights takes a second or more of CPU on a busy day (reading up to 40,000 rows and
 * the statistics); on the web node's main thread that would stall the wall's live pushes, so it runs on
 * a worker thread. Only src/server.ts loads this (the SvelteKit bundle has no worker file beside it).
 */
export interface InsightsWorker {
  compute(now: number): Promise<InsightsUpdate>;
  /** the thread died (it is then replaced by the caller) */
  readonly dead: boolean;
  close(): Promise<void>;
}

type Reply = { seq: number; ok: true; value: InsightsUpdate } | { seq: number; ok: false; error: string };

export function startInsightsWorker(): InsightsWorker {
  const worker = new Worker(new URL('./insights-worker-boot.mjs', import.meta.url));
  worker.unref();
  const waiting = new Map<number, { resolve: (u: InsightsUpdate) => void; reject: (e: Error) => void }>();
  let seq = 0;
  let failed: Error | null = null;
  const failAll = (e: Error) => {
    failed = e;
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  worker.on('message', (r: Reply) => {
    const w = waiting.get(r.seq);
    waiting.delete(r.seq);
    if (r.ok) w?.resolve(r.value);
    else w?.reject(new Error(r.error));
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`insights worker exited with code ${code}`)));
  return {
    compute(now) {
      if (failed) return Promise.reject(failed);
      return new Promise((resolve, reject) => {
        const id = seq++;
        waiting.set(id, { resolve, reject });
        worker.postMessage({ seq: id, now });
      });
    },
    get dead() {
      return failed !== null;
    },
    async close() {
      worker.removeAllListeners('exit');
      await worker.terminate();
    }
  };
}
