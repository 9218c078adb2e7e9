import { json, type RequestHandler } from '@sveltejs/kit';
import { getContext } from '$lib/server/context';
import { getAccess } from '$lib/server/access/service';
import { SESSION_COOKIE, setSessionCookies } from '$lib/server/access/http';
import { body } from '$lib/server/access/input';

/** Sign-in: sets the session cookie (httpOnly) and the CSRF cookie the page echoes in x-csrf-token. */
export const POST: RequestHandler = async ({ request, cookies, getClientAddress }) => {
  const ctx = await getContext();
  const access = await getAccess(ctx);
  const b = await body(request);
  const username = typeof b?.username === 'string' ? b.username : '';
  const password = typeof b?.password === 'string' ? b.password.slice(0, 200) : '';
  if (!username || !password) return json({ error: 'send username and password' }, { status: 400 });
  const result = await access.signIn(username, password, getClientAddress());
  if (!result.ok) {
    if (result.status === 429) {
      return json(
        { error: `too many failed sign-ins; try again in ${result.retryAfterS} s`, reason: 'throttled', retryAfterS: result.retryAfterS },
        { status: 429, headers: { 'retry-after': String(result.retryAfterS) } }
      );
    }
    return json({ error: 'wrong username or password' }, { status: 401 });
  }
  // A fresh id on every sign-in (no session fixation); the session this browser had ends.
  const previous = cookies.get(SESSION_COOKIE);
  if (previous) await access.endSession(previous);
  const session = await access.createSession(result.user.id);
  setSessionCookies(cookies, ctx.config, request, session);
  return json({ user: { id: result.user.id, displayName: result.user.display_name, role: result.user.role }, csrf: session.csrf });
};
