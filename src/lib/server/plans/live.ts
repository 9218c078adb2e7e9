import type { InsightsUpdate } from '../../../../schemas/insights.ts';
import type { ServerContext } from '../context.ts';
import { computeInsights } from '../insights.ts';

/**
 * The latest insights of this web node, shared between src/server.ts (which computes them every
 * INSIGHTS_MS on a worker thread or adopts another node's, ../insights-hub.ts) and GET /api/insights in the SvelteKit bundle, a separate
 * module graph: hence globalThis.
 */

const KEY = Symbol.for('voc-pulse.insights');
type Holder = { [KEY]?: { latest: InsightsUpdate | null; computing: Promise<InsightsUpdate> | null } };
const holder = () => ((globalThis as Holder)[KEY] ??= { latest: null, computing: null });

export const latestInsights = (): InsightsUpdate | null => holder().latest;

/** Keeps a result computed by another node (insights-hub.ts) as the latest. */
export function adoptInsights(u: InsightsUpdate): InsightsUpdate {
  holder().latest = u;
  return u;
}

/** Runs `compute` unless a computation is already under way, and keeps its result as the latest. */
export function refreshInsights(compute: () => Promise<InsightsUpdate>): Promise<InsightsUpdate> {
  const h = holder();
  h.computing ??= compute()
    .then((u) => (h.latest = u))
    .finally(() => (h.computing = null));
  return h.computing;
}

/**
 * The latest insights; waits for the computation under way, and computes here only when there is
 * neither (a node whose first computation failed, or older than `maxAgeMs`).
 */
export async function currentInsights(ctx: ServerContext, maxAgeMs = 5 * 60_000): Promise<InsightsUpdate> {
  const h = holder();
  if (h.latest?.computedAt && Date.now() - h.latest.computedAt < maxAgeMs) return h.latest;
  return h.computing ?? refreshInsights(() => computeInsights(ctx.db, Date.now()));
}
