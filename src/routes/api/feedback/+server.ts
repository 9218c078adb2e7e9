import { json, type RequestHandler } from '@sveltejs/kit';
import { getContext } from '$lib/server/context';
import { ingest, MAX_BYTES, parseBody } from '$lib/server/ingest';
import { webMetrics } from '$lib/server/web-metrics';

export const POST: RequestHandler = async ({ request }) => {
  const ctx = await getContext();
  // The producer key (and its rate limit) was checked by the access hook (src/hooks.server.ts).
  const contentType = request.headers.get('content-type') ?? 'application/json';
  if (!/^application\/(json|x-ndjson)\b/.test(contentType)) {
    return json({ error: 'send application/json (an object or an array) or application/x-ndjson' }, { status: 415 });
  }
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BYTES) return json({ error: `body larger than ${MAX_BYTES} bytes` }, { status: 413 });
  const parsed = parseBody(new Uint8Array(await request.arrayBuffer()), contentType);
  if (!parsed.ok) return json({ error: parsed.error }, { status: parsed.status });
  const result = await ingest(ctx.redis, ctx.config.VOC_STREAM, parsed.items);
  webMetrics().ingestAccepted.inc(result.accepted.length);
  webMetrics().ingestRejected.inc(new Set(result.errors.map((e) => e.index)).size);
  // 202: appended to the stream, not yet stored; GET /api/feedback/:id answers once it is.
  return json(result, { status: result.accepted.length > 0 ? 202 : 422 });
};
