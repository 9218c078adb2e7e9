import { log } from '../log.ts';

export class Aborted extends Error {
  constructor() {
    super('gave up retrying: shutting down');
  }
}

/**
 * Runs `attempt` until it succeeds, backing off from 100 ms to 5 s. Used around every write so that an
 * outage of Redis or ClickHouse pauses the pipeline instead of losing or acknowledging anything.
 * `shouldStop` lets a shutdown with a dead dependency end the wait; the entries then stay pending.
 */
export async function retryForever<T>(what: string, attempt: () => Promise<T>, shouldStop: () => boolean = () => false): Promise<T> {
  let delay = 100;
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (e) {
      if (shouldStop()) throw new Aborted();
      if (tries === 1 || tries % 10 === 0) log.warn({ what, tries, err: (e as Error).message }, 'write failed; will retry');
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 5000);
    }
  }
}
