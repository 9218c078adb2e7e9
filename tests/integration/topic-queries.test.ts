import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrichedFeedback } from '../../schemas/feedback.ts';
import { runEmerging } from '../../src/lib/server/emerging-job.ts';
import {
  chooseBaseline,
  exampleTexts,
  keywordWindows,
  listEmerging,
  messagesWithPhrases,
  topicKeywords,
  windowDocs,
  type WindowSpec
} from '../../src/lib/server/topic-queries.ts';
import type { Db } from '../../streaming/store/db.ts';
import { insertFeedback } from '../../streaming/store/insert.ts';
import { toRow } from '../../streaming/store/rows.ts';
import { sql } from '../../streaming/store/sql.ts';
import { ENGINES } from '../support/engines.ts';

const MIN = 60_000;
const DAY = 86_400_000;
// A fixed evening; the window is the hour before NOW.
const NOW = Date.UTC(2026, 10, 20, 12, 0, 30);
const spec: WindowSpec = { endS: NOW / 1000, minutes: 60, baselineDays: 7 };

let seq = 0;
function msg(ts: number, keywords: string[], over: Partial<EnrichedFeedback> = {}): EnrichedFeedback {
  const id = `tq-${seq++}`;
  return {
    id,
    ts,
    received_at: ts,
    channel: 'app_review',
    text: keywords.join(' '),
    lang: 'zh',
    customer: { id: '', region: 'east', segment: '', tier: '' },
    product: '',
    app_version: '',
    nps: null,
    csat: null,
    meta: {},
    sentiment: -0.5,
    sentiment_label: 'negative',
    topics: keywords.includes('送餐') ? ['delivery.late'] : keywords.includes('味道') ? ['food.taste'] : [],
    topic_sentiments: keywords.includes('送餐') || keywords.includes('味道') ? [-0.5] : [],
    keywords,
    pii: [],
    dup_of: '',
    noise: '',
    model_version: 'test',
    ...over
  };
}

/** n messages spread evenly over [from, to) */
function spread(n: number, from: number, to: number, keywords: string[], over: Partial<EnrichedFeedback> = {}): EnrichedFeedback[] {
  return Array.from({ length: n }, (_, i) => msg(from + Math.floor(((to - from) * i) / n), keywords, over));
}

const windowStart = NOW - 60 * MIN;
const records: EnrichedFeedback[] = [
  // Same hours of the three previous days: the usual talk, 450 messages a day.
  ...[1, 2, 3].flatMap((d) => [
    ...spread(300, windowStart - d * DAY - 30 * MIN, NOW - d * DAY + 30 * MIN, ['送餐', '太慢']),
    ...spread(150, windowStart - d * DAY, NOW - d * DAY, ['味道', '好吃'])
  ]),
  // Outside the band (six hours earlier, yesterday): breakfast talk the band must not see.
  ...spread(200, windowStart - DAY - 6 * 60 * MIN, windowStart - DAY - 5 * 60 * MIN, ['早餐', '凉了']),
  // Today, the hour before the window: not part of the same-hours band.
  ...spread(100, windowStart - 60 * MIN, windowStart, ['送餐', '太慢']),
  // The window: the usual talk, a new surge, noise and copies that must not count.
  ...spread(100, windowStart, NOW, ['送餐', '太慢']),
  ...spread(50, windowStart, NOW, ['味道', '好吃']),
  ...spread(30, windowStart + 30 * MIN, NOW, ['盲盒', '隐藏', '盲盒隐藏'], { text: `<script>alert("x")</script> 盲盒隐藏款抽不到, it's rigged` }),
  ...spread(10, windowStart + 30 * MIN, NOW, ['盲盒', '抽奖']),
  ...spread(20, windowStart, NOW, ['盲盒'], { noise: 'advert' }),
  ...spread(20, windowStart, NOW, ['盲盒'], { dup_of: 'tq-0' })
];

describe.each(ENGINES)('topic queries on $name', (engine) => {
  let db: Db;
  beforeAll(async () => {
    db = await engine.open();
    await insertFeedback(db, records.map((r) => ({ key: r.id, row: toRow(r, `0-${r.id}`) })));
  });
  afterAll(() => db?.close());

  it('counts the window, the same hours of previous days, and the previous days, leaving out noise and copies', async () => {
    const docs = await windowDocs(db, spec);
    expect(docs.window).toBe(190);
    expect(docs.sameHours).toBe(1350);
    expect(docs.previousDays).toBe(1350 + 200 + 100);
    expect(chooseBaseline(spec, docs)).toEqual({ kind: 'same-hours', docs: 1350 });
    expect(chooseBaseline(spec, docs, 5000)).toEqual({ kind: 'previous-days', docs: 1650 });
    expect(chooseBaseline({ ...spec, minutes: 1380 }, docs).kind).toBe('previous-days');
  });

  it('counts keyword document frequencies in window and baseline', async () => {
    const w = await keywordWindows(db, spec, { kind: 'same-hours', docs: 1350 }, 190, 5);
    expect(w.window.counts.get('盲盒')).toBe(40);
    expect(w.baseline.counts.get('盲盒')).toBe(0);
    expect(w.window.counts.get('送餐')).toBe(100);
    expect(w.baseline.counts.get('送餐')).toBe(900);
    expect(w.window.counts.has('早餐')).toBe(false);
    expect([w.window.docs, w.baseline.docs]).toEqual([190, 1350]);
  });

  it('reads the messages mentioning phrases, and their texts as stored', async () => {
    const ms = await messagesWithPhrases(db, spec, ['盲盒', "it's"]);
    expect(ms).toHaveLength(40);
    expect(ms.every((m) => m.keywords.every((k) => k === '盲盒'))).toBe(true);
    const texts = await exampleTexts(db, spec, [ms[0].id, "' OR 1=1 --"], 20);
    expect(texts.size).toBe(1);
    const first = [...texts.values()][0];
    expect(first.text.length).toBeLessThanOrEqual(20);
    expect(first.ts).toBeGreaterThanOrEqual(windowStart);
  });

  it('ranks keywords per topic with their growth inside the topic', async () => {
    const all = await topicKeywords(db, spec, 'same-hours', { perTopic: 1 });
    expect(all.map((t) => t.topic)).toEqual(['delivery.late', 'food.taste']);
    expect(all[0]).toMatchObject({ n: 100 });
    expect(all[0].keywords).toHaveLength(1);
    expect(all[0].keywords[0].count).toBe(100);
    expect(all[0].keywords[0].ratio).toBeCloseTo(1, 1);
    const one = await topicKeywords(db, spec, 'same-hours', { topic: 'food.taste' });
    expect(one.map((t) => t.topic)).toEqual(['food.taste']);
    expect(one[0].keywords.map((k) => k.keyword).sort()).toEqual(['味道', '好吃']);
    expect(await topicKeywords(db, spec, 'same-hours', { topic: "x' OR 1=1" })).toEqual([]);
  });

  it('lists the words of a topic, not the word every message shares, however often it is said', async () => {
    // A day later, in a window of its own (the baseline reaches back only over the records above).
    const later: WindowSpec = { ...spec, endS: spec.endS + 30 * 86_400 };
    const start = later.endS * 1000 - 60 * MIN;
    await insertFeedback(db, [
      ...spread(30, start, start + 50 * MIN, ['外卖', '送餐', '太慢']),
      ...spread(10, start, start + 50 * MIN, ['外卖', '送餐']),
      ...spread(90, start, start + 50 * MIN, ['外卖', '下单'])
    ].map((r) => ({ key: r.id, row: toRow(r, `0-${r.id}`) })));
    const [delivery] = await topicKeywords(db, later, 'previous-days', { perTopic: 2 });
    expect(delivery).toMatchObject({ topic: 'delivery.late', n: 40 });
    // By count alone "外卖" (40) would lead; it is in all 130 messages of the window.
    expect(delivery.keywords.map((k) => [k.keyword, k.count])).toEqual([['送餐', 40], ['太慢', 30]]);
  });

  it('finds, stores and lists the new surge, not the usual talk, and keeps its identity across runs', async () => {
    const first = await runEmerging(db, NOW, { windowMinutes: 60 });
    expect(first.baseline).toBe('same-hours');
    expect(first.rows).toHaveLength(1);
    const row = first.rows[0];
    expect(row.phrases).toEqual(expect.arrayContaining(['盲盒', '隐藏', '盲盒隐藏', '抽奖']));
    expect(row.messages).toBe(40);
    expect(row.example_texts[0]).toContain('<script>');

    const later = await runEmerging(db, NOW + 2 * MIN, { windowMinutes: 60 });
    expect(later.rows.map((r) => r.id)).toEqual([row.id]);
    expect(later.rows[0].first_seen).toBe(row.first_seen);

    const listed = await listEmerging(db, spec.endS - 3600, spec.endS + 60);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: row.id, label: row.label, count: 40, active: true, firstSeen: NOW });
    expect(listed[0].lastSeen).toBe(NOW + 2 * MIN);
    expect(listed[0].examples[0].text).toContain('<script>alert("x")</script>');
    expect(listed[0].terms.zh).toEqual(expect.arrayContaining(['盲盒']));
    const [{ n }] = await db.query<{ n: number | string }>(sql`SELECT count() AS n FROM emerging_topics`);
    expect(Number(n)).toBe(2);
  });

  it('treats phrases the taxonomy covers as known', async () => {
    const run = await runEmerging(db, NOW, { windowMinutes: 60, covered: (p) => p.startsWith('盲盒') || p === '隐藏' || p === '抽奖' });
    expect(run.rows).toEqual([]);
  });
});
