import { json, type RequestHandler } from '@sveltejs/kit';
import { getContext } from '$lib/server/context';
import { currentInsights } from '$lib/server/plans/live';

/** The current ranked insights (last 24 h against the 7 days before) and the topic pressure gauges. */
export const GET: RequestHandler = async () => json(await currentInsights(await getContext()));
