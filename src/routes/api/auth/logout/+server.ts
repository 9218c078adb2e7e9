import { json, type RequestHandler } from '@sveltejs/kit';
import { actorName } from '$schemas/access.ts';
import { getContext } from '$lib/server/context';
import { getAccess } from '$lib/server/access/service';
import { clearSessionCookies, SESSION_COOKIE } from '$lib/server/access/http';

/** Ends the session everywhere: Redis forgets it and every web node drops its sockets. */
export const POST: RequestHandler = async ({ request, cookies, locals, getClientAddress }) => {
  const ctx = await getContext();
  const access = await getAccess(ctx);
  const id = cookies.get(SESSION_COOKIE);
  if (id) await access.endSession(id);
  if (locals.principal) await access.audit({ actor: actorName(locals.principal), action: 'sign-out', ip: getClientAddress() });
  clearSessionCookies(cookies, ctx.config, request);
  return json({ ok: true });
};
