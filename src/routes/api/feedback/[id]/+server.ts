import { json, type RequestHandler } from '@sveltejs/kit';
import { getContext } from '$lib/server/context';
import { findFeedback } from '$lib/server/queries';

export const GET: RequestHandler = async ({ params }) => {
  const ctx = await getContext();
  const record = await findFeedback(ctx.db, params.id ?? '');
  return record ? json(record) : json({ error: 'not stored (yet)' }, { status: 404 });
};
