import type { Alert } from '../../schemas/alerts.ts';
import type { FeedbackInput } from '../../schemas/feedback.ts';
import { reopenStory } from '../../streaming/push/webhooks/test-alerts.ts';
import { alertKeys, type AlertChange } from '../../streaming/watch/loop.ts';
import type { App } from './app.ts';
import { redisClient } from './pipeline.ts';

/**
 * The wall's most crowded case, shared by the wall's fit tests: the taxonomy's longest English names rising
 * (two lines each, with their "▲ 2.7×" before the name) and an alert strip taking a line.
 */

/** The longest English names of the taxonomy, each with words that put a message under it and no other topic. */
export const LONG_NAMED = [
  ['account.security', 'someone hacked in and I am locked out, a data breach'],
  ['delivery.late', 'the delivery was late again, it took forever to arrive'],
  ['payment.charge', 'I was charged twice for one order, double charged'],
  ['price.value', 'way too expensive and overpriced for what you get'],
  ['aftersales.refund', 'where is my refund, I want my money back']
] as const;

/**
 * Each long-named topic with a different count, all in the last half minute before `now`: rising (well over
 * twice their usual rate) for the next four minutes at least, so they lead the ranking at every size.
 * Texts unlike each other (a near-duplicate counts as one voice): eight filler words drawn per message, none
 * of them a topic's term (with "app" and "order" among them, App UI & usability rose too).
 */
export function risingLongNamed(now: number, idPrefix: string): FeedbackInput[] {
  const words = 'tonight again honestly yesterday seriously today morning please week evening really frankly'.split(' ');
  const docs: FeedbackInput[] = [];
  LONG_NAMED.forEach(([, phrase], k) => {
    for (let i = 0; i < 40 - 4 * k; i++) {
      let x = Math.imul(i * 31 + k + 1, 0x9e3779b1) | 1;
      const next = () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), (x >>> 0) % words.length);
      const filler = Array.from({ length: 8 }, () => words[next()]).join(' ');
      docs.push({ id: `${idPrefix}-${k}-${i}`, ts: now - (i % 4) * 10_000 - 2_000, channel: 'in_app', text: `${phrase}, ${filler}` });
    }
  });
  return docs;
}

/**
 * An open alert as the watcher's engine makes it, pushed to the web node the way the watcher does; with
 * `alsoOn`, one more open alert per slice (the same numbers, its own id), as when two incidents run at once.
 */
export async function publishOpenAlert(app: App, alsoOn: readonly string[] = []): Promise<void> {
  const opened = reopenStory()[0];
  if (opened.kind === 'storm') throw new Error('expected an opened alert');
  const alert: Alert = { ...opened.alert, stats: { ...opened.alert.stats, startedAt: Date.now() - 2 * 60_000 } };
  const others = alsoOn.map((slice, i): Alert => ({ ...alert, id: `${alert.id}-also-${i}`, slice }));
  const redis = redisClient(app.env.REDIS_URL);
  const change: AlertChange = { source: 'watcher', alerts: [alert, ...others], events: [] };
  await redis.publish(alertKeys(app.env.VOC_STREAM).changes, JSON.stringify(change));
  redis.disconnect();
}
