import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFeedback, lastStoredAt, liveBuckets, recentNotable, usualPerMinute } from '../../src/lib/server/queries.ts';
import type { Db } from '../../streaming/store/db.ts';
import { insertFeedback } from '../../streaming/store/insert.ts';
import { toRow } from '../../streaming/store/rows.ts';
import type { EnrichedFeedback } from '../../schemas/feedback.ts';
import { ENGINES } from '../support/engines.ts';

const MIN = 60_000;
const now = Math.floor(Date.now() / MIN) * MIN + 30_000;

function record(i: number, over: Partial<EnrichedFeedback> = {}): EnrichedFeedback {
  return {
    id: `q-${i}`,
    ts: now - (i % 3) * MIN,
    received_at: now,
    channel: i % 2 ? 'chat' : 'app_review',
    text: `Delivery ${i} was late, awful`,
    lang: 'en',
    customer: { id: '', region: i % 2 ? 'east' : 'north', segment: '', tier: '' },
    product: '',
    app_version: '',
    nps: null,
    csat: null,
    meta: { source: 'test' },
    sentiment: -0.8,
    sentiment_label: 'negative',
    topics: ['delivery.late'],
    topic_sentiments: [-0.8],
    keywords: ['late'],
    pii: [],
    dup_of: '',
    noise: '',
    model_version: 'test',
    ...over
  };
}

/** Every query the web node sends, on the oldest and the newest engine. */
describe.each(ENGINES)('web queries on $name', (engine) => {
  let db: Db;
  beforeAll(async () => {
    db = await engine.open();
    const records = [
      ...Array.from({ length: 9 }, (_, i) => record(i)),
      record(100, { sentiment: 0.7, sentiment_label: 'positive', topics: ['food.taste', 'delivery.late'], topic_sentiments: [0.7, -0.5], text: "Tasty but late, it's O'Brien's fault" }),
      record(101, { noise: 'advert', topics: [], topic_sentiments: [] }),
      record(102, { dup_of: 'q-0' }),
      record(103, { ts: now - 2 * 86_400_000 })
    ];
    await insertFeedback(db, records.map((r) => ({ key: r.id, row: toRow(r, `0-${r.id}`) })));
  });
  afterAll(() => db?.close());

  it('finds a stored record by id, with its enrichment, and nothing for an unknown or hostile id', async () => {
    const r = await findFeedback(db, 'q-100');
    expect(r).toMatchObject({ id: 'q-100', channel: 'app_review', topics: ['food.taste', 'delivery.late'], meta: { source: 'test' }, sentiment_label: 'positive' });
    expect(r?.text).toBe("Tasty but late, it's O'Brien's fault");
    expect(await findFeedback(db, 'nope')).toBeNull();
    expect(await findFeedback(db, "' OR 1=1 --")).toBeNull();
  });

  it('rolls messages up per minute, leaving out noise and counting near-duplicates once', async () => {
    const buckets = await liveBuckets(db, now - 10 * MIN);
    const total = buckets.filter((b) => b.key === 'all:').reduce((s, b) => s + b.bucket.n, 0);
    expect(total).toBe(10); // 9 + q-100; not the advert, not the copy, not the old one
    const neg = buckets.filter((b) => b.key === 'all:').reduce((s, b) => s + b.bucket.neg, 0);
    expect(neg).toBe(9);
    const late = buckets.filter((b) => b.key === 'topic:delivery.late').reduce((s, b) => s + b.bucket.n, 0);
    const lateNeg = buckets.filter((b) => b.key === 'topic:delivery.late').reduce((s, b) => s + b.bucket.neg, 0);
    expect([late, lateNeg]).toEqual([10, 10]);
    const taste = buckets.filter((b) => b.key === 'topic:food.taste').reduce((s, b) => s + b.bucket.pos, 0);
    expect(taste).toBe(1);
    const east = buckets.filter((b) => b.key === 'region:east').reduce((s, b) => s + b.bucket.n, 0);
    expect(east).toBe(4);
    expect(buckets.every((b) => b.bucket.minute % MIN === 0)).toBe(true);
  });

  it('computes the usual rate for this hour from earlier days only', async () => {
    // One message two days ago in this hour's only minute with data; today's ten do not count.
    expect(await usualPerMinute(db, now)).toBe(1);
    expect(await usualPerMinute(db, now - 3 * 86_400_000)).toBeNull();
  });

  it('knows when the newest stored message arrived', async () => {
    expect(await lastStoredAt(db)).toBe(Math.floor(now / 1000) * 1000);
  });

  it('lists recent notable messages newest first', async () => {
    const items = await recentNotable(db, now - 10 * MIN, 5);
    expect(items).toHaveLength(5);
    expect(items.map((i) => i.id)).not.toContain('q-101');
    expect(items.map((i) => i.id)).not.toContain('q-102');
    for (let i = 1; i < items.length; i++) expect(items[i - 1].ts).toBeGreaterThanOrEqual(items[i].ts);
  });
});
