import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrichedFeedback } from '../../schemas/feedback.ts';
import type { ImpactSummary } from '../../schemas/impact.ts';
import { buildReport } from '../../src/lib/server/impact/report.ts';
import type { Db } from '../../streaming/store/db.ts';
import { insertFeedback } from '../../streaming/store/insert.ts';
import { toRow } from '../../streaming/store/rows.ts';
import { ENGINES } from '../support/engines.ts';

const DAY = 86_400_000;
const now = Math.floor(Date.now() / 60_000) * 60_000;
let seq = 0;

function msg(ts: number, topic: string, aspect: number): EnrichedFeedback {
  return {
    id: `rp-${seq++}`, ts, received_at: ts, channel: 'chat', text: 'x', lang: 'en',
    customer: { id: '', region: 'east', segment: '', tier: '' }, product: '', app_version: '', nps: null, csat: null, meta: {},
    sentiment: aspect, sentiment_label: aspect <= -0.3 ? 'negative' : aspect >= 0.3 ? 'positive' : 'neutral',
    topics: [topic], topic_sentiments: [aspect], keywords: [], pii: [], dup_of: '', noise: '', model_version: 'test'
  };
}

const launch = (planId: string, launchAt: number): ImpactSummary => ({
  planId, planTitle: planId, topics: ['app.slow'], scope: { kind: 'everywhere' }, launchAt, actor: 'a', status: 'settled', computedAt: now, headline: null, spark: [], postHours: 0
});

describe.each(ENGINES)('period report on $name', (engine) => {
  let db: Db;
  beforeAll(async () => {
    db = await engine.open();
    const rows = [
      // this week: 3 slow-loading complaints, 1 delivery complaint, 1 praise
      msg(now - 1 * DAY, 'app.slow', -0.8), msg(now - 2 * DAY, 'app.slow', -0.8), msg(now - 2 * DAY, 'app.slow', -0.5),
      msg(now - 3 * DAY, 'delivery.late', -0.9), msg(now - 3 * DAY, 'food.taste', 0.9),
      // the week before: 1 slow-loading complaint
      msg(now - 9 * DAY, 'app.slow', -0.9)
    ];
    await insertFeedback(db, rows.map((r) => ({ key: r.id, row: toRow(r, `0-${r.id}`) })));
  });
  afterAll(() => db?.close());

  it('sums the period against the one before, ranks the issues and keeps launches of the period', async () => {
    const r = await buildReport({ db, launches: async () => [launch('new', now - DAY), launch('old', now - 40 * DAY)] }, 'week', now);
    expect(r.totals).toMatchObject({ messages: 5, complaints: 4, previousMessages: 1, previousComplaints: 1 });
    expect(r.totals.negativeShare).toBeCloseTo(0.8);
    expect(r.topIssues.map((i) => [i.topic, i.complaints, i.previous])).toEqual([['app.slow', 3, 1], ['delivery.late', 1, 0]]);
    expect(r.daily.reduce((s, d) => s + d.neg, 0)).toBe(4);
    expect(r.plans).toBeNull();
    expect(r.launches.map((l) => l.planId)).toEqual(['new']);
  });

  it('lists the alerts that started in the period, each at its latest version', async () => {
    expect((await buildReport({ db, launches: async () => [] }, 'week', now)).alerts).toEqual([]);
    const snap = (version: number, status: string, startedAt: number, id = 'al-1') => ({
      alert_id: id, version, started_at: Math.floor(startedAt / 1000), updated_at: Math.floor(now / 1000), status, severity: 'high', slice: 'topic:app.slow|region:east', alert: '{}'
    });
    await db.insert('alert_snapshots', [snap(1, 'open', now - 2 * DAY), snap(2, 'resolved', now - 2 * DAY), snap(1, 'open', now - 20 * DAY, 'al-old')]);
    const r = await buildReport({ db, launches: async () => [] }, 'week', now);
    expect(r.alerts).toEqual([{ id: 'al-1', slice: 'topic:app.slow|region:east', severity: 'high', status: 'resolved', startedAt: Math.floor((now - 2 * DAY) / 1000) * 1000 }]);
  });
});
