import { json, type RequestHandler } from '@sveltejs/kit';
import { getImpact } from '$lib/server/impact';

/** Launched fixes with their headline effect and confidence, newest first. */
export const GET: RequestHandler = async () => {
  const impact = await getImpact();
  const launches = await impact.list();
  return json({ serverTime: Date.now(), launches });
};
