import { z } from 'zod';

/**
 * The feedback document: the product's public ingestion contract (HTTP and direct XADD), defined once
 * and shared by the web server, the processors and the browser.
 */

export const CHANNELS = ['app_review', 'in_app', 'chat', 'call', 'email', 'social', 'survey', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export const LANGS = ['zh', 'en', 'mixed', 'other'] as const;
export type Lang = (typeof LANGS)[number];

export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

export const MAX_TEXT_CHARS = 20_000;
const EARLIEST_TS = Date.UTC(2000, 0, 1);
// Producers' clocks drift; a day ahead is clearly wrong, a few minutes is not.
const MAX_FUTURE_MS = 24 * 3600_000;

const TS_ERROR = 'must be an ISO 8601 date-time with zone (e.g. 2026-11-23T08:00:00Z) or epoch milliseconds';

const shortString = (max: number) => z.string().max(max, `must be at most ${max} characters`);
// Control characters other than tab/newline have no business in customer text and break terminals and
// CSV exports downstream; rejecting them tells the producer about its encoding bug.
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export const FeedbackInputSchema = z.strictObject({
  id: z
    .string()
    .min(1)
    .max(128, 'must be at most 128 characters')
    .regex(/^[A-Za-z0-9._:\-]+$/, 'may contain only letters, digits and . _ : -')
    .optional(),
  ts: z
    .union([z.iso.datetime({ offset: true, local: false, error: TS_ERROR }), z.number({ error: TS_ERROR }).int().nonnegative()], {
      error: TS_ERROR
    })
    .optional(),
  channel: z.enum(CHANNELS, { error: `must be one of ${CHANNELS.join(', ')}` }),
  text: z
    .string({ error: 'must be a string' })
    .max(MAX_TEXT_CHARS, `must be at most ${MAX_TEXT_CHARS} characters`)
    .refine((t) => t.trim().length > 0, 'must not be empty')
    .refine((t) => !CONTROL_CHARS.test(t), 'must not contain control characters'),
  lang: z.enum(LANGS).optional(),
  customer: z
    .strictObject({
      id: shortString(128).optional(),
      region: shortString(64).optional(),
      segment: shortString(64).optional(),
      tier: shortString(32).optional()
    })
    .optional(),
  product: shortString(128).optional(),
  app_version: shortString(64).optional(),
  scores: z
    .strictObject({
      nps: z.number().int().min(0).max(10).optional(),
      csat: z.number().int().min(1).max(5).optional()
    })
    .optional(),
  meta: z
    .record(shortString(64), shortString(1000))
    .refine((m) => Object.keys(m).length <= 32, 'must have at most 32 keys')
    .optional()
});
export type FeedbackInput = z.infer<typeof FeedbackInputSchema>;

/** A validated document with every optional part filled in: the shape the processors work on. */
export interface Feedback {
  id: string;
  /** event time, epoch ms */
  ts: number;
  channel: Channel;
  text: string;
  lang: Lang | null;
  customer: { id: string; region: string; segment: string; tier: string };
  product: string;
  app_version: string;
  nps: number | null;
  csat: number | null;
  meta: Record<string, string>;
}

/** What enrichment adds; stored with the record in ClickHouse and served by GET /api/feedback/:id. */
export interface Enrichment {
  lang: Lang;
  sentiment: number;
  sentiment_label: SentimentLabel;
  /** topic ids from the taxonomy, e.g. "delivery.late" */
  topics: string[];
  /** aspect sentiment, same order as topics */
  topic_sentiments: number[];
  keywords: string[];
  /** kinds of personal data that were redacted from text */
  pii: string[];
  /** id of an earlier near-identical message (copy-paste campaigns), or '' */
  dup_of: string;
  /** '' for real feedback, else why it is noise (empty, punctuation, advert) */
  noise: string;
  model_version: string;
}

export type EnrichedFeedback = Feedback & Enrichment & { received_at: number };

export interface FieldError {
  /** index of the item in a batch request; absent for single documents */
  index?: number;
  field: string;
  reason: string;
}

export type Validated = { ok: true; value: Feedback } | { ok: false; errors: FieldError[] };

/**
 * Validates one raw document. `now` is the arrival time: it is the default event time and the reference
 * for rejecting timestamps from a broken clock.
 */
export function validateFeedback(raw: unknown, now: number, makeId: () => string): Validated {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, errors: [{ field: '', reason: 'must be a JSON object' }] };
  }
  const parsed = FeedbackInputSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => ({
        field:
          issue.code === 'unrecognized_keys'
            ? [...issue.path, issue.keys.join(',')].join('.')
            : issue.path.join('.'),
        reason: issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message
      }))
    };
  }
  const doc = parsed.data;
  const ts = doc.ts === undefined ? now : typeof doc.ts === 'number' ? doc.ts : Date.parse(doc.ts);
  if (ts < EARLIEST_TS || ts > now + MAX_FUTURE_MS) {
    return { ok: false, errors: [{ field: 'ts', reason: 'must be between 2000-01-01 and one day from now' }] };
  }
  return {
    ok: true,
    value: {
      id: doc.id ?? makeId(),
      ts,
      channel: doc.channel,
      text: doc.text,
      lang: doc.lang ?? null,
      customer: {
        id: doc.customer?.id ?? '',
        region: doc.customer?.region ?? '',
        segment: doc.customer?.segment ?? '',
        tier: doc.customer?.tier ?? ''
      },
      product: doc.product ?? '',
      app_version: doc.app_version ?? '',
      nps: doc.scores?.nps ?? null,
      csat: doc.scores?.csat ?? null,
      meta: doc.meta ?? {}
    }
  };
}
