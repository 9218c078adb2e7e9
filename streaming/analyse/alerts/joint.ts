import { metricOf, type Alert, type AlertCorroboration, type AlertMetric, type SliceReading } from '../../../schemas/alerts.ts';
import { advanceAlerts, type EngineOptions, type EngineState, type MinuteInput, type StepOutput } from './engine.ts';
import { related } from './slices.ts';

/**
 * Several measures, one alert per incident. A complaint spike also raises the negative share and lowers
 * the mean sentiment of the slices it touches: each measure runs its own alert engine step (advanceAlerts,
 * on the alerts of its own measure), but a firing related to an open alert of ANOTHER measure does not
 * open a second one: it joins that alert as a corroboration (evidence shown with it) and keeps it open
 * (the incident is still going on). Measures run in the order given — complaint counts first — so when
 * two measures fire for a new incident in the same minute, the first one opens the alert and the later
 * ones join it. Sequence numbers (alert ids), the storm guard and the lifecycle are shared by all.
 *
 * With only the complaint count given, this is exactly advanceAlerts (same state, same output).
 */

export interface MeasureStep {
  metric: AlertMetric;
  input: MinuteInput;
  /** engine options for this measure (e.g. its own confirmation rule) */
  options?: Partial<EngineOptions>;
}

/** EngineState plus each non-count measure's "fired last minute, unconfirmed" memory (engine `pending`). */
export type JointState = EngineState & { pendingBy?: Partial<Record<AlertMetric, string[]>> };

export function advanceMeasures(prev: JointState, steps: readonly MeasureStep[], options: Partial<EngineOptions> = {}): StepOutput & { state: JointState } {
  let state: JointState = prev;
  const changed = new Map<string, Alert>();
  const events: StepOutput['events'] = [];
  const notifications: StepOutput['notifications'] = [];
  for (const step of steps) {
    const { metric, input } = step;
    const own = (a: Alert) => metricOf(a) === metric;
    const absorbed = absorb(state.active.filter((a) => !own(a)), input.firings, metric, input.minute);
    for (const a of absorbed.touched) changed.set(a.id, a);
    const others = absorbed.alerts;
    const pending = metric === 'neg' ? state.pending : state.pendingBy?.[metric] ?? [];
    // Each measure re-opens only its own resolved alerts (engine `recent`).
    const view: EngineState = { active: state.active.filter(own), seq: state.seq, storm: state.storm, pending, recent: (state.recent ?? []).filter(own), surges: state.surges ?? {} };
    const out = advanceAlerts(view, { ...input, firings: absorbed.rest }, { ...options, ...step.options, metric });
    for (const a of out.changed) changed.set(a.id, a);
    events.push(...out.events);
    notifications.push(...out.notifications);
    state = {
      active: [...others, ...out.state.active],
      seq: out.state.seq,
      storm: out.state.storm,
      recent: [...(state.recent ?? []).filter((a) => !own(a)), ...(out.state.recent ?? [])],
      // The engine keeps tracks of its own alerts only (resurge.ts): the other measures' stay as they were.
      surges: { ...Object.fromEntries(Object.entries(state.surges ?? {}).filter(([id]) => others.some((a) => a.id === id))), ...out.state.surges },
      pending: metric === 'neg' ? out.state.pending : state.pending,
      ...(metric === 'neg' && !state.pendingBy ? {} : { pendingBy: metric === 'neg' ? state.pendingBy : { ...state.pendingBy, [metric]: out.state.pending } })
    };
  }
  return { state, changed: [...changed.values()], events, notifications };
}

/**
 * Firings of `metric` related to one of `alerts` (alerts of other measures) join the related alert with
 * the largest excess as corroborations and mark it still above its band this minute; the rest are left.
 * As in the engine's joinActive, a firing may relate to an alert only through another firing that joined
 * it this minute ("topic:app.slow" joins the "region:east" alert once "app.slow × east" has), whatever
 * the order.
 */
export function absorb(alerts: readonly Alert[], firings: readonly SliceReading[], metric: AlertMetric, minute: number):
  { alerts: Alert[]; touched: Alert[]; rest: SliceReading[] } {
  if (!alerts.length || !firings.length) return { alerts: [...alerts], touched: [], rest: [...firings] };
  const next = [...alerts];
  const slices = next.map((a) => [a.slice, ...a.members.map((m) => m.slice)]);
  const touched = new Set<number>();
  let fresh = [...firings];
  for (let joined = true; joined && fresh.length; ) {
    joined = false;
    const rest: SliceReading[] = [];
    for (const f of fresh) {
      let best = -1;
      next.forEach((a, i) => {
        if (slices[i].some((s) => related(s, f.slice)) && (best < 0 || a.stats.excess > next[best].stats.excess)) best = i;
      });
      if (best < 0) { rest.push(f); continue; }
      joined = true;
      slices[best].push(f.slice);
      next[best] = corroborate(next[best], f, metric, minute);
      touched.add(best);
    }
    fresh = rest;
  }
  return { alerts: next, touched: [...touched].map((i) => next[i]), rest: fresh };
}

function corroborate(a: Alert, f: SliceReading, metric: AlertMetric, minute: number): Alert {
  const c: AlertCorroboration = { metric, slice: f.slice, at: minute, observed: f.observed, expected: f.expected, ...(f.n !== undefined ? { n: f.n } : {}) };
  const kept = (a.corroborations ?? []).filter((x) => !(x.metric === metric && x.slice === f.slice));
  // Newest first, then the largest move; a dozen is evidence enough (an incident can touch dozens of slices).
  const list = [c, ...kept].sort((x, y) => y.at - x.at || (y.observed - y.expected) - (x.observed - x.expected)).slice(0, 12);
  return { ...a, corroborations: list, stats: { ...a.stats, lastAboveAt: Math.max(a.stats.lastAboveAt, minute) } };
}
