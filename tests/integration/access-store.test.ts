import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../streaming/store/db.ts';
import { sql } from '../../streaming/store/sql.ts';
import { loadTokens, loadUsers, readAudit, saveToken, saveUser, writeAudit, type UserRow } from '../../src/lib/server/access/store.ts';
import { ENGINES } from '../support/engines.ts';

const NASTY = ["O'Brien", "'; DROP TABLE access_users; --", '\\\'', "x' OR '1'='1", '送餐\n😡', 'nul\0byte'];

describe.each(ENGINES)('access tables on $name', (engine) => {
  let db: Db;
  beforeAll(async () => {
    db = await engine.open();
  });
  afterAll(() => db?.close());

  it('keeps the latest version of a user, token and key (role change, disable, revoke)', async () => {
    const u: UserRow = { id: 'ann', display_name: "Ann <b>O'Brien</b>", role: 'viewer', password_hash: 'scrypt$x', disabled: 0, created_at: Date.now(), created_by: 'env' };
    await saveUser(db, u);
    await saveUser(db, { ...u, role: 'editor' });
    await saveUser(db, { ...u, role: 'editor', disabled: 1 });
    const users = await loadUsers(db);
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ id: 'ann', role: 'editor', disabled: 1, display_name: "Ann <b>O'Brien</b>" });
    expect(Math.abs(users[0].created_at - u.created_at)).toBeLessThan(1000);

    for (const table of ['access_wall_tokens', 'access_producer_keys'] as const) {
      const t = { id: 't1', name: 'lobby', hash: 'h'.repeat(64), created_at: Date.now(), created_by: 'ann', revoked: 0 };
      await saveToken(db, table, t);
      await saveToken(db, table, { ...t, revoked: 1 });
      await saveToken(db, table, { ...t, id: 't2', hash: 'g'.repeat(64) });
      const rows = await loadTokens(db, table);
      expect(rows.map((r) => [r.id, r.revoked, r.hash[0]]).sort()).toEqual([
        ['t1', 1, 'h'],
        ['t2', 0, 'g']
      ]);
    }
  });

  it('reads the audit trail newest first and treats SQL metacharacters in every filter as plain values', async () => {
    const t0 = Date.now();
    await writeAudit(db, [
      { ts_ms: t0, actor: 'ann', action: 'sign-in', target: '', detail: '', ip: '127.0.0.1', ok: 1 },
      { ts_ms: t0 + 1, actor: "x' OR '1'='1", action: 'sign-in-failed', target: '', detail: 'bad credentials', ip: '::1', ok: 0 },
      { ts_ms: t0 + 2, actor: 'ann', action: 'export', target: '/api/impact/p1/customers.csv', detail: '', ip: '', ok: 1 }
    ]);
    expect((await readAudit(db)).map((r) => r.action)).toEqual(['export', 'sign-in-failed', 'sign-in']);
    expect((await readAudit(db, { actor: 'ann' })).map((r) => r.action)).toEqual(['export', 'sign-in']);
    expect((await readAudit(db, { actor: "x' OR '1'='1" })).map((r) => r.ok)).toEqual([0]);
    expect(await readAudit(db, { action: 'export', before: t0 + 2 })).toEqual([]);
    expect((await readAudit(db, { limit: 1 })).length).toBe(1);
    for (const s of NASTY) {
      expect(await readAudit(db, { actor: s })).toHaveLength(s === "x' OR '1'='1" ? 1 : 0);
      expect(await readAudit(db, { action: s })).toEqual([]);
    }
    const tables = await db.query(sql`SELECT name FROM system.tables WHERE database = currentDatabase() AND name = 'access_users'`);
    expect(tables).toHaveLength(1);
  });
});
