import { describe, expect, it } from 'vitest';
import { parseEntry, type RawEntry } from './entry.ts';

const entry = (fields: (string | Buffer)[], streamId = '1763892000000-0'): RawEntry => ({
  streamId,
  fields: fields.map((f) => (typeof f === 'string' ? Buffer.from(f) : f)),
  redelivered: false
});
const makeId = () => 'generated-1';

describe('parseEntry', () => {
  it('accepts a valid document and defaults id and ts from the entry', () => {
    const p = parseEntry(entry(['data', JSON.stringify({ channel: 'chat', text: '送餐太慢了' })]), makeId);
    expect(p.kind).toBe('ok');
    if (p.kind !== 'ok') return;
    expect(p.feedback.id).toBe('generated-1');
    expect(p.feedback.ts).toBe(1763892000000);
    expect(p.feedback.customer.region).toBe('');
  });

  it.each([
    ['malformed JSON', ['data', '{not json'], /not valid JSON/],
    ['unknown channel', ['data', JSON.stringify({ channel: 'fax', text: 'hi' })], /channel: must be one of/],
    ['wrong type', ['data', JSON.stringify({ channel: 'chat', text: 42 })], /text: must be a string/],
    ['empty text', ['data', JSON.stringify({ channel: 'chat', text: '   ' })], /text: must not be empty/],
    ['over-long text', ['data', JSON.stringify({ channel: 'chat', text: 'x'.repeat(20_001) })], /at most 20000/],
    ['control character', ['data', JSON.stringify({ channel: 'chat', text: 'bell\u0007' })], /control characters/],
    ['unknown field', ['data', JSON.stringify({ channel: 'chat', text: 'hi', colour: 'red' })], /unknown field\(s\): colour/],
    ['score out of range', ['data', JSON.stringify({ channel: 'chat', text: 'hi', scores: { nps: 11 } })], /scores\.nps/],
    ['impossible date', ['data', JSON.stringify({ channel: 'chat', text: 'hi', ts: '2026-13-45' })], /ts: must be an ISO 8601/],
    ['array instead of object', ['data', JSON.stringify([{ channel: 'chat', text: 'hi' }])], /must be a JSON object/],
    ['wrong field name', ['payload', '{}'], /exactly one field named "data"/],
    ['invalid UTF-8', ['data', Buffer.from([0x7b, 0xff, 0xfe, 0x7d])], /not valid UTF-8/]
  ])('dead-letters %s with a clear reason', (_name, fields, reason) => {
    const p = parseEntry(entry(fields as (string | Buffer)[]), makeId);
    expect(p.kind).toBe('dlq');
    if (p.kind === 'dlq') expect(p.reason).toMatch(reason);
  });

  it('rejects an event time more than a day in the future of its arrival', () => {
    const p = parseEntry(entry(['data', JSON.stringify({ channel: 'chat', text: 'hi', ts: 1763892000000 + 2 * 86_400_000 })]), makeId);
    expect(p.kind === 'dlq' && p.reason).toMatch(/^ts:/);
  });
});
