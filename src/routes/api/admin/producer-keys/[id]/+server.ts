import { json, type RequestHandler } from '@sveltejs/kit';
import { actorName } from '$schemas/access.ts';
import { getContext } from '$lib/server/context';
import { getAccess } from '$lib/server/access/service';

/** Revokes at once on every web node. */
export const DELETE: RequestHandler = async ({ params, locals, getClientAddress }) => {
  const access = await getAccess(await getContext());
  const ok = await access.revokeProducerKey(actorName(locals.principal), params.id ?? '', getClientAddress());
  return ok ? json({ ok: true }) : json({ error: 'not found' }, { status: 404 });
};
