import { json, type RequestHandler } from '@sveltejs/kit';
import { getContext } from '$lib/server/context';
import { getAccess } from '$lib/server/access/service';
import { setSessionCookies } from '$lib/server/access/http';
import { body, newUser } from '$lib/server/access/input';

/** First admin from the one-time setup token printed in the web node's log; closed once an admin exists. */
export const POST: RequestHandler = async ({ request, cookies, getClientAddress }) => {
  const ctx = await getContext();
  const access = await getAccess(ctx);
  const b = await body(request);
  const input = newUser(b ? { ...b, role: 'admin' } : null);
  if (!input.ok) return input.response;
  const token = typeof b?.token === 'string' ? b.token : '';
  if (!(await access.useSetupToken(token))) {
    await access.audit({ actor: input.value.username, action: 'setup', detail: 'bad or used setup token', ip: getClientAddress(), ok: false });
    return json({ error: 'setup token invalid, used, or an admin already exists' }, { status: 403 });
  }
  const user = await access.createUser('setup', input.value, getClientAddress());
  if (user === 'exists') return json({ error: 'that username exists' }, { status: 409 });
  await access.audit({ actor: user.id, action: 'setup', target: user.id, ip: getClientAddress() });
  const session = await access.createSession(user.id);
  setSessionCookies(cookies, ctx.config, request, session);
  return json({ user: { id: user.id, role: user.role }, csrf: session.csrf }, { status: 201 });
};
