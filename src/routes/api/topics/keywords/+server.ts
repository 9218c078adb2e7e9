import { json, type RequestHandler } from '@sveltejs/kit';
import { LEAF_IDS } from '$schemas/taxonomy';
import { getContext } from '$lib/server/context';
import { chooseBaseline, topicKeywords, windowDocs, type WindowSpec } from '$lib/server/topic-queries';

/**
 * Keywords per topic over the last `minutes` (default 60, 5–1440), each with its growth against the
 * same hours of the previous 7 days; `topic` (a taxonomy leaf id) narrows to one topic.
 */
export const GET: RequestHandler = async ({ url }) => {
  const topic = url.searchParams.get('topic') || undefined;
  if (topic !== undefined && !LEAF_IDS.includes(topic)) return json({ error: `unknown topic ${JSON.stringify(topic)}` }, { status: 400 });
  const raw = url.searchParams.get('minutes');
  const minutes = raw === null || raw === '' ? 60 : Number(raw);
  if (!Number.isInteger(minutes) || minutes < 5 || minutes > 1440) return json({ error: 'minutes must be an integer from 5 to 1440' }, { status: 400 });
  const ctx = await getContext();
  const now = Date.now();
  const spec: WindowSpec = { endS: Math.floor(now / 1000), minutes, baselineDays: 7 };
  const baseline = chooseBaseline(spec, await windowDocs(ctx.db, spec));
  const topics = await topicKeywords(ctx.db, spec, baseline.kind, { topic });
  return json({ serverTime: now, minutes, baseline: baseline.kind, topics });
};
