import { json, type RequestHandler } from '@sveltejs/kit';
import { actorName } from '$schemas/access.ts';
import { getContext } from '$lib/server/context';
import { getAccess } from '$lib/server/access/service';
import { body, label } from '$lib/server/access/input';

export const GET: RequestHandler = async () => {
  const access = await getAccess(await getContext());
  return json({ items: access.listWallTokens() });
};

/** The secret is in this answer only; it is stored as a hash. */
export const POST: RequestHandler = async ({ request, locals, url, getClientAddress }) => {
  const access = await getAccess(await getContext());
  const name = label(await body(request));
  if (!name.ok) return name.response;
  const { token, row } = await access.createWallToken(actorName(locals.principal), name.value, getClientAddress());
  // The URL to open on the wall screen; anyone holding it sees the wall until the token is revoked.
  return json({ token, url: `${url.origin}/wall?token=${encodeURIComponent(token)}`, item: row }, { status: 201 });
};
