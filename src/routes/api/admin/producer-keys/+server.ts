import { json, type RequestHandler } from '@sveltejs/kit';
import { actorName } from '$schemas/access.ts';
import { getContext } from '$lib/server/context';
import { getAccess } from '$lib/server/access/service';
import { body, label } from '$lib/server/access/input';

export const GET: RequestHandler = async () => {
  const access = await getAccess(await getContext());
  return json({ items: access.listProducerKeys() });
};

/** The secret is in this answer only; it is stored as a hash. */
export const POST: RequestHandler = async ({ request, locals, getClientAddress }) => {
  const access = await getAccess(await getContext());
  const name = label(await body(request));
  if (!name.ok) return name.response;
  const { key, row } = await access.createProducerKey(actorName(locals.principal), name.value, getClientAddress());
  return json({ key, item: row }, { status: 201 });
};
