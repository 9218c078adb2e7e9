import { json, type RequestHandler } from '@sveltejs/kit';
import { getContext } from '$lib/server/context';
import { getImpact } from '$lib/server/impact';
import { customersCsv, customersFileName } from '$lib/server/impact/csv';
import { launchWindows } from '$lib/server/impact/service';
import { complainingCustomers } from '$lib/server/impact/queries';

/**
 * Customers who complained about the plan's topics before the launch (in the pilot slices for a
 * pilot), ids only, so they can be told the fix shipped. The access layer audits this export.
 */
export const GET: RequestHandler = async ({ params }) => {
  const ctx = await getContext();
  const launch = await (await getImpact()).launch(params.planId ?? '');
  if (!launch) return json({ error: 'no launch for this plan' }, { status: 404 });
  const { complained } = await launchWindows(ctx.db, launch, Date.now());
  const ids = await complainingCustomers(ctx.db, complained);
  return new Response(customersCsv(ids), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${customersFileName(launch.planId)}"`,
      'cache-control': 'no-store'
    }
  });
};
