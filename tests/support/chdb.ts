import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'chdb';
import type { Db } from '../../streaming/store/db.ts';

/**
 * The current ClickHouse engine in-process (chdb), behind the same Db interface as the HTTP server, so
 * every migration and query is proven on today's engine as well as on 18.16. Test-only: libchdb allows
 * one session per process, which vitest's per-file forks provide.
 */
export function chdbDb(database: string): Db {
  const session = new Session(mkdtempSync(join(tmpdir(), 'voc-chdb-')));
  session.query(`CREATE DATABASE IF NOT EXISTS ${database}`);
  session.query(`USE ${database}`);
  return {
    async command(statement) {
      session.query(statement.text);
    },
    async query<T>(statement: { text: string }) {
      const out = session.query(statement.text, 'JSONEachRow');
      return out
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l)) as T[];
    },
    async insert(table, rows) {
      if (rows.length === 0) return;
      session.query(`INSERT INTO ${table} FORMAT JSONEachRow ${rows.map((r) => JSON.stringify(r)).join('\n')}`);
    },
    async ping() {
      return true;
    },
    async close() {
      session.close();
    }
  };
}
