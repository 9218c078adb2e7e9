import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../streaming/store/db.ts';
import { loadMigrations, migrate, pendingMigrations } from '../../streaming/store/migrate.ts';
import { sql } from '../../streaming/store/sql.ts';
import { ENGINES } from '../support/engines.ts';

const NASTY = ["O'Brien \\ said \"hi\"", '送餐太慢了\n饭都凉了\t😡', "'; DROP TABLE feedback; --", '\\\'', 'nul\0byte'];

describe.each(ENGINES)('migrations and escaping on $name', (engine) => {
  let db: Db;
  beforeAll(async () => {
    db = await engine.open();
  });
  afterAll(() => db?.close());

  it('applies every migration once and is idempotent on a second run', async () => {
    expect(await pendingMigrations(db)).toBe(0);
    expect(await migrate(db)).toEqual([]);
    const versions = await db.query<{ version: number }>(sql`SELECT DISTINCT version FROM schema_migrations ORDER BY version`);
    expect(versions.map((v) => Number(v.version))).toEqual(loadMigrations().map((m) => m.version));
  });

  it('round-trips hostile strings through the escaping helper unchanged', async () => {
    await db.command(sql`CREATE TABLE IF NOT EXISTS esc (k UInt32, v String) ENGINE = MergeTree() ORDER BY k`);
    for (const [i, s] of NASTY.entries()) await db.command(sql`INSERT INTO esc VALUES (${i}, ${s})`);
    for (const [i, s] of NASTY.entries()) {
      const rows = await db.query<{ k: number }>(sql`SELECT k FROM esc WHERE v = ${s}`);
      expect(rows.map((r) => Number(r.k))).toEqual([i]);
    }
    const tables = await db.query<{ name: string }>(sql`SELECT name FROM system.tables WHERE database = currentDatabase() AND name = 'feedback'`);
    expect(tables).toHaveLength(1);
  });
});
