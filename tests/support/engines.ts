import { inject } from 'vitest';
import { connectHttpDb, type Db } from '../../streaming/store/db.ts';
import { migrate } from '../../streaming/store/migrate.ts';
import { chdbDb } from './chdb.ts';

export const uniqueName = (prefix: string) => `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

/** Both engines, each with a fresh database, migrated: tests loop over these to prove compatibility. */
export const ENGINES: { name: string; open(): Promise<Db> }[] = [
  {
    name: 'clickhouse-server (HTTP)',
    open: async () => {
      const db = await connectHttpDb({ url: inject('clickhouseUrl'), database: uniqueName('voc_test') });
      await migrate(db);
      return db;
    }
  },
  {
    name: 'chdb (current engine)',
    open: async () => {
      const db = chdbDb(uniqueName('voc_test'));
      await migrate(db);
      return db;
    }
  }
];
