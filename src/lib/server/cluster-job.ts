import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { leadership } from '../../../streaming/leader.ts';
import { log } from '../../../streaming/log.ts';

/**
 * Work done once per cluster and shared through Redis (the insights list, the impact of launches):
 * reading ClickHouse and running the statistics is worth doing on one web node, not on every one.
 *
 * The node holding the lock (streaming/leader.ts) computes when `due()` says so and stores the result
 * beside its time stamp in a hash {at, value}; the others check the stamp every FOLLOW_MS (at most a
 * period) and read the (large) value only when it is newer than theirs. If the computing node stops
 * (or dies: the lock expires), another takes the lock and computes from then on. Each node pushes to
 * its own clients.
 */

/** How often a node checks the lock and, following, the shared stamp. */
const FOLLOW_MS = 5_000;

export const clusterKeys = (stream: string, job: string) => ({ leader: `${stream}:${job}:leader`, latest: `${stream}:${job}:latest` });

export interface ClusterJobOptions<T> {
  redis: Redis;
  keys: { leader: string; latest: string };
  /** for logs */
  name: string;
  periodMs: number;
  /** leader: whether to compute now (e.g. the last result is a period old, or its inputs changed) */
  due(): boolean | Promise<boolean>;
  compute(): Promise<T>;
  /** the time stamp of a result (ms); a follower adopts only a newer one */
  atOf(value: T): number;
  /** the stamp of the result this node holds (0 without one) */
  localAt(): number;
  /** a follower keeps another node's result */
  adopt(value: T): void;
  /** after computing or adopting: push to this node's clients */
  publish(value: T): void;
  /** counted once per computation on this node (the metric that shows one node computes) */
  onComputed?(): void;
  /** called on every tick this node is not the leader (e.g. to let a worker thread go) */
  onFollowing?(): void;
}

export interface ClusterJob {
  /** one check: compute as leader, or adopt as follower; never two at once */
  tick(): Promise<void>;
  /** reads the shared result now and adopts it when newer; true when it did */
  follow(): Promise<boolean>;
  /** whether this node held the lock at its last check */
  leading(): boolean;
  stop(): Promise<void>;
}

export function startClusterJob<T>(o: ClusterJobOptions<T>): ClusterJob {
  const tickMs = Math.min(FOLLOW_MS, o.periodMs);
  // Renewed every tick; long enough that a slow computation keeps it.
  const lead = leadership(o.redis, o.keys.leader, randomUUID(), Math.max(30_000, 3 * tickMs));
  let stopped = false;
  let busy: Promise<void> | null = null;
  let leader = false;

  const compute = async () => {
    const t0 = performance.now();
    const value = await o.compute();
    o.onComputed?.();
    // The stamp beside the value, so followers read the value only when it is new to them.
    await o.redis.multi().hset(o.keys.latest, 'at', String(o.atOf(value)), 'value', JSON.stringify(value)).pexpire(o.keys.latest, 3 * o.periodMs + 60_000).exec();
    if (!stopped) o.publish(value);
    log.debug({ job: o.name, ms: Math.round(performance.now() - t0) }, 'cluster job computed');
  };

  const follow = async (): Promise<boolean> => {
    const at = Number(await o.redis.hget(o.keys.latest, 'at'));
    if (!(at > o.localAt())) return false;
    const raw = await o.redis.hget(o.keys.latest, 'value');
    if (!raw) return false;
    const value = JSON.parse(raw) as T;
    o.adopt(value);
    if (!stopped) o.publish(value);
    return true;
  };

  const run = async () => {
    try {
      leader = await lead.hold();
      if (leader) {
        if (await o.due()) await compute();
      } else {
        o.onFollowing?.();
        await follow();
      }
    } catch (e) {
      log.warn({ job: o.name, err: (e as Error).message }, 'cluster job failed; the previous result stays');
    }
  };

  const tick = () => {
    if (stopped) return Promise.resolve();
    busy ??= run().finally(() => (busy = null));
    return busy;
  };

  void tick();
  const timer = setInterval(() => void tick(), tickMs);
  return {
    tick,
    follow,
    leading: () => leader,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await lead.release().catch(() => {});
    }
  };
}
