import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import type { Sql } from './sql.ts';

/**
 * The narrow surface the project needs from ClickHouse. Two engines implement it: a ClickHouse server
 * over HTTP (production, and Debian's 18.16 in tests) and the in-process current engine (chdb, tests
 * only), so every statement is proven on the oldest and the newest engine.
 *
 * Result rows come back as JSON; 64-bit integers arrive as strings from some servers and numbers from
 * others, so callers convert with Number() rather than trusting the type.
 */
export interface Db {
  command(statement: Sql): Promise<void>;
  query<T = Record<string, unknown>>(statement: Sql): Promise<T[]>;
  /** rows as plain objects, written with JSONEachRow */
  insert(table: string, rows: readonly object[]): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface HttpDbOptions {
  url: string;
  username?: string;
  password?: string;
  database: string;
  requestTimeoutMs?: number;
}

export async function connectHttpDb(opts: HttpDbOptions): Promise<Db> {
  // The client's own error log would repeat every failed attempt; retries are logged once by the caller.
  const base = {
    url: opts.url,
    username: opts.username,
    password: opts.password,
    request_timeout: opts.requestTimeoutMs ?? 30_000,
    log: { level: ClickHouseLogLevel.OFF }
  };
  // The database must exist before a client can be bound to it.
  const bootstrap = createClient(base);
  try {
    await bootstrap.command({ query: `CREATE DATABASE IF NOT EXISTS ${opts.database}` });
  } finally {
    await bootstrap.close();
  }
  return httpDb(createClient({ ...base, database: opts.database }));
}

function httpDb(client: ClickHouseClient): Db {
  return {
    async command(statement) {
      await client.command({ query: statement.text });
    },
    async query<T>(statement: Sql) {
      const rs = await client.query({ query: statement.text, format: 'JSONEachRow' });
      return (await rs.json()) as T[];
    },
    async insert(table, rows) {
      if (rows.length === 0) return;
      await client.insert({ table, values: rows as object[], format: 'JSONEachRow' });
    },
    async ping() {
      const r = await client.ping();
      return r.success;
    },
    async close() {
      await client.close();
    }
  };
}
