import { json, type RequestHandler } from '@sveltejs/kit';
import { alertsHub } from '$lib/server/alerts-hub';

/**
 * A person's action for phones and scripts: `{"type":"acknowledge"|"resolve"|"snooze"|"note", "until"?, "note"?}`.
 * 200 with the stored event; 400 malformed; 404 unknown alert; 409 not possible in the alert's state.
 */
export const POST: RequestHandler = async ({ params, request, locals }) => {
  const hub = alertsHub();
  if (!hub) return json({ error: 'alerts are not running on this node' }, { status: 503 });
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return json({ ok: false, error: { code: 'bad_event', type: 'noted', message: 'body must be JSON' } }, { status: 400 });
  }
  const action = body && typeof body === 'object' ? { ...body, alertId: params.id } : body;
  const result = await hub.act(action, locals.principal);
  if (result.ok) return json(result);
  const status = result.error.code === 'unknown_alert' ? 404 : result.error.code === 'invalid_transition' ? 409 : 400;
  return json(result, { status });
};
