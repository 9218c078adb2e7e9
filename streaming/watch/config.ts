import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ALERT_SEVERITIES } from '../../schemas/alerts.ts';
import { CHANNEL_KINDS } from '../push/webhooks/formats.ts';
import type { RoutingRule } from '../push/webhooks/route.ts';
import { EXTRA_METRICS, type ExtraMetric } from '../analyse/alerts/fivemin.ts';
import { WINDOW_SETTLE_MS } from './plan.ts';

/**
 * The alert watcher's own settings (the shared ones — Redis, ClickHouse, stream names — are in
 * streaming/config.ts). Webhook rules come from VOC_WEBHOOKS: a JSON array, or the path of a file
 * holding one, so secrets can live in a mounted file rather than the environment.
 */

const Rule = z.strictObject({
  match: z.strictObject({ topics: z.array(z.string().min(1)).optional(), minSeverity: z.enum(ALERT_SEVERITIES).optional() }).default({}),
  channel: z.strictObject({ kind: z.enum(CHANNEL_KINDS), url: z.string().url(), secret: z.string().optional() })
});

export function parseWebhooks(raw: string | undefined, readFile: (path: string) => string = (p) => readFileSync(p, 'utf8')): RoutingRule[] {
  const text = (raw ?? '').trim();
  if (!text) return [];
  const json = text.startsWith('[') ? text : readFile(text);
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    throw new Error(`VOC_WEBHOOKS is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = z.array(Rule).safeParse(value);
  if (!parsed.success) throw new Error(`VOC_WEBHOOKS: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data as RoutingRule[];
}

const Env = z.object({
  VOC_WEBHOOKS: z.string().optional(),
  /** origin of the web app, for "open in the on-call desk" links in notifications */
  VOC_PUBLIC_URL: z.string().url().optional(),
  WATCH_SETTLE_MS: z.coerce.number().int().min(0).max(300_000).default(10_000),
  WATCH_TICK_MS: z.coerce.number().int().min(200).max(60_000).default(5_000),
  /** wait after a sliding window ends before reading it (a window can only open an alert: plan.ts) */
  WATCH_WINDOW_SETTLE_MS: z.coerce.number().int().min(0).max(300_000).default(WINDOW_SETTLE_MS),
  /** sliding 60-s windows between closed minutes, every this many ms (must divide a minute); 0: off */
  WATCH_SLIDE_MS: z.coerce.number().int().min(0).max(30_000).refine((v) => v === 0 || (v >= 1000 && 60_000 % v === 0), 'must be 0 or divide 60000 (e.g. 15000)').default(15_000),
  WATCH_WARM_DAYS: z.coerce.number().min(0.1).max(30).default(3),
  WATCH_CATCHUP_MIN: z.coerce.number().int().min(0).max(1440).default(30),
  /** pipeline backlog (stream entries) below which the newest closed minute counts as complete */
  WATCH_BACKLOG_OK: z.coerce.number().int().min(0).default(1000),
  WATCH_LOCK_MS: z.coerce.number().int().min(1000).default(15_000),
  /**
   * Measures watched next to the complaint count, comma-separated (streaming/analyse/alerts/table.ts):
   * neg_share (negative share), sentiment (mean sentiment), detractor_share (share of NPS answers 0–6),
   * csat_low (share of CSAT ratings 1–2), and on 5-minute sums: neg_5m, neg_share_5m, sentiment_5m; "" or
   * "neg": the complaint count alone (README, "Alerts").
   */
  WATCH_MEASURES: z.string().default('neg_share,sentiment,detractor_share,csat_low').transform((v, ctx) => {
    const names = v.split(',').map((x) => x.trim()).filter((x) => x && x !== 'neg');
    const bad = names.filter((x) => !(EXTRA_METRICS as readonly string[]).includes(x));
    if (bad.length) ctx.addIssue({ code: 'custom', message: `unknown measure ${bad.join(', ')} (neg, ${EXTRA_METRICS.join(', ')})` });
    return [...new Set(names)] as ExtraMetric[];
  })
});
export type WatchConfig = z.infer<typeof Env> & { rules: RoutingRule[] };

export function loadWatchConfig(env: Record<string, string | undefined> = process.env): WatchConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) throw new Error(`invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return { ...parsed.data, rules: parseWebhooks(parsed.data.VOC_WEBHOOKS) };
}
