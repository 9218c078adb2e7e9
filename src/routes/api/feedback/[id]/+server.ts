import { json, type RequestHandler } from '@sveltejs/kit';
import { hasValidApiKey } from '$lib/server/auth';
import { getContext } from '$lib/server/context';
import { findFeedback } from '$lib/server/queries';

export const GET: RequestHandler = async ({ params, request }) => {
  const ctx = await getContext();
  if (!hasValidApiKey(request, ctx.config)) return json({ error: 'missing or invalid API key' }, { status: 401 });
  const record = await findFeedback(ctx.db, params.id ?? '');
  return record ? json(record) : json({ error: 'not stored (yet)' }, { status: 404 });
};
