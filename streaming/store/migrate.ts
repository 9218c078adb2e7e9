import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.ts';
import { Sql, sql } from './sql.ts';

// Beside this file in the source tree; from the working directory when this module has been bundled
// into the web app's build (where import.meta.url points into build/).
const BESIDE = fileURLToPath(new URL('../../schemas/migrations/', import.meta.url));
const MIGRATIONS_DIR = existsSync(BESIDE) ? BESIDE : resolve(process.cwd(), 'schemas/migrations') + '/';

export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

/** Numbered files `NNN_name.sql`; statements separated by `;` at the end of a line; `--` comments dropped. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d+_[\w-]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const text = readFileSync(dir + file, 'utf8')
        .split('\n')
        .filter((line) => !line.trim().startsWith('--'))
        .join('\n');
      return {
        version: Number(file.split('_')[0]),
        name: file.replace(/\.sql$/, ''),
        statements: text
          .split(/;\s*(?:\n|$)/)
          .map((s) => s.trim())
          .filter(Boolean)
      };
    });
}

/**
 * Applies the migrations not yet recorded. Every statement is written to be idempotent (IF NOT EXISTS),
 * so two instances starting at once, or a crash between a statement and its record, are harmless.
 */
export async function migrate(db: Db, migrations = loadMigrations()): Promise<number[]> {
  await db.command(
    sql`CREATE TABLE IF NOT EXISTS schema_migrations (version UInt32, name String, applied_at DateTime) ENGINE = MergeTree() ORDER BY version`
  );
  const done = new Set(
    (await db.query<{ version: number | string }>(sql`SELECT DISTINCT version FROM schema_migrations`)).map((r) => Number(r.version))
  );
  const applied: number[] = [];
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    // Migration files are part of the code base, never input, so they are trusted SQL.
    for (const statement of m.statements) await db.command(new Sql(statement));
    await db.insert('schema_migrations', [{ version: m.version, name: m.name, applied_at: Math.floor(Date.now() / 1000) }]);
    applied.push(m.version);
  }
  return applied;
}

export async function pendingMigrations(db: Db, migrations = loadMigrations()): Promise<number> {
  try {
    const rows = await db.query<{ version: number | string }>(sql`SELECT DISTINCT version FROM schema_migrations`);
    const done = new Set(rows.map((r) => Number(r.version)));
    return migrations.filter((m) => !done.has(m.version)).length;
  } catch {
    return migrations.length;
  }
}
