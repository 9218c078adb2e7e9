import type { TickerItem } from '../../schemas/live.ts';

/**
 * Published by a processor on Redis pub/sub right after a batch is stored, so web nodes refresh their
 * live picture at once instead of polling blindly. Carries the stream entry ids (for latency measurement)
 * and the batch's notable messages (for the ticker).
 */
export interface StoredNotice {
  ids: string[];
  ticker: TickerItem[];
}

export const storedChannel = (stream: string) => `${stream}:stored`;
