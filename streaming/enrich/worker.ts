import { parentPort } from 'node:worker_threads';
import type { Feedback } from '../../schemas/feedback.ts';
import { createEnricher } from './index.ts';
import type { EnrichReply, EnrichRequest } from './worker-pool.ts';

// One enricher per worker: its near-duplicate index sees every message this worker enriches.
const enrich = createEnricher();

parentPort!.on('message', (req: EnrichRequest) => {
  const results = req.items.map((f: Feedback) => {
    try {
      return { ok: true as const, value: enrich(f) };
    } catch (e) {
      return { ok: false as const, error: (e as Error).message };
    }
  });
  parentPort!.postMessage({ seq: req.seq, results } satisfies EnrichReply);
});
