import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../streaming/store/db.ts';
import { readGroups } from '../../streaming/ingest/groups.ts';
import { sql } from '../../streaming/store/sql.ts';
import { ENGINES } from '../support/engines.ts';
import { pendingCount, redisClient, runProcessor, testStreams, until, xaddDocs } from '../support/pipeline.ts';

const count = async (db: Db, where = sql`1`) =>
  Number((await db.query<{ c: number }>(sql`SELECT count() AS c FROM feedback WHERE ${where}`))[0].c);

describe.each(ENGINES)('processor pipeline on $name', (engine) => {
  let db: Db;
  let redis: Redis;
  beforeAll(async () => {
    db = await engine.open();
    redis = redisClient();
  });
  afterAll(async () => {
    redis?.disconnect();
    await db?.close();
  });

  it('stores valid messages enriched, dead-letters invalid ones with a reason, and acknowledges everything', async () => {
    const config = testStreams();
    const p = runProcessor(config, db);
    await xaddDocs(redis, config.VOC_STREAM, [
      { id: 'zh-1', channel: 'app_review', text: '送餐太慢了，饭都凉了', customer: { region: 'east' } },
      { id: 'en-1', channel: 'email', text: 'The app keeps crashing, terrible. Call me on 13812345678 or mail a.b@example.com' },
      { id: 'xss-1', channel: 'chat', text: '<script>alert(1)</script> 我的订单还没到' },
      '{"channel": "chat", "text": ',
      { channel: 'fax', text: 'hello' },
      { channel: 'chat', text: 'hi', colour: 'red' }
    ]);
    await until(() => count(db), (n) => n === 3);
    const dlq = await until(() => redis.xrange(config.VOC_DLQ, '-', '+'), (e) => e.length === 3);
    const reasons = dlq.map(([, fields]) => fields[fields.indexOf('reason') + 1]);
    expect(reasons).toEqual([expect.stringMatching(/not valid JSON/), expect.stringMatching(/^channel: must be one of/), expect.stringMatching(/unknown field\(s\): colour/)]);
    await until(() => pendingCount(redis, config.VOC_STREAM), (n) => n === 0);

    const [zh] = await db.query<{ lang: string; sentiment: number; sentiment_label: string; topics: string[] }>(
      sql`SELECT lang, sentiment, sentiment_label, topics FROM feedback WHERE id = 'zh-1'`
    );
    expect(zh.lang).toBe('zh');
    expect(zh.sentiment_label).toBe('negative');
    expect(zh.topics.some((t) => t.startsWith('delivery.'))).toBe(true);
    const [en] = await db.query<{ lang: string; text: string; sentiment_label: string; pii: string[] }>(
      sql`SELECT lang, text, sentiment_label, pii FROM feedback WHERE id = 'en-1'`
    );
    expect(en.lang).toBe('en');
    expect(en.sentiment_label).toBe('negative');
    expect(en.text).not.toContain('13812345678');
    expect(en.text).not.toContain('a.b@example.com');
    expect(en.pii.length).toBeGreaterThanOrEqual(2);
    await p.close();
  });

  it('stores a message once when its id arrives twice, in one batch or in separate ones', async () => {
    const config = testStreams();
    const p = runProcessor(config, db);
    const doc = { id: 'dup-1', channel: 'chat', text: 'Refund still not received after two weeks' };
    await xaddDocs(redis, config.VOC_STREAM, [doc, doc]);
    await until(() => pendingCount(redis, config.VOC_STREAM), (n) => n === 0);
    await xaddDocs(redis, config.VOC_STREAM, [doc]);
    await until(async () => (await readGroups(redis, config.VOC_STREAM))[0]?.entriesRead, (n) => n === 3);
    await until(() => pendingCount(redis, config.VOC_STREAM), (n) => n === 0);
    expect(await count(db, sql`id = 'dup-1'`)).toBe(1);
    expect(Number(await redis.hget(`${config.VOC_STREAM}:counters`, 'duplicates'))).toBe(2);
    await p.close();
  });

  it('keeps totals exact with two processors sharing the consumer group', async () => {
    const config = testStreams({ BATCH_MAX: 200, ENRICH_THREADS: 1 });
    const a = runProcessor(config, db);
    const b = runProcessor(config, db);
    const docs = Array.from({ length: 3000 }, (_, i) => ({
      id: `two-${i}`,
      channel: i % 2 ? 'app_review' : 'chat',
      text: i % 3 ? `骑手送餐太慢了，等了${i % 60}分钟` : `Order ${i} arrived late and cold`
    }));
    for (let i = 0; i < docs.length; i += 500) await xaddDocs(redis, config.VOC_STREAM, docs.slice(i, i + 500));
    await until(() => count(db, sql`startsWith(id, 'two-')`), (n) => n === 3000, 60_000);
    await until(() => pendingCount(redis, config.VOC_STREAM), (n) => n === 0);
    const readA = (await a.metrics.received.get()).values[0].value;
    const readB = (await b.metrics.received.get()).values[0].value;
    expect(readA + readB).toBe(3000);
    expect(readA).toBeGreaterThan(0);
    expect(readB).toBeGreaterThan(0);
    await Promise.all([a.close(), b.close()]);
    expect(await count(db, sql`startsWith(id, 'two-')`)).toBe(3000);
  });

  it('takes over entries a dead consumer left pending, without storing twice what it had already stored', async () => {
    const config = testStreams({ CLAIM_IDLE_MS: 1000 });
    await redis.xgroup('CREATE', config.VOC_STREAM, config.VOC_GROUP, '0', 'MKSTREAM');
    const ids = await xaddDocs(
      redis,
      config.VOC_STREAM,
      Array.from({ length: 10 }, (_, i) => ({ id: `dead-${i}`, channel: 'call', text: `客户来电反映退款第${i}天还没到账` }))
    );
    // A consumer that read all ten, claimed and stored the first four, then died before acknowledging.
    await redis.xreadgroup('GROUP', config.VOC_GROUP, 'dead-consumer', 'COUNT', 10, 'STREAMS', config.VOC_STREAM, '>');
    for (let i = 0; i < 4; i++) await redis.set(`${config.VOC_STREAM}:id:dead-${i}`, ids[i]);
    await db.insert(
      'feedback',
      Array.from({ length: 4 }, (_, i) => ({ id: `dead-${i}`, ts: Math.floor(Date.now() / 1000), ts_ms: Date.now(), channel: 'call', text: 'stored before the crash', stream_id: ids[i] }))
    );
    await new Promise((r) => setTimeout(r, 1100));
    const p = runProcessor(config, db);
    await until(() => pendingCount(redis, config.VOC_STREAM), (n) => n === 0, 30_000);
    expect(await count(db, sql`startsWith(id, 'dead-')`)).toBe(10);
    expect(await count(db, sql`startsWith(id, 'dead-') AND text = 'stored before the crash'`)).toBe(4);
    await p.close();
  });
});
