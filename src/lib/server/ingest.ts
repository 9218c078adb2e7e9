import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { validateFeedback, type FieldError } from '../../../schemas/feedback.ts';

export const MAX_ITEMS = 10_000;
export const MAX_BYTES = 10 * 1024 * 1024;

export type ParsedBody = { ok: true; items: unknown[] } | { ok: false; status: 400 | 413; error: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** One JSON object, a JSON array, or NDJSON; the limits are part of the public contract (README). */
export function parseBody(bytes: Uint8Array, contentType: string): ParsedBody {
  if (bytes.byteLength > MAX_BYTES) return { ok: false, status: 413, error: `body larger than ${MAX_BYTES} bytes` };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, status: 400, error: 'body is not valid UTF-8' };
  }
  let items: unknown[];
  if (contentType.includes('application/x-ndjson')) {
    items = [];
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i].trim()) continue;
      try {
        items.push(JSON.parse(lines[i]));
      } catch (e) {
        return { ok: false, status: 400, error: `line ${i + 1} is not valid JSON: ${(e as Error).message}` };
      }
    }
  } else {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      return { ok: false, status: 400, error: `body is not valid JSON: ${(e as Error).message}` };
    }
    items = Array.isArray(doc) ? doc : [doc];
  }
  if (items.length === 0) return { ok: false, status: 400, error: 'no items in body' };
  if (items.length > MAX_ITEMS) return { ok: false, status: 413, error: `more than ${MAX_ITEMS} items` };
  return { ok: true, items };
}

export interface IngestResult {
  accepted: { index: number; id: string }[];
  errors: FieldError[];
}

/**
 * Validates every item and appends the valid ones to the stream. Ids and event times are fixed here so
 * the ids answered to the producer are the ids that get stored; the processors validate again, because
 * producers may also XADD directly.
 */
export async function ingest(redis: Redis, stream: string, items: unknown[], now = Date.now()): Promise<IngestResult> {
  const result: IngestResult = { accepted: [], errors: [] };
  const pipe = redis.pipeline();
  items.forEach((raw, index) => {
    const v = validateFeedback(raw, now, randomUUID);
    if (!v.ok) {
      for (const e of v.errors) result.errors.push({ ...e, index });
      return;
    }
    const doc = { ...(raw as Record<string, unknown>), id: v.value.id, ts: v.value.ts };
    pipe.xadd(stream, '*', 'data', JSON.stringify(doc));
    result.accepted.push({ index, id: v.value.id });
  });
  if (result.accepted.length) {
    const replies = (await pipe.exec()) ?? [];
    const failed = replies.find(([err]) => err);
    if (failed) throw failed[0];
  }
  return result;
}
