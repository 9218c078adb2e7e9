import { json, type RequestHandler } from '@sveltejs/kit';
import { actorName } from '$schemas/access.ts';
import { getContext } from '$lib/server/context';
import { getAccess } from '$lib/server/access/service';
import { body, userPatch } from '$lib/server/access/input';

/** Role change, disable/enable, password reset. Admins cannot demote or disable themselves (no lock-out). */
export const PATCH: RequestHandler = async ({ params, request, locals, getClientAddress }) => {
  const access = await getAccess(await getContext());
  const patch = userPatch(await body(request));
  if (!patch.ok) return patch.response;
  const self = locals.principal?.id === params.id;
  if (self && (patch.value.disabled || (patch.value.role && patch.value.role !== 'admin'))) {
    return json({ error: 'you cannot demote or disable your own account' }, { status: 409 });
  }
  const user = await access.updateUser(actorName(locals.principal), params.id ?? '', patch.value, getClientAddress());
  return user ? json({ user }) : json({ error: 'no such user' }, { status: 404 });
};
