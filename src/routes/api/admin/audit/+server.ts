import { json, type RequestHandler } from '@sveltejs/kit';
import { getContext } from '$lib/server/context';
import { AUDIT_ACTIONS } from '$schemas/access.ts';
import { readAudit } from '$lib/server/access/store';

/** Newest first; ?action= (one of the known actions), ?actor=, ?before= (epoch ms) to page back, ?limit= (≤ 1000). */
export const GET: RequestHandler = async ({ url }) => {
  const ctx = await getContext();
  const action = url.searchParams.get('action') || undefined;
  if (action && !(AUDIT_ACTIONS as readonly string[]).includes(action)) return json({ error: `action: one of ${AUDIT_ACTIONS.join(', ')}` }, { status: 400 });
  const actor = url.searchParams.get('actor')?.slice(0, 100) || undefined;
  const beforeRaw = url.searchParams.get('before');
  const before = beforeRaw === null ? undefined : Number(beforeRaw);
  if (before !== undefined && !Number.isFinite(before)) return json({ error: 'before: epoch milliseconds' }, { status: 400 });
  const limitRaw = Number(url.searchParams.get('limit') ?? 200);
  const limit = Number.isFinite(limitRaw) ? limitRaw : 200;
  return json({ entries: await readAudit(ctx.db, { action, actor, before, limit }) });
};
