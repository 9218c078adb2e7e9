import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * A TypeScript module on its own thread that answers numbered requests: the enrichment worker and the
 * web node's insights worker. The module replies `{ seq, ... }` to each `{ seq, ... }` it receives.
 */
export interface WorkerCalls<Request, Reply> {
  call(request: Request): Promise<Reply>;
  /** the thread died: every pending and later call is rejected with the reason */
  readonly dead: boolean;
  close(): Promise<void>;
}

export function startWorker<Request extends object, Reply extends { seq: number }>(
  entry: URL,
  name: string,
  options: { unref?: boolean; resourceLimits?: ResourceLimits } = {}
): WorkerCalls<Request, Reply> {
  const worker = new Worker(new URL('./tsx-worker-boot.mjs', import.meta.url), { workerData: { entry: entry.href }, resourceLimits: options.resourceLimits });
  if (options.unref) worker.unref();
  const waiting = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  let seq = 0;
  let failed: Error | null = null;
  const failAll = (e: Error) => {
    failed = e;
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  worker.on('message', (reply: Reply) => {
    waiting.get(reply.seq)?.resolve(reply);
    waiting.delete(reply.seq);
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`${name} worker exited with code ${code}`)));
  return {
    call(request) {
      if (failed) return Promise.reject(failed);
      return new Promise((resolve, reject) => {
        const id = seq++;
        waiting.set(id, { resolve, reject });
        worker.postMessage({ ...request, seq: id });
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
