import type { InsightsUpdate } from '../../../schemas/insights.ts';
import { startWorker } from '../../../streaming/worker-calls.ts';

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
  const calls = startWorker<{ now: number }, Reply>(new URL('./insights-worker-main.ts', import.meta.url), 'insights', { unref: true });
  return {
    async compute(now) {
      const r = await calls.call({ now });
      if (r.ok) return r.value;
      throw new Error(r.error);
    },
    get dead() {
      return calls.dead;
    },
    close: () => calls.close()
  };
}
