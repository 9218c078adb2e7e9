import { json, type RequestHandler } from '@sveltejs/kit';
import { getContext } from '$lib/server/context';
import { getImpact } from '$lib/server/impact';
import { buildReport, isReportPeriod, reportPlans } from '$lib/server/impact/report';

/** GET /api/report?period=week|month|quarter (default week) */
export const GET: RequestHandler = async ({ url }) => {
  const period = url.searchParams.get('period') ?? 'week';
  if (!isReportPeriod(period)) return json({ error: 'period must be week, month or quarter' }, { status: 400 });
  const ctx = await getContext();
  const impact = await getImpact();
  return json(await buildReport({ db: ctx.db, launches: () => impact.list(), plans: (now) => reportPlans(ctx.db, now) }, period, Date.now()));
};
