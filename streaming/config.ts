import { z } from 'zod';

/**
 * All configuration in one validated place. Defaults suit the local demo; production sets environment
 * variables (the same names in docker-compose.yml). Secrets (API keys, passwords) only ever come from the
 * environment.
 */
const Env = z.object({
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  CLICKHOUSE_URL: z.string().default('http://127.0.0.1:8123'),
  CLICKHOUSE_USER: z.string().default('default'),
  CLICKHOUSE_PASSWORD: z.string().default(''),
  CLICKHOUSE_DATABASE: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).default('voc'),
  VOC_STREAM: z.string().default('voc:feedback'),
  VOC_DLQ: z.string().default('voc:dlq'),
  VOC_GROUP: z.string().default('processors'),
  /** consumer name; must be unique per processor instance and stable across its restarts */
  VOC_CONSUMER: z.string().optional(),
  /** comma-separated producer API keys accepted by POST /api/feedback */
  VOC_API_KEYS: z.string().default(''),
  BATCH_MAX: z.coerce.number().int().min(1).max(100_000).default(2000),
  BATCH_MS: z.coerce.number().int().min(10).max(60_000).default(200),
  /** entries pending longer than this are taken over from a consumer presumed dead */
  CLAIM_IDLE_MS: z.coerce.number().int().min(1000).default(60_000),
  /** how long an id is remembered for de-duplication */
  DEDUPE_TTL_S: z.coerce.number().int().min(60).default(7 * 24 * 3600),
  /** entries read but not yet stored: the bound that keeps memory flat during a ClickHouse outage */
  MAX_IN_FLIGHT: z.coerce.number().int().min(100).default(20_000),
  /** threads that enrich (0: on the main thread); one keeps a single near-duplicate index per processor */
  ENRICH_THREADS: z.coerce.number().int().min(0).max(1).default(1),
  /** processor: how often it logs its progress while a backlog of more than 1,000 entries waits */
  PROGRESS_LOG_MS: z.coerce.number().int().min(1000).default(30_000),
  /** web node: how often emerging topics and keywords per topic are recomputed */
  TOPICS_PERIOD_MS: z.coerce.number().int().min(1000).default(60_000),
  /** web node: the latest window those describe, compared with the same hours of the previous 7 days */
  TOPICS_WINDOW_MINUTES: z.coerce.number().int().min(5).max(720).default(60),
  /** how often the insights list is recomputed, by one web node of the cluster (issue #6) */
  INSIGHTS_MS: z.coerce.number().int().min(1000).default(60_000),
  /** how often the impact of launched plans is recomputed, by one web node of the cluster (issue #6) */
  IMPACT_MS: z.coerce.number().int().min(1000).default(60_000),
  PORT: z.coerce.number().int().default(3000),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** first admin account, created (or reset to this password) at web node start; never a default */
  VOC_ADMIN_USER: z.string().regex(/^[a-z0-9._-]{2,64}$/).optional().or(z.literal('')),
  VOC_ADMIN_PASSWORD: z.string().min(12).optional().or(z.literal('')),
  /** how long a sign-in lasts */
  VOC_SESSION_HOURS: z.coerce.number().min(0.001).max(24 * 30).default(12),
  /** Secure cookies: auto = when the request came over https (set ORIGIN/PROTOCOL_HEADER behind a proxy) */
  VOC_COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  /** failed sign-ins allowed per account and per client address in VOC_LOGIN_WINDOW_S before answering 429 */
  VOC_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  VOC_LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(30),
  VOC_LOGIN_WINDOW_S: z.coerce.number().int().min(1).default(900),
  /** POST /api/feedback requests per producer key per minute (each request may carry 10,000 items) */
  VOC_PRODUCER_LIMIT_PER_MIN: z.coerce.number().int().min(1).default(6000),
  /** CSP frame-ancestors: who may embed pages in a frame */
  VOC_FRAME_ANCESTORS: z.string().regex(/^[^;,\r\n]+$/).default("'none'")
});

export type Config = z.infer<typeof Env>;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  return parsed.data;
}

export const apiKeys = (config: Config): Set<string> =>
  new Set(config.VOC_API_KEYS.split(',').map((k) => k.trim()).filter(Boolean));
