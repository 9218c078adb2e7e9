import type { LaunchScope } from './plans.ts';

/**
 * The measured impact of launched fixes, computed by the web node from the minute rollups with the pure
 * estimator (streaming/analyse/impact) and shown on /impact, the report and the wall. Plain JSON: every
 * field survives a Socket.IO round trip. Times are epoch ms; series are hourly.
 */

/**
 * A relative effect with its 95% interval: the typical post-launch hour's observed / counterfactual − 1
 * (−0.38 = 38% fewer; a trimmed mean over hours, so a burst of unrelated news in a few hours neither fakes
 * nor hides an effect — streaming/analyse/impact/summary.ts). The cumulative effect counts every hour.
 */
export interface RelativeEffect {
  relativeEffect: number;
  lower95: number;
  upper95: number;
}

/**
 * The figures the estimator (streaming/analyse/impact) gives for the post-period of one count series;
 * its ImpactResult extends this, so the wire shape below cannot drift from what it computes.
 */
export interface EffectFigures extends RelativeEffect {
  /** observed − counterfactual, summed over the post-period, in counts (negative: complaints avoided) */
  cumulativeEffect: number;
  cumulativeLower: number;
  cumulativeUpper: number;
  /**
   * how likely the effect is real: 1 − two-sided p-value of "no effect" (the share of counterfactual
   * replicates whose typical-hour effect is less extreme than the observed one)
   */
  probability: number;
  /** the interval of relativeEffect excludes zero (at the estimator's alpha, 0.05 for 95%) */
  significant: boolean;
}

/** What the estimator says about one count series after a launch. */
export interface EffectEstimate extends EffectFigures {
  observedTotal: number;
  expectedTotal: number;
}

/** One hour of a measured series: observed always; the counterfactual only after the launch. */
export interface ImpactHour {
  t: number;
  observed: number;
  expected: number | null;
  lower: number | null;
  upper: number | null;
}

/** Cumulative effect (observed − counterfactual, summed from launch to t) with its band. */
export interface CumulativeHour {
  t: number;
  effect: number;
  lower: number;
  upper: number;
}

export const IMPACT_SERIES = ['complaints', 'praise'] as const;
/** complaints: messages negative about the plan's topics; praise: positive about them */
export type ImpactSeriesKind = (typeof IMPACT_SERIES)[number];

export interface SeriesImpact {
  kind: ImpactSeriesKind;
  estimate: EffectEstimate | null;
  /** the last week before the launch (observed only) and the post-period (with the counterfactual) */
  hours: ImpactHour[];
  cumulative: CumulativeHour[];
  /** why there is no estimate (too little history, no data), when estimate is null */
  problem?: string;
}

/** A level before and after the launch: a share, or a mean sentiment in [−1, 1]; null without messages. */
export interface BeforeAfter {
  before: number | null;
  after: number | null;
  /** messages behind each figure */
  beforeN: number;
  afterN: number;
}

export interface PilotComparison {
  /** the slices the fix went to, in words built from the scope (e.g. "region: east") */
  pilot: { complaints: BeforeAfter; negativeShare: BeforeAfter };
  control: { complaints: BeforeAfter; negativeShare: BeforeAfter };
  /** model-free difference-in-differences of complaints (pilot vs the unaffected slices) */
  diffInDiff: RelativeEffect | null;
}

export interface PraiseExample {
  id: string;
  ts: number;
  lang: string;
  /** customer text, PII-redacted at ingestion; shown as text, never as HTML */
  text: string;
  topic: string;
}

/**
 * settled: enough post-launch data (3 days of hours); settling: figures still move; insufficient: the
 * pre-period is too short or empty to fit a counterfactual.
 */
export type ImpactStatus = 'settled' | 'settling' | 'insufficient';

export interface LaunchRef {
  planId: string;
  planTitle: string;
  topics: string[];
  scope: LaunchScope;
  launchAt: number;
  actor: string;
}

/** What the list, the wall and the report show for one launch. */
export interface ImpactSummary extends LaunchRef {
  status: ImpactStatus;
  computedAt: number;
  /** complaints about the plan's topics (in the pilot slices for a pilot); null when insufficient */
  headline: EffectEstimate | null;
  /** hourly complaints: the week before and the post-period with the counterfactual (small charts) */
  spark: ImpactHour[];
  postHours: number;
}

export interface ImpactDetail extends ImpactSummary {
  series: Record<ImpactSeriesKind, SeriesImpact>;
  negativeShare: BeforeAfter;
  sentiment: BeforeAfter;
  praiseExamples: PraiseExample[];
  pilot: PilotComparison | null;
  /** first hour of the fitted pre-period */
  preStart: number;
  /** customers who complained about the topics in the pre-period (in the pilot scope for a pilot) */
  complainingCustomers: number;
}

export interface ImpactUpdate {
  serverTime: number;
  launches: ImpactSummary[];
}

/** Period report (/report, GET /api/report). */
export const REPORT_PERIODS = ['week', 'month', 'quarter'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

export interface ReportTopic {
  topic: string;
  complaints: number;
  /** complaints in the period before, same length */
  previous: number;
  negativeShare: number | null;
}

export interface ReportAlert {
  id: string;
  slice: string;
  severity: string;
  status: string;
  startedAt: number;
}

export interface ReportPlan {
  id: string;
  title: string;
  team: string;
  status: string;
  /** status "launched" with its launch still to come: when it goes live */
  liveAt?: number;
}

export interface Report {
  period: ReportPeriod;
  from: number;
  to: number;
  generatedAt: number;
  /** the oldest stored minute (null: nothing stored): a period before it has no data to compare with */
  dataSince: number | null;
  totals: { messages: number; complaints: number; negativeShare: number | null; previousMessages: number; previousComplaints: number };
  /** complaints per day over the period */
  daily: { t: number; n: number; neg: number }[];
  topIssues: ReportTopic[];
  /** null when the alert tables do not exist in this installation */
  alerts: ReportAlert[] | null;
  /** null when plans are not available */
  plans: ReportPlan[] | null;
  launches: ImpactSummary[];
}
