import { validateFeedback, type Feedback } from '../../schemas/feedback.ts';

/** One Redis stream entry as read: its id and its raw field/value pairs, still as bytes. */
export interface RawEntry {
  streamId: string;
  fields: Buffer[];
  /** delivered to some consumer before: it may already be stored */
  redelivered: boolean;
}

export type ParsedEntry =
  | { kind: 'ok'; streamId: string; redelivered: boolean; feedback: Feedback; receivedAt: number }
  | { kind: 'dlq'; streamId: string; reason: string; original: Record<string, string> };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Stream ids start with the XADD time in ms: the arrival time, whatever the producer's clock says. */
export const streamIdTime = (streamId: string): number => Number(streamId.slice(0, streamId.indexOf('-')));

/**
 * Turns a raw entry into validated feedback, or into a dead-letter record with the reason and the
 * original fields. Never throws: bad input is data, not an exception.
 */
export function parseEntry(entry: RawEntry, makeId: () => string): ParsedEntry {
  const original: Record<string, string> = {};
  for (let i = 0; i + 1 < entry.fields.length; i += 2) {
    original[entry.fields[i].toString('utf8')] = entry.fields[i + 1].toString('utf8');
  }
  const dlq = (reason: string): ParsedEntry => ({ kind: 'dlq', streamId: entry.streamId, reason, original });
  const keys = Object.keys(original);
  if (keys.length !== 1 || keys[0] !== 'data') return dlq('entry must have exactly one field named "data"');
  const dataIndex = entry.fields.findIndex((f, i) => i % 2 === 0 && f.toString('utf8') === 'data');
  let text: string;
  try {
    text = utf8.decode(entry.fields[dataIndex + 1]);
  } catch {
    return dlq('data is not valid UTF-8');
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return dlq(`data is not valid JSON: ${(e as Error).message}`);
  }
  const receivedAt = streamIdTime(entry.streamId);
  const v = validateFeedback(doc, receivedAt, makeId);
  if (!v.ok) return dlq(v.errors.map((e) => `${e.field || '(document)'}: ${e.reason}`).join('; '));
  return { kind: 'ok', streamId: entry.streamId, redelivered: entry.redelivered, feedback: v.value, receivedAt };
}
