import { parentPort } from 'node:worker_threads';
import { loadConfig } from '../../../streaming/config.ts';
import { connectHttpDb } from '../../../streaming/store/db.ts';
import { computeInsights } from './insights.ts';

/** The insights worker: one computation per request, on its own ClickHouse connection. */
const config = loadConfig();
const db = await connectHttpDb({
  url: config.CLICKHOUSE_URL,
  username: config.CLICKHOUSE_USER,
  password: config.CLICKHOUSE_PASSWORD,
  database: config.CLICKHOUSE_DATABASE
});

parentPort!.on('message', async ({ seq, now }: { seq: number; now: number }) => {
  try {
    parentPort!.postMessage({ seq, ok: true, value: await computeInsights(db, now) });
  } catch (e) {
    parentPort!.postMessage({ seq, ok: false, error: (e as Error).message });
  }
});
