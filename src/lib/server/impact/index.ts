import { getContext } from '../context.ts';
import { webMetrics } from '../web-metrics.ts';
import { impactService, ImpactService } from './service.ts';

/** The web node's impact service (started by src/server.ts; routes may be first to ask for it). */
export async function getImpact(): Promise<ImpactService> {
  const ctx = await getContext();
  return impactService(
    () => new ImpactService({ db: ctx.db, periodMs: ctx.config.IMPACT_MS, onComputed: () => webMetrics().impactComputed.inc() })
  );
}
