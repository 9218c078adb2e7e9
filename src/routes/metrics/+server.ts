import { getContext } from '$lib/server/context';
import { refreshStreamGauges, webMetrics } from '$lib/server/web-metrics';

export const GET = async () => {
  const ctx = await getContext();
  await refreshStreamGauges(ctx).catch(() => undefined);
  const m = webMetrics();
  return new Response(await m.registry.metrics(), { headers: { 'content-type': m.registry.contentType } });
};
