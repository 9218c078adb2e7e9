import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sliceTotals } from '../../streaming/analyse/alerts/measures.ts';
import { measureRows } from '../../streaming/store/alerts.ts';
import { connectHttpDb, type Db } from '../../streaming/store/db.ts';
import { insertFeedback } from '../../streaming/store/insert.ts';
import { loadMigrations, migrate } from '../../streaming/store/migrate.ts';
import { toRow } from '../../streaming/store/rows.ts';
import { chdbDb } from '../support/chdb.ts';
import { uniqueName } from '../support/engines.ts';
import { labelled } from '../support/sim-history.ts';

/**
 * Migration 007 (score_minute) on a database that already holds messages: the scores stored before it
 * are backfilled once, a second run of its statements (a crash before its record) adds nothing, and
 * messages stored after it are counted by the view, once.
 */
const MIN = 60_000;
const t0 = Math.floor(Date.now() / MIN) * MIN - 30 * MIN;
const RAW: { name: string; open(): Promise<Db> | Db }[] = [
  { name: 'clickhouse-server (HTTP)', open: () => connectHttpDb({ url: inject('clickhouseUrl'), database: uniqueName('voc_scores') }) },
  { name: 'chdb (current engine)', open: () => chdbDb(uniqueName('voc_scores')) }
];

const doc = (id: string, at: number, scores: { nps?: number; csat?: number } | undefined, over: { noise?: boolean } = {}) => ({
  ...labelled({
    id, channel: 'survey', text: over.noise ? '加微信领红包' : `送餐太慢了 ${id}`,
    customer: { id: `c-${id}`, region: 'east', tier: 'regular' },
    meta: { sim_scenario: over.noise ? 'advert' : 'late_delivery', sim_mood: 'negative' }
  }, at),
  nps: scores?.nps ?? null, csat: scores?.csat ?? null
});
const store = (db: Db, docs: ReturnType<typeof doc>[]) => insertFeedback(db, docs.map((r) => ({ key: r.id, row: toRow(r, `0-${r.id}`) })));
const east = async (db: Db, minute: number) => sliceTotals((await measureRows(db, minute, minute + MIN)).get(minute) ?? []).get('region:east');

describe.each(RAW)('migration 007 (survey scores per minute) on $name', (engine) => {
  let db: Db;
  beforeAll(async () => {
    db = await engine.open();
    await migrate(db, loadMigrations().filter((m) => m.version < 7));
  });
  afterAll(() => db?.close());

  it('backfills the scores stored before it once, and counts later ones through the view', async () => {
    await store(db, [
      doc('a1', t0 + 1, { nps: 3, csat: 2 }), doc('a2', t0 + 2, { nps: 10, csat: 5 }), doc('a3', t0 + 3, { nps: 6 }), doc('a4', t0 + 4, undefined),
      doc('b1', t0 + MIN + 1, { csat: 1 })
    ]);
    expect(await migrate(db)).toEqual([7]);
    expect(await east(db, t0)).toMatchObject({ n: 4, npsN: 3, detractors: 2, csatN: 2, csatLow: 1 });
    const b = await east(db, t0 + MIN);
    expect([b?.npsN ?? 0, b?.csatN, b?.csatLow]).toEqual([0, 1, 1]);

    // The statements again, as after a crash between them and their record: nothing counted twice.
    const m7 = loadMigrations().find((m) => m.version === 7)!;
    await migrate(db, [{ ...m7, version: 9007 }]);
    expect(await east(db, t0)).toMatchObject({ npsN: 3, detractors: 2, csatN: 2, csatLow: 1 });

    // Stored after the migration: the view counts it, once (the backfill does not see it again).
    await store(db, [doc('c1', t0 + 2 * MIN + 1, { nps: 0, csat: 1 }), doc('c2', t0 + 2 * MIN + 2, { nps: 1 }, { noise: true })]);
    await migrate(db, [{ ...m7, version: 9008 }]);
    expect(await east(db, t0 + 2 * MIN)).toMatchObject({ npsN: 1, detractors: 1, csatN: 1, csatLow: 1 });
  });
});
