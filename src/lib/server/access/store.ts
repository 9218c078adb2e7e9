import type { AuditRow, Role } from '../../../../schemas/access.ts';
import type { Db } from '../../../../streaming/store/db.ts';
import { join, sql } from '../../../../streaming/store/sql.ts';

/**
 * Durable access state in ClickHouse (schemas/migrations/005_access.sql). Every change writes a new row
 * version; reads take the latest with FINAL. These tables are small (people, screens, producers), so
 * the web node reads them whole into its directory.
 */
export interface UserRow {
  id: string;
  display_name: string;
  role: Role;
  password_hash: string;
  disabled: number;
  created_at: number;
  created_by: string;
}

export interface TokenRow {
  id: string;
  name: string;
  /** token_hash or key_hash */
  hash: string;
  created_at: number;
  created_by: string;
  revoked: number;
}


// Versions must grow even for two changes within one millisecond on one node.
let lastVersion = 0;
const nextVersion = () => (lastVersion = Math.max(Date.now() * 1000, lastVersion + 1));
const seconds = (ms: number) => Math.floor(ms / 1000);

export async function loadUsers(db: Db): Promise<UserRow[]> {
  const rows = await db.query<UserRow>(
    sql`SELECT id, display_name, role, password_hash, disabled, toUnixTimestamp(created_at) AS created_at, created_by FROM access_users FINAL ORDER BY id`
  );
  return rows.map((r) => ({ ...r, disabled: Number(r.disabled), created_at: Number(r.created_at) * 1000 }));
}

export async function saveUser(db: Db, u: UserRow): Promise<void> {
  await db.insert('access_users', [{ ...u, created_at: seconds(u.created_at), version: nextVersion() }]);
}

type TokenTable = 'access_wall_tokens' | 'access_producer_keys';
const HASH_COLUMN = { access_wall_tokens: 'token_hash', access_producer_keys: 'key_hash' } as const;

export async function loadTokens(db: Db, table: TokenTable): Promise<TokenRow[]> {
  // table and column come from the two constants above, never from input
  const rows = await db.query<TokenRow>(
    table === 'access_wall_tokens'
      ? sql`SELECT id, name, token_hash AS hash, toUnixTimestamp(created_at) AS created_at, created_by, revoked FROM access_wall_tokens FINAL ORDER BY created_at DESC`
      : sql`SELECT id, name, key_hash AS hash, toUnixTimestamp(created_at) AS created_at, created_by, revoked FROM access_producer_keys FINAL ORDER BY created_at DESC`
  );
  return rows.map((r) => ({ ...r, revoked: Number(r.revoked), created_at: Number(r.created_at) * 1000 }));
}

export async function saveToken(db: Db, table: TokenTable, t: TokenRow): Promise<void> {
  const { hash, ...rest } = t;
  await db.insert(table, [{ ...rest, [HASH_COLUMN[table]]: hash, created_at: seconds(t.created_at), version: nextVersion() }]);
}

export async function writeAudit(db: Db, rows: AuditRow[]): Promise<void> {
  await db.insert(
    'access_audit',
    rows.map((r) => ({ ...r, ts: seconds(r.ts_ms) }))
  );
}

export interface AuditFilter {
  action?: string;
  actor?: string;
  /** epoch ms; rows strictly older, for paging back */
  before?: number;
  limit?: number;
}

export async function readAudit(db: Db, f: AuditFilter = {}): Promise<AuditRow[]> {
  const where = [sql`1`];
  if (f.action) where.push(sql`action = ${f.action}`);
  if (f.actor) where.push(sql`actor = ${f.actor}`);
  if (f.before !== undefined) where.push(sql`ts_ms < ${f.before}`);
  const limit = Math.max(1, Math.min(1000, Math.floor(f.limit ?? 200)));
  const rows = await db.query<AuditRow>(
    sql`SELECT ts_ms, actor, action, target, detail, ip, ok FROM access_audit WHERE ${join(where, ' AND ')} ORDER BY ts_ms DESC LIMIT ${limit}`
  );
  return rows.map((r) => ({ ...r, ts_ms: Number(r.ts_ms), ok: Number(r.ok) }));
}
