import { json, type RequestHandler } from '@sveltejs/kit';
import { getContext } from '$lib/server/context';
import { getAccess } from '$lib/server/access/service';

/** Who the page is talking for (null when signed out), and whether first-time setup is still open. */
export const GET: RequestHandler = async ({ locals }) => {
  const access = await getAccess(await getContext());
  const p = locals.principal;
  const user = p?.kind === 'user' ? access.user(p.id) : null;
  return json({
    principal: p ? { id: p.id, name: p.name, role: p.role, kind: p.kind, displayName: user?.display_name ?? p.name } : null,
    setupOpen: !access.hasAdmin()
  });
};
