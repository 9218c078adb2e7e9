import type { Db } from './db.ts';
import type { FeedbackRow } from './rows.ts';

export interface KeyedRow {
  key: string;
  row: FeedbackRow;
}

// ClickHouse error codes that mean "this data can never be inserted" rather than "try again later".
const PERMANENT = new Set([6, 26, 27, 38, 41, 53, 69, 70, 72, 117, 131]);

export function isPermanent(e: unknown): boolean {
  const code = Number((e as { code?: string | number }).code);
  if (Number.isFinite(code) && PERMANENT.has(code)) return true;
  return /Code: (6|26|27|38|41|53|69|70|72|117|131)[.,]/.test(String((e as Error).message));
}

/**
 * Inserts rows; a transient failure throws (the caller retries the whole batch), a permanent one is
 * narrowed down by halving the batch so one bad row is rejected with its reason and the rest stored.
 */
export async function insertFeedback(db: Db, rows: KeyedRow[]): Promise<{ key: string; reason: string }[]> {
  if (rows.length === 0) return [];
  try {
    await db.insert('feedback', rows.map((r) => r.row));
    return [];
  } catch (e) {
    if (!isPermanent(e)) throw e;
    if (rows.length === 1) return [{ key: rows[0].key, reason: String((e as Error).message).slice(0, 500) }];
    const mid = rows.length >> 1;
    return [...(await insertFeedback(db, rows.slice(0, mid))), ...(await insertFeedback(db, rows.slice(mid)))];
  }
}
