import { json, type Handle, type RequestEvent } from '@sveltejs/kit';
import { getContext } from '$lib/server/context';
import { getAccess } from '$lib/server/access/service';
import { decide, isStateChanging, routeRule, type Rule } from '$lib/server/access/policy';
import { apiKeyOf, CSRF_HEADER, crossSite, secureHeaders, SESSION_COOKIE } from '$lib/server/access/http';
import { sameSecret } from '$lib/server/access/secrets';
import { log } from '../streaming/log.ts';

const isApi = (event: RequestEvent) => event.url.pathname.startsWith('/api/') || event.isDataRequest || event.request.method !== 'GET';

/**
 * The one authorisation check for HTTP: who is asking (session cookie, wall token, producer key), what
 * the policy table says about this route and method, CSRF for state-changing requests, the audit row
 * for exports, and security headers on every answer.
 */
export const handle: Handle = async ({ event, resolve }) => {
  const response = await authorise(event, resolve);
  const { config } = await getContext();
  try {
    secureHeaders(response.headers, config);
    return response;
  } catch {
    // immutable headers (a proxied response): copy once
    const copy = new Response(response.body, response);
    secureHeaders(copy.headers, config);
    return copy;
  }
};

async function authorise(event: RequestEvent, resolve: Parameters<Handle>[0]['resolve']): Promise<Response> {
  event.locals.principal = null;
  // No route: SvelteKit's own 404, which reveals nothing.
  if (event.route.id === null) return resolve(event);
  const ctx = await getContext();
  const access = await getAccess(ctx);
  const method = event.request.method;
  const rule = routeRule(event.route.id, method);

  const session = await access.session(event.cookies.get(SESSION_COOKIE));
  let principal = session?.principal ?? null;
  const token = event.url.searchParams.get('token');
  if (!principal && token && rule?.access === 'permission' && rule.wall) principal = await access.wallToken(token);
  const wantsKey = rule?.access === 'producer-key' || (rule?.access === 'permission' && rule.producerKey && !principal);
  const keyId = wantsKey ? await access.producerKey(apiKeyOf(event.request)) : null;
  event.locals.principal = principal;

  const decision = decide(rule, principal, keyId !== null);
  if (decision !== 'allow') return deny(event, decision, rule, Boolean(token));

  if (isStateChanging(method) && rule?.access !== 'producer-key') {
    if (crossSite(event.request, event.url)) return json({ error: 'cross-site request refused' }, { status: 403 });
    // With a session, the page must prove it read our CSRF cookie (a forged form cannot set headers).
    if (session && !sameSecret(event.request.headers.get(CSRF_HEADER) ?? '', session.csrf)) {
      return json({ error: `missing or wrong ${CSRF_HEADER} header` }, { status: 403 });
    }
  }

  if (keyId) {
    const allowance = await access.producerAllowance(keyId);
    if (!allowance.ok) {
      return json(
        { error: `rate limit: at most ${allowance.limit} requests per minute per API key; retry in ${allowance.retryAfterS} s`, reason: 'rate_limited', retryAfterS: allowance.retryAfterS },
        { status: 429, headers: { 'retry-after': String(allowance.retryAfterS) } }
      );
    }
  }

  if (rule?.access === 'permission' && rule.audit === 'export') {
    try {
      await access.audit({ actor: principal!.name, action: 'export', target: event.url.pathname, detail: event.url.search, ip: event.getClientAddress() });
    } catch (e) {
      log.error({ err: (e as Error).message }, 'audit write failed; export refused');
      return json({ error: 'the audit trail is unavailable, so exports are paused' }, { status: 503 });
    }
  }
  return resolve(event);
}

function deny(event: RequestEvent, decision: 'unauthenticated' | 'forbidden', rule: Rule | null, hadToken: boolean): Response {
  const status = decision === 'unauthenticated' ? 401 : 403;
  if (rule?.access === 'producer-key') return json({ error: 'missing or invalid API key (send it in the x-api-key header)' }, { status });
  if (isApi(event)) {
    const error = !rule ? 'no access rule for this route' : decision === 'unauthenticated' ? 'sign in first' : 'your role may not do this';
    return json({ error }, { status });
  }
  if (decision === 'unauthenticated' && !hadToken) {
    return new Response(null, { status: 303, headers: { location: `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}` } });
  }
  const text = hadToken && decision === 'unauthenticated' ? 'This wall token is invalid or has been revoked.' : 'Your role may not open this page.';
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
