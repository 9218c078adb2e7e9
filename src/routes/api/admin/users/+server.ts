import { json, type RequestHandler } from '@sveltejs/kit';
import { actorName } from '$schemas/access.ts';
import { getContext } from '$lib/server/context';
import { getAccess } from '$lib/server/access/service';
import { body, newUser } from '$lib/server/access/input';

export const GET: RequestHandler = async () => {
  const access = await getAccess(await getContext());
  return json({ users: access.listUsers() });
};

export const POST: RequestHandler = async ({ request, locals, getClientAddress }) => {
  const access = await getAccess(await getContext());
  const input = newUser(await body(request));
  if (!input.ok) return input.response;
  const user = await access.createUser(actorName(locals.principal), input.value, getClientAddress());
  if (user === 'exists') return json({ error: 'that username exists' }, { status: 409 });
  return json({ user }, { status: 201 });
};
