import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrichedFeedback } from '../../schemas/feedback.ts';
import type { LaunchScope } from '../../schemas/plans.ts';
import {
  complainingCustomers,
  countComplainingCustomers,
  firstDataAt,
  praiseExamples,
  topicHours
} from '../../src/lib/server/impact/queries.ts';
import type { Db } from '../../streaming/store/db.ts';
import { insertFeedback } from '../../streaming/store/insert.ts';
import { toRow } from '../../streaming/store/rows.ts';
import { ENGINES } from '../support/engines.ts';

const H = 3_600_000;
const DAY = 24 * H;
const launch = Math.floor(Date.now() / H) * H - 2 * DAY;
let seq = 0;

function msg(over: Partial<EnrichedFeedback> & { customerId?: string; region?: string; aspect?: number }): EnrichedFeedback {
  const aspect = over.aspect ?? -0.8;
  const { customerId, region, aspect: _a, ...rest } = over;
  return {
    id: `iq-${seq++}`,
    ts: launch - 5 * H,
    received_at: launch,
    channel: 'app_review',
    text: 'images load so slowly',
    lang: 'en',
    customer: { id: customerId ?? '', region: region ?? 'east', segment: 'consumer', tier: 'regular' },
    product: 'food-delivery',
    app_version: 'Android 5.12.2',
    nps: null,
    csat: null,
    meta: { platform: 'android' },
    sentiment: aspect,
    sentiment_label: aspect <= -0.3 ? 'negative' : aspect >= 0.3 ? 'positive' : 'neutral',
    topics: ['app.slow'],
    topic_sentiments: [aspect],
    keywords: [],
    pii: [],
    dup_of: '',
    noise: '',
    model_version: 'test',
    ...rest
  };
}

const everywhere: LaunchScope = { kind: 'everywhere' };
const east: LaunchScope = { kind: 'pilot', regions: ['east'] };
const ios: LaunchScope = { kind: 'pilot', platforms: ['iOS'] };
const pre = (scope: LaunchScope, topics = ['app.slow']) => ({ topics, scope, from: launch - 28 * DAY, to: launch });

describe.each(ENGINES)('impact queries on $name', (engine) => {
  let db: Db;
  beforeAll(async () => {
    db = await engine.open();
    const rows = [
      msg({ customerId: 'c-east' }),
      msg({ customerId: 'c-east', ts: launch - 3 * DAY, text: 'still slow' }),
      msg({ customerId: 'c-north', region: 'north' }),
      msg({ customerId: 'c-ios', region: 'north', app_version: 'iOS 5.12.2', meta: { platform: 'ios' } }),
      msg({ customerId: 'c-after', ts: launch + H }),
      msg({ customerId: 'c-praise', aspect: 0.9, text: 'images load fast now' }),
      msg({ customerId: 'c-other-topic', topics: ['food.taste'], topic_sentiments: [-0.9] }),
      msg({ customerId: 'c-too-old', ts: launch - 40 * DAY }),
      msg({ customerId: '' }),
      msg({ customerId: 'c-noise', noise: 'advert' }),
      msg({ customerId: 'c-copy', dup_of: 'iq-0' }),
      msg({ customerId: "c-o'brien, \"quoted\"", topics: ['food.taste', 'app.slow'], topic_sentiments: [0.5, -0.6] }),
      // after the launch: praise, for the examples
      msg({ customerId: 'c-p1', ts: launch + 2 * H, aspect: 0.95, text: '加载变快了' }),
      msg({ customerId: 'c-p2', ts: launch + 3 * H, aspect: 0.5, text: 'pictures show up quickly now' }),
      msg({ customerId: 'c-p3', ts: launch + 3 * H, aspect: 0.7, region: 'north', text: 'fast in the north too' }),
      // positive about the topic by its aspect score, yet a complaint as a whole: not praise
      msg({ customerId: 'c-p4', ts: launch + 4 * H, aspect: 0.99, sentiment: -0.6, sentiment_label: 'negative', text: 'still loading, hope you fix it' })
    ];
    await insertFeedback(db, rows.map((r) => ({ key: r.id, row: toRow(r, `0-${r.id}`) })));
  });
  afterAll(() => db?.close());

  it('lists exactly the customers who complained about the topics before the launch', async () => {
    const all = ['c-copy', 'c-east', 'c-ios', 'c-north', "c-o'brien, \"quoted\""];
    expect(await complainingCustomers(db, pre(everywhere))).toEqual(all);
    expect(await countComplainingCustomers(db, pre(everywhere))).toBe(all.length);
    // a parent topic stands for its leaves
    expect(await complainingCustomers(db, pre(everywhere, ['app']))).toEqual(all);
    expect(await complainingCustomers(db, pre(east))).toEqual(['c-copy', 'c-east', "c-o'brien, \"quoted\""]);
    expect(await complainingCustomers(db, pre(ios))).toEqual(['c-ios']);
    expect(await complainingCustomers(db, pre(everywhere, ['food.taste']))).toEqual(['c-other-topic']);
  });

  it('sums hours inside and outside a pilot the same way from the rollup and from the feedback table', async () => {
    const w = { topics: ['app.slow'], from: launch - 28 * DAY, to: launch + DAY };
    const all = await topicHours(db, { ...w, scope: everywhere });
    const total = (rows: typeof all, inside?: 0 | 1) =>
      rows.filter((r) => inside === undefined || r.inside === inside).reduce((s, r) => ({ n: s.n + r.n, neg: s.neg + r.neg, pos: s.pos + r.pos }), { n: 0, neg: 0, pos: 0 });
    // the copy and the noise are not voices; "too old" is outside the window
    expect(total(all)).toEqual({ n: 12, neg: 7, pos: 4 });
    expect(all.every((r) => r.inside === 1 && r.t % H === 0)).toBe(true);
    const byRegion = await topicHours(db, { ...w, scope: east });
    expect(total(byRegion, 1)).toEqual({ n: 9, neg: 5, pos: 3 });
    expect(total(byRegion, 0)).toEqual({ n: 3, neg: 2, pos: 1 });
    const byPlatform = await topicHours(db, { ...w, scope: ios });
    expect(total(byPlatform, 1)).toEqual({ n: 1, neg: 1, pos: 0 });
    expect(total(byPlatform, 0)).toEqual({ n: 11, neg: 6, pos: 4 });
  });

  it('picks the warmest praise after the launch as examples, inside the pilot', async () => {
    const post = { topics: ['app.slow'], from: launch, to: launch + DAY };
    expect((await praiseExamples(db, { ...post, scope: everywhere })).map((e) => e.text)).toEqual(['加载变快了', 'fast in the north too', 'pictures show up quickly now']);
    expect((await praiseExamples(db, { ...post, scope: east }, 5)).map((e) => e.text)).toEqual(['加载变快了', 'pictures show up quickly now']);
  });

  it('knows when data starts', async () => {
    expect(await firstDataAt(db)).toBe(launch - 40 * DAY);
  });
});
