import type {
  BeforeAfter,
  EffectEstimate,
  ImpactDetail,
  ImpactHour,
  ImpactSeriesKind,
  ImpactSummary,
  LaunchRef,
  PilotComparison,
  SeriesImpact
} from '../../../../schemas/impact.ts';
import type { Launch } from '../../../../schemas/plans.ts';
import { estimateImpact, type ImpactResult, type Point } from '../../../../streaming/analyse/impact/index.ts';
import { HOUR_MS, type HourRow } from './queries.ts';
import { isPilot } from './scope.ts';

/**
 * Turns hourly counts around a launch into the impact the view shows: thin glue over the pure
 * estimator, itself pure (the estimator's bootstrap is seeded, so a recomputation with the same data
 * gives the same figures and the live view does not flicker).
 */

const DAY_MS = 24 * HOUR_MS;
/** The counterfactual is fitted on at most this much history before the launch… */
export const PRE_MS = 28 * DAY_MS;
/** …and the measurement stops this long after it (the question is the fix, not what came later). */
export const POST_MS = 28 * DAY_MS;
/**
 * Below a week of days the estimator's level model cannot tell day-to-day drift from noise (and under 3
 * days it falls back to a cruder bootstrap): no figure rather than an overconfident one.
 */
export const MIN_PRE_MS = 7 * DAY_MS;
/** "Before" levels (share, sentiment, pilot vs control) are taken over the last week before the launch. */
const BEFORE_MS = 7 * DAY_MS;
/** Small charts show this much before the launch and at most this much after it. */
const SPARK_PRE_MS = 3 * DAY_MS;
const SPARK_POST_MS = 7 * DAY_MS;
const SEED = 1;

export const floorHour = (t: number) => Math.floor(t / HOUR_MS) * HOUR_MS;
export const ceilHour = (t: number) => Math.ceil(t / HOUR_MS) * HOUR_MS;

export interface LaunchWindow {
  /** first hour fitted */
  preStart: number;
  /** first whole hour after the launch; the hour the launch fell in (if not on the hour) is left out */
  postStart: number;
  /** end (exclusive) of the last complete hour measured */
  postEnd: number;
  /** the hour holding the launch, when it is a mixture of before and after */
  mixedHour: number | null;
  /** end of the last whole hour the stored data has passed; later hours are unknown, not empty */
  storedEnd?: number;
}

/**
 * Which hours to read for a launch, given when data starts, what time it is and how far the stored data
 * reaches (`storedUntil`, the end of the newest stored minute). Hours past the stored data are unknown,
 * not zero: while the processors were still working through a backlog (the demo's first run replays 10
 * days of history), the hours after the launch had no rows yet, densify read them as zero complaints and
 * the wall showed "−100% [−100%, −100%]". Only hours the data has passed are measured.
 */
export function launchWindow(at: number, firstDataAt: number | null, now: number, storedUntil: number = now): LaunchWindow {
  const postStart = ceilHour(at);
  const preStart = Math.max(floorHour(at - PRE_MS), ceilHour(firstDataAt ?? at));
  const storedEnd = floorHour(Math.min(now, storedUntil));
  const postEnd = Math.max(postStart, Math.min(storedEnd, postStart + POST_MS));
  return { preStart: Math.min(preStart, floorHour(at)), postStart, postEnd, mixedHour: postStart === at ? null : floorHour(at), storedEnd };
}

export interface Dense {
  t: number[];
  inside: HourRow[];
  outside: HourRow[];
}

const empty = (t: number, inside: 0 | 1): HourRow => ({ t, inside, n: 0, neg: 0, pos: 0, sentimentSum: 0 });

/** Every hour of the window (zero where nothing was said), minus the launch's mixed hour. */
function densify(rows: readonly HourRow[], w: LaunchWindow): Dense {
  const byKey = new Map(rows.map((r) => [`${r.t}:${r.inside}`, r]));
  const out: Dense = { t: [], inside: [], outside: [] };
  // Hours the stored data has not reached yet are left out, not read as zero: also before the launch,
  // where they would show as a silent stretch on the charts.
  const end = Math.min(w.postEnd, w.storedEnd ?? w.postEnd);
  for (let t = w.preStart; t < end; t += HOUR_MS) {
    if (t === w.mixedHour) continue;
    out.t.push(t);
    out.inside.push(byKey.get(`${t}:1`) ?? empty(t, 1));
    out.outside.push(byKey.get(`${t}:0`) ?? empty(t, 0));
  }
  return out;
}

const sumOf = (rows: readonly HourRow[], f: (r: HourRow) => number) => rows.reduce((s, r) => s + f(r), 0);

function level(before: readonly HourRow[], after: readonly HourRow[], num: (r: HourRow) => number): BeforeAfter {
  const bn = sumOf(before, (r) => r.n);
  const an = sumOf(after, (r) => r.n);
  return { before: bn ? sumOf(before, num) / bn : null, after: an ? sumOf(after, num) / an : null, beforeN: bn, afterN: an };
}

/** Complaints per day, before and after. */
function dailyComplaints(before: readonly HourRow[], after: readonly HourRow[]): BeforeAfter {
  const perDay = (rows: readonly HourRow[]) => (rows.length ? (sumOf(rows, (r) => r.neg) / rows.length) * 24 : null);
  return { before: perDay(before), after: perDay(after), beforeN: sumOf(before, (r) => r.n), afterN: sumOf(after, (r) => r.n) };
}

function toEstimate(r: ImpactResult): EffectEstimate {
  const observedTotal = r.pointwise.reduce((s, p) => s + p.observed, 0);
  return {
    relativeEffect: r.relativeEffect,
    lower95: r.lower95,
    upper95: r.upper95,
    cumulativeEffect: r.cumulativeEffect,
    cumulativeLower: r.cumulativeLower,
    cumulativeUpper: r.cumulativeUpper,
    probability: r.probability,
    significant: r.significant,
    observedTotal,
    expectedTotal: observedTotal - r.cumulativeEffect
  };
}

interface Estimated {
  series: SeriesImpact;
  result: ImpactResult | null;
}

/**
 * Messages of any kind (not only complaints) about the topics expected after the launch at the pre-period's
 * rate, above which none at all means the data has not arrived rather than that the fix worked: a fix
 * removes complaints, not every neutral and positive word about the topic. At 10 expected, "none" by
 * chance is e^-10.
 */
export const MIN_POST_EXPECTED = 10;

/** False when the post-period is empty of every message although the pre-period says some were due. */
export function postDataArrived(d: Dense, w: LaunchWindow): boolean {
  let preN = 0;
  let preHours = 0;
  let postN = 0;
  let postHours = 0;
  for (const r of d.inside) {
    if (r.t < w.postStart) (preN += r.n), preHours++;
    else (postN += r.n), postHours++;
  }
  if (postN > 0 || preHours === 0) return true;
  return (preN / preHours) * postHours < MIN_POST_EXPECTED;
}

/** fewer messages of a kind than this before a launch cannot be forecast to a useful precision */
export const MIN_PRE_MESSAGES = 30;

function estimateSeries(kind: ImpactSeriesKind, d: Dense, w: LaunchWindow, pilot: boolean, value: (r: HourRow) => number): Estimated {
  const treated: Point[] = d.inside.map((r) => ({ t: r.t, value: value(r) }));
  const preHours = treated.filter((p) => p.t < w.postStart).slice(-BEFORE_MS / HOUR_MS);
  const observedHours: ImpactHour[] = preHours.map((p) => ({ t: p.t, observed: p.value, expected: null, lower: null, upper: null }));
  const base = { kind, hours: observedHours, cumulative: [] };
  const postCount = treated.length - treated.filter((p) => p.t < w.postStart).length;
  if (postCount === 0) return { series: { ...base, estimate: null, problem: 'no complete hour since the launch yet' }, result: null };
  if (!postDataArrived(d, w)) return { series: { ...base, estimate: null, problem: 'no messages about these topics stored since the launch yet' }, result: null };
  if (w.postStart - w.preStart < MIN_PRE_MS) return { series: { ...base, estimate: null, problem: 'less than 7 days of history before the launch' }, result: null };
  const preTotal = treated.reduce((sum, p) => (p.t < w.postStart ? sum + p.value : sum), 0);
  if (preTotal === 0) return { series: { ...base, estimate: null, problem: 'nothing of this kind before the launch' }, result: null };
  // A handful of messages a week gives a relative effect like "−100% [−100%, −100%]": exact arithmetic,
  // no information. Below this the panel says there is too little to measure.
  if (preTotal < MIN_PRE_MESSAGES) {
    return { series: { ...base, estimate: null, problem: `only ${preTotal} messages of this kind before the launch: too few to measure` }, result: null };
  }
  try {
    const controls = pilot ? [d.outside.map((r) => ({ t: r.t, value: value(r) }))] : undefined;
    const result = estimateImpact({ treated, launch: w.postStart, controls, options: { seed: SEED } });
    return {
      series: {
        kind,
        estimate: toEstimate(result),
        hours: [...observedHours, ...result.pointwise.map((p) => ({ t: p.t, observed: p.observed, expected: p.expected, lower: p.lower, upper: p.upper }))],
        cumulative: result.cumulative.map((c) => ({ ...c }))
      },
      result
    };
  } catch (e) {
    return { series: { ...base, estimate: null, problem: (e as Error).message }, result: null };
  }
}

export function launchRef(l: Launch): LaunchRef {
  return { planId: l.planId, planTitle: l.planTitle, topics: [...l.topics], scope: l.scope, launchAt: l.at, actor: l.actor };
}

export interface ComputeInput {
  launch: Launch;
  window: LaunchWindow;
  rows: readonly HourRow[];
  now: number;
}

/** The full impact of one launch, except what needs further reads (examples, customer count). */
export function computeImpact(input: ComputeInput): Omit<ImpactDetail, 'praiseExamples' | 'complainingCustomers'> {
  const { launch, window: w, now } = input;
  const pilot = isPilot(launch.scope);
  const d = densify(input.rows, w);
  const complaints = estimateSeries('complaints', d, w, pilot, (r) => r.neg);
  const praise = estimateSeries('praise', d, w, pilot, (r) => r.pos);

  const isBefore = (r: HourRow) => r.t < w.postStart && r.t >= w.postStart - BEFORE_MS;
  const isAfter = (r: HourRow) => r.t >= w.postStart;
  const before = d.inside.filter(isBefore);
  const after = d.inside.filter(isAfter);
  let pilotCmp: PilotComparison | null = null;
  if (pilot) {
    const cBefore = d.outside.filter(isBefore);
    const cAfter = d.outside.filter(isAfter);
    const did = complaints.result?.diffInDiff;
    pilotCmp = {
      pilot: { complaints: dailyComplaints(before, after), negativeShare: level(before, after, (r) => r.neg) },
      control: { complaints: dailyComplaints(cBefore, cAfter), negativeShare: level(cBefore, cAfter, (r) => r.neg) },
      diffInDiff: did && Number.isFinite(did.relativeEffect) ? { relativeEffect: did.relativeEffect, lower95: did.lower95, upper95: did.upper95 } : null
    };
  }
  const headline = complaints.series.estimate;
  // No estimate yet because the post-period's data has not arrived is "settling" (a figure will come), not
  // "insufficient" (which says the history before the launch is too thin): the views say "waiting for data".
  const waiting = after.length === 0 || !postDataArrived(d, w);
  const status = !complaints.result ? (waiting && w.postStart - w.preStart >= MIN_PRE_MS ? 'settling' : 'insufficient') : complaints.result.settling ? 'settling' : 'settled';
  const spark = complaints.series.hours.filter((h) => h.t >= w.postStart - SPARK_PRE_MS && h.t < w.postStart + SPARK_POST_MS);
  return {
    ...launchRef(launch),
    status,
    computedAt: now,
    headline,
    spark,
    postHours: after.length,
    series: { complaints: complaints.series, praise: praise.series },
    negativeShare: level(before, after, (r) => r.neg),
    sentiment: level(before, after, (r) => r.sentimentSum),
    pilot: pilotCmp,
    preStart: w.preStart
  };
}

export function summaryOf(d: ImpactDetail): ImpactSummary {
  const { planId, planTitle, topics, scope, launchAt, actor, status, computedAt, headline, spark, postHours } = d;
  return { planId, planTitle, topics, scope, launchAt, actor, status, computedAt, headline, spark, postHours };
}
