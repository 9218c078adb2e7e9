import { json, type RequestHandler } from '@sveltejs/kit';
import { getImpact } from '$lib/server/impact';

/** The full measured impact of one launched plan: series, bands, before/after, pilot vs control, praise. */
export const GET: RequestHandler = async ({ params }) => {
  const detail = await (await getImpact()).detail(params.planId ?? '');
  return detail ? json(detail) : json({ error: 'no launch for this plan' }, { status: 404 });
};
