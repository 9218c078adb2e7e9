import type { Report, ReportAlert, ReportPeriod, ReportPlan, ReportTopic } from '../../../../schemas/impact.ts';
import { launchState } from '../../../../schemas/plans.ts';
import type { ImpactSummary } from '../../../../schemas/impact.ts';
import type { Db } from '../../../../streaming/store/db.ts';
import { list, sql } from '../../../../streaming/store/sql.ts';
import { listPlans } from '../plans/store.ts';

/** The period report: what customers complained about, what fired, what teams are doing, what it changed. */

const DAY_MS = 86_400_000;
export const PERIOD_DAYS: Record<ReportPeriod, number> = { week: 7, month: 30, quarter: 91 };
const TOP_ISSUES = 10;

const sec = (ms: number) => Math.floor(ms / 1000);
type N = number | string;

async function totals(db: Db, from: number, to: number) {
  const [r] = await db.query<{ n: N; neg: N }>(sql`
    SELECT sum(n) AS n, sum(neg) AS neg FROM feedback_minute WHERE minute >= toDateTime(${sec(from)}) AND minute < toDateTime(${sec(to)})`);
  return { n: Number(r?.n ?? 0), neg: Number(r?.neg ?? 0) };
}

async function dataSince(db: Db): Promise<number | null> {
  const [r] = await db.query<{ n: N; first: N }>(sql`SELECT count() AS n, toUnixTimestamp(min(minute)) AS first FROM feedback_minute`);
  return Number(r?.n ?? 0) > 0 ? Number(r.first) * 1000 : null;
}

async function daily(db: Db, from: number, to: number) {
  const rows = await db.query<{ d: N; n: N; neg: N }>(sql`
    SELECT toUnixTimestamp(toStartOfDay(minute)) AS d, sum(n) AS n, sum(neg) AS neg
    FROM feedback_minute WHERE minute >= toDateTime(${sec(from)}) AND minute < toDateTime(${sec(to)})
    GROUP BY d ORDER BY d`);
  return rows.map((r) => ({ t: Number(r.d) * 1000, n: Number(r.n), neg: Number(r.neg) }));
}

async function topIssues(db: Db, from: number, to: number, previousFrom: number): Promise<ReportTopic[]> {
  const rows = await db.query<{ topic: string; n: N; neg: N }>(sql`
    SELECT topic, sum(n) AS n, sum(neg) AS neg FROM topic_minute
    WHERE minute >= toDateTime(${sec(from)}) AND minute < toDateTime(${sec(to)})
    GROUP BY topic HAVING neg > 0 ORDER BY neg DESC, topic LIMIT ${TOP_ISSUES}`);
  if (rows.length === 0) return [];
  const prev = await db.query<{ topic: string; neg: N }>(sql`
    SELECT topic, sum(neg) AS neg FROM topic_minute
    WHERE minute >= toDateTime(${sec(previousFrom)}) AND minute < toDateTime(${sec(from)}) AND topic IN ${list(rows.map((r) => r.topic))}
    GROUP BY topic`);
  const before = new Map(prev.map((r) => [r.topic, Number(r.neg)]));
  return rows.map((r) => ({
    topic: r.topic,
    complaints: Number(r.neg),
    previous: before.get(r.topic) ?? 0,
    negativeShare: Number(r.n) > 0 ? Number(r.neg) / Number(r.n) : null
  }));
}

/** Alerts that started in the period, or null where the alert tables (migration 003) do not exist. */
async function alerts(db: Db, from: number, to: number): Promise<ReportAlert[] | null> {
  const [exists] = await db.query<{ c: N }>(sql`
    SELECT count() AS c FROM system.tables WHERE database = currentDatabase() AND name = 'alert_snapshots'`);
  if (!Number(exists?.c)) return null;
  const rows = await db.query<{ id: string; slice: string; severity: string; status: string; started: N }>(sql`
    SELECT alert_id AS id, argMax(slice, version) AS slice, argMax(severity, version) AS severity,
      argMax(status, version) AS status, toUnixTimestamp(min(started_at)) AS started
    FROM alert_snapshots
    WHERE started_at >= toDateTime(${sec(from)}) AND started_at < toDateTime(${sec(to)})
    GROUP BY alert_id ORDER BY started DESC, id LIMIT 100`);
  return rows.map((r) => ({ id: r.id, slice: r.slice, severity: r.severity, status: r.status, startedAt: Number(r.started) * 1000 }));
}

export interface ReportSources {
  db: Db;
  launches: () => Promise<ImpactSummary[]>;
  /** the plans as of `now` (a launch still to come reads as scheduled); absent: the report has no plans section */
  plans?: (now: number) => Promise<ReportPlan[]>;
}

export async function buildReport(src: ReportSources, period: ReportPeriod, now: number): Promise<Report> {
  const to = now;
  const from = to - PERIOD_DAYS[period] * DAY_MS;
  const previousFrom = from - PERIOD_DAYS[period] * DAY_MS;
  const [since, cur, prev, days, issues, alertRows, plans, launches] = await Promise.all([
    dataSince(src.db),
    totals(src.db, from, to),
    totals(src.db, previousFrom, from),
    daily(src.db, from, to),
    topIssues(src.db, from, to, previousFrom),
    alerts(src.db, from, to),
    src.plans ? src.plans(now) : Promise.resolve(null),
    src.launches()
  ]);
  return {
    period,
    from,
    to,
    generatedAt: now,
    dataSince: since,
    totals: {
      messages: cur.n,
      complaints: cur.neg,
      negativeShare: cur.n > 0 ? cur.neg / cur.n : null,
      previousMessages: prev.n,
      previousComplaints: prev.neg
    },
    daily: days,
    topIssues: issues,
    alerts: alertRows,
    plans,
    // launches measured in the period, or still being measured
    launches: launches.filter((l) => l.launchAt < to && l.launchAt >= previousFrom)
  };
}

/** Every plan and its status, most recently changed first (from the plans' action log). */
export async function reportPlans(db: Db, now: number): Promise<ReportPlan[]> {
  return (await listPlans(db)).map((p) => {
    const state = p.status === 'launched' ? launchState(p.launches, now) : null;
    return { id: p.id, title: p.title, team: p.team, status: p.status, ...(state && !state.live ? { liveAt: state.at } : {}) };
  });
}

export const isReportPeriod = (p: string | null): p is ReportPeriod => p === 'week' || p === 'month' || p === 'quarter';
