import { json, type RequestHandler } from '@sveltejs/kit';
import { getContext } from '$lib/server/context';
import { activeSince, EMERGING_LIST_HOURS, listEmerging } from '$lib/server/topic-queries';

/** Emerging topic candidates seen in the last `hours` (default 24, at most 30 days), active ones first. */
export const GET: RequestHandler = async ({ url }) => {
  const raw = url.searchParams.get('hours');
  const hours = raw === null ? EMERGING_LIST_HOURS : Number(raw);
  if (!Number.isInteger(hours) || hours < 1 || hours > 720) return json({ error: 'hours must be an integer from 1 to 720' }, { status: 400 });
  const ctx = await getContext();
  const now = Date.now();
  const emerging = await listEmerging(ctx.db, Math.floor(now / 1000) - hours * 3600, activeSince(now, ctx.config.TOPICS_PERIOD_MS));
  return json({ serverTime: now, hours, emerging });
};
