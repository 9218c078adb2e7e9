import { z } from 'zod';
import type { Bilingual } from './taxonomy.ts';

/**
 * Alerts on complaint spikes: the alert itself, its lifecycle (an append-only log of events whose fold is
 * the current state) and the Socket.IO payloads, shared by the processors, the web server and the browser.
 *
 * A slice is written like a live series key, with parts joined by "|" in a fixed dimension order:
 * "all:", "topic:app.slow", "topic:app.slow|region:east", "channel:chat|region:north".
 */

export const ALERT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];
export const severityRank = (s: AlertSeverity): number => ALERT_SEVERITIES.indexOf(s);

export const ALERT_STATUSES = ['open', 'acknowledged', 'snoozed', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/**
 * What a watched series measures per slice and minute: negative messages (complaints), all messages, the
 * negative share (neg / n, in [0,1]) or the mean sentiment (sentiment_sum / n, in [−1,1]). Alerts stored
 * before the measures existed carry 'neg' (metricOf).
 * The survey-score measures are shares of the messages carrying that score only: 'detractor_share', the
 * share of NPS answers that are detractors (0–6), and 'csat_low', the share of CSAT ratings of 1 or 2 of 5.
 * The "_5m" measures are the same on 5-minute sums of closed minutes (scored once per 5 minutes): a
 * slow-burn shift too small per minute to pass the 1-minute gates adds up over five. A count is then
 * complaints per 5 minutes; a share or mean is over the 5 minutes' messages.
 */
export type AlertMetric = 'neg' | 'n' | 'neg_share' | 'sentiment' | 'detractor_share' | 'csat_low' | 'neg_5m' | 'neg_share_5m' | 'sentiment_5m';
export const ALERT_METRICS = ['neg', 'n', 'neg_share', 'sentiment', 'detractor_share', 'csat_low', 'neg_5m', 'neg_share_5m', 'sentiment_5m'] as const satisfies readonly AlertMetric[];
export type BaseMetric = 'neg' | 'n' | 'neg_share' | 'sentiment' | 'detractor_share' | 'csat_low';
/** The measure without its resolution: 'neg_share_5m' → 'neg_share'. */
export const baseMetric = (m: AlertMetric): BaseMetric => (m.endsWith('_5m') ? (m.slice(0, -3) as BaseMetric) : (m as BaseMetric));
/** Minutes each value of the measure sums over: 1, or 5 for the "_5m" measures. */
export const resolutionMin = (m: AlertMetric): 1 | 5 => (m.endsWith('_5m') ? 5 : 1);
/** The same measure at 5-minute resolution. */
export const fiveMinuteOf = (m: 'neg' | 'neg_share' | 'sentiment'): AlertMetric => `${m}_5m` as AlertMetric;
/** Measures of a value per message (a share or a mean), not a count: shown in their own unit. */
export const isRateMetric = (m: AlertMetric): boolean => baseMetric(m) !== 'neg' && baseMetric(m) !== 'n';
/** Shares in [0,1], shown in per cent: the negative share, and the survey-score shares (over scored messages only). */
export const isShareMetric = (m: AlertMetric): boolean => ['neg_share', 'detractor_share', 'csat_low'].includes(baseMetric(m));
/** The measure of an alert; alerts stored without one were complaint counts. */
/**
 * A stored value as people read it: the sentiment measure is kept as −mean sentiment (up is worse
 * everywhere in the engine), so it is flipped back for display; a band [lower, upper] flips to
 * [−upper, −lower].
 */
export const shownValue = (metric: AlertMetric, x: number): number => (baseMetric(metric) === 'sentiment' ? -x : x);
export const metricOf = (a: { metric?: AlertMetric | null }): AlertMetric => a.metric ?? 'neg';

export type SliceKey = string;

/** One watched series at one minute, as the detector saw it. Counts per minute. */
export interface SliceReading {
  slice: SliceKey;
  observed: number;
  expected: number;
  lower: number;
  upper: number;
  /** detector score in [0,1]; ≥ 0.5 fired */
  score: number;
  /** −log10 p of the point, before suppression (for ranking) */
  surprise: number;
  /** share and mean measures: the messages the value is over (counts: absent) */
  n?: number;
}

/**
 * Another measure that fired on a slice related to an alert while it was open: the same incident seen
 * from another side (e.g. the negative share of a region while the complaint count of its topic pages).
 * It joins the alert as evidence instead of paging again. Latest firing per measure and slice.
 */
export interface AlertCorroboration {
  metric: AlertMetric;
  slice: SliceKey;
  /** start of the minute it last fired */
  at: number;
  observed: number;
  expected: number;
  n?: number;
}

/** Share of an alert's excess carried by one value of one dimension (e.g. region = east: 80 %). */
export interface Contribution {
  dimension: string;
  value: string;
  /** messages above what was expected */
  excess: number;
  /** excess / total excess over the values shown, in [0,1] */
  share: number;
}

export interface AlertStats {
  /** latest minute of the headline slice, per-minute counts */
  observed: number;
  expected: number;
  upper: number;
  /** lower edge of the band (absent on alerts stored before it was kept) */
  lower?: number;
  /** observed − expected, and observed / expected (expected floored at 1) */
  excess: number;
  ratio: number;
  peakObserved: number;
  peakExcess: number;
  /** sum of the positive per-minute excess since the alert opened: the complaints the incident caused */
  totalExcess: number;
  /** minute (epoch ms, start) of the first firing, and of the last minute above the band */
  startedAt: number;
  lastAboveAt: number;
  /** start of the latest minute folded in */
  updatedAt: number;
  durationMin: number;
  /**
   * Share and mean measures: the headline's peak (observed − expected) × messages, the excess in
   * messages (or messages' worth of sentiment) that sizes the alert as peakExcess does for counts.
   */
  peakExcessMessages?: number;
  /**
   * What was expected in the minute of `peakObserved` (its first occurrence): the peak's "N× normal" is
   * measured against its own minute, not the latest, which may belong to another hour. Absent on alerts
   * stored before it was kept.
   */
  peakExpected?: number;
  /**
   * Each time the system re-opened the alert after resolving it itself (reopen.ts), oldest first: `at` the
   * re-opening, `resolvedAt` the resolution it undid, `quietMin` the whole minutes between its last minute
   * above the band and the minute it fired again. `durationMin` spans those stretches; the minutes it
   * fired are durationMin − Σ quietMin (firingMinutes). Absent: never re-opened, or stored before it was kept.
   */
  reopenings?: AlertReopening[];
}

/** One re-opening of an alert the system had resolved (AlertStats.reopenings). */
export interface AlertReopening {
  at: number;
  resolvedAt: number;
  quietMin: number;
}

/** Minutes an alert fired: its span less the quiet stretches before its re-openings (at least 1). */
export const firingMinutesOf = (s: Pick<AlertStats, 'durationMin' | 'reopenings'>): number =>
  Math.max(1, Math.round(s.durationMin - (s.reopenings ?? []).reduce((sum, r) => sum + r.quietMin, 0)));

/** Who is affected, from the alert window's messages (the counts alone do not know customers). */
export interface AlertImpact {
  customers: number;
  /** distinct customers weighted by tier (a VIP counts more) */
  weightedCustomers: number;
  vipCustomers: number;
}

export interface AlertEvidenceKeyword {
  keyword: string;
  count: number;
  baseline: number;
  ratio: number;
}

export interface AlertExample {
  id: string;
  text: string;
  channel: string;
  region: string;
  sentiment: number;
  ts?: number;
}

export interface AlertEvidence {
  keywords: AlertEvidenceKeyword[];
  examples: AlertExample[];
  contributions: Contribution[];
  impact: AlertImpact;
  /** messages in the alert window the evidence was built from */
  messages: number;
}

export interface AlertState {
  status: AlertStatus;
  openedAt: number;
  acknowledgedBy: string | null;
  acknowledgedAt: number | null;
  snoozedUntil: number | null;
  resolvedAt: number | null;
  resolvedBy: string | null;
  /** the status a snooze returns to when it ends */
  statusBeforeSnooze: AlertStatus | null;
  severity: AlertSeverity;
  notes: { at: number; actor: string; note: string }[];
}

/** A slice that fired for an alert; numbers of its latest minute, peak over the alert's life. */
export interface AlertMember { slice: SliceKey; observed: number; expected: number; excess: number; peakExcess: number }

export interface Alert {
  id: string;
  metric: AlertMetric;
  /** the most specific slice that explains most of the excess */
  slice: SliceKey;
  /** every slice that fired for this incident, largest excess first */
  members: AlertMember[];
  contributions: Contribution[];
  severity: AlertSeverity;
  /** why this severity, one line per factor, in both languages */
  severityReasons: Bilingual[];
  stats: AlertStats;
  state: AlertState;
  impact?: AlertImpact;
  evidence?: AlertEvidence;
  /** other measures that fired on related slices while this alert was open (see AlertCorroboration) */
  corroborations?: AlertCorroboration[];
}

/**
 * A note the system writes carries both languages, so each viewer reads their own (noteText): it goes in
 * the event's note, a plain string (as stored in ClickHouse), as the JSON of a Bilingual. Notes people
 * write stay plain text; so do system notes stored before, the old "en / zh" resolution note among them.
 */
export const bilingualNote = (b: Bilingual): string => JSON.stringify({ en: b.en, zh: b.zh });

/** The automatic resolution's note: the alert's slice has been back inside its band for `min` minutes. */
export const backInBandNote = (min: number): string =>
  bilingualNote({ en: `back within the expected band for ${min} min`, zh: `已连续 ${min} 分钟回到正常范围` });

/**
 * The note of a new surge on an alert still open (streaming/analyse/alerts/resurge.ts): its headline had
 * settled at `level` complaints a minute above expected and now runs `excess` above.
 */
export const resurgedNote = (level: number, excess: number): string =>
  bilingualNote({
    en: `new surge: ${Math.round(excess)} more complaints a minute than expected, after settling at ${Math.round(level)}`,
    zh: `再次激增：每分钟比预期多 ${Math.round(excess)} 条投诉（此前已回落到 ${Math.round(level)} 条）`
  });

/** The resolution note as stored before bilingualNote: both languages in one string. */
const LEGACY_BACK_IN_BAND = /^(back within the expected band for \d+ min) \/ (已连续 \d+ 分钟回到正常范围)$/;

/** A note in the viewer's language: a bilingual note picks its side; any other note is shown as written. */
export function noteText(note: string, lang: 'en' | 'zh'): string {
  if (note.startsWith('{')) {
    try {
      const b = JSON.parse(note) as Partial<Bilingual> | null;
      if (b && typeof b.en === 'string' && typeof b.zh === 'string' && Object.keys(b).length === 2) return lang === 'en' ? b.en : b.zh;
    } catch {
      // a person's note that happens to start with "{"
    }
  }
  const legacy = LEGACY_BACK_IN_BAND.exec(note);
  return legacy ? legacy[lang === 'en' ? 1 : 2] : note;
}

// 'resurged': a new surge on an alert still open (or acknowledged) pages again and takes it back to open.
export const ALERT_EVENT_TYPES = ['opened', 'escalated', 'acknowledged', 'snoozed', 'noted', 'resolved', 'reopened', 'resurged'] as const;
export type AlertEventType = (typeof ALERT_EVENT_TYPES)[number];

/** One transition, immutable, stored append-only; `actor` is "system" for automatic transitions. */
export interface AlertEvent {
  alertId: string;
  at: number;
  type: AlertEventType;
  actor: string;
  note?: string;
  /** escalated / opened: the new severity */
  severity?: AlertSeverity;
  /** snoozed: until when (epoch ms) */
  until?: number;
}

export const AlertEventSchema = z.strictObject({
  alertId: z.string().min(1).max(128),
  at: z.number().int().nonnegative(),
  type: z.enum(ALERT_EVENT_TYPES),
  actor: z.string().min(1).max(128),
  note: z.string().max(2000).optional(),
  severity: z.enum(ALERT_SEVERITIES).optional(),
  until: z.number().int().nonnegative().optional()
});

/** What a person may ask for from the on-call screen; the server stamps `at` and `actor`. */
export const AlertActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('acknowledge'), alertId: z.string().min(1), note: z.string().max(2000).optional() }),
  z.strictObject({ type: z.literal('resolve'), alertId: z.string().min(1), note: z.string().max(2000).optional() }),
  z.strictObject({ type: z.literal('snooze'), alertId: z.string().min(1), until: z.number().int().positive(), note: z.string().max(2000).optional() }),
  z.strictObject({ type: z.literal('note'), alertId: z.string().min(1), note: z.string().min(1).max(2000) })
]);
export type AlertAction = z.infer<typeof AlertActionSchema>;

export type TransitionError = { code: 'invalid_transition'; from: AlertStatus | 'none'; type: AlertEventType; message: string } |
  { code: 'unknown_alert' | 'bad_event'; type: AlertEventType; message: string };
export type TransitionResult = { ok: true; state: AlertState; event: AlertEvent } | { ok: false; error: TransitionError };

/** Sent instead of individual alerts when too many open at once (an outage touches every slice). */
export interface StormDigest {
  id: string;
  at: number;
  /** alerts opened during the storm whose own notification was held back */
  alertIds: string[];
  /** headline slices of those alerts, largest excess first */
  slices: SliceKey[];
}

// Socket.IO: merge these into schemas/events.ts maps. Versioned like the live events.
export interface AlertServerToClientEvents {
  /** on (re)connect: every alert not resolved, plus the recently resolved */
  'alerts:snapshot:v1': (payload: { serverTime: number; alerts: Alert[] }) => void;
  /** alerts whose numbers or state changed, and the events behind the state changes */
  'alerts:update:v1': (payload: { serverTime: number; alerts: Alert[]; events: AlertEvent[]; storm?: StormDigest }) => void;
}

export interface AlertClientToServerEvents {
  'alerts:action:v1': (action: AlertAction, reply: (result: { ok: true; event: AlertEvent } | { ok: false; error: TransitionError }) => void) => void;
}
