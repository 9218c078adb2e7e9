/**
 * Do complaint spikes page in time, and does nothing else page? Replays simulated days of feedback
 * (streaming/sim, seeded, with injected incidents from the presets at random times) faster than real
 * time, counts negative messages per minute per slice (topic, channel, region, platform, topic ×
 * region / channel / platform, and topic × channel × region; `--cuts` to change), runs the alert watcher
 * and engine over them, and prints one JSON line.
 * Progress goes to stderr.
 *
 *   npm run --silent bench:alerts [-- --seed 1 --days 5 --warm-days 3 --rate 20 --per-day 4 --slide-ms 15000 --cache FILE]
 *
 * Generating the traffic takes most of the time; `--cache FILE` stores the per-minute counts of a run
 * (for its seed, days, rate, incidents) and replays them on the next run with the same arguments.
 *
 * The watcher is run as streaming/watch runs it: closed minutes, and between them a sliding 60-s window
 * every 15 s (--slide-ms, as WATCH_SLIDE_MS; 0: closed minutes only), counted from 15-s bins of the
 * simulated messages' own timestamps.
 *
 * Delay is measured from the incident's start (the first instant of its 3-min ramp) to when the alert
 * reaches people: the end of the minute or window whose counts first gave an alert a headline consistent
 * with the incident (topic, region, channel, platform), while it ran or faded (1 h after the fix), plus
 * the watch loop's settle delay (--settle-ms, default 10 s as WATCH_SETTLE_MS; a window's: --window-settle-ms,
 * default 2 s as WATCH_WINDOW_SETTLE_MS). An alert already open can
 * absorb an incident: its new headline counts. An alert whose headlines never match any incident is false.
 * `--watch-cache FILE` also stores the watcher's output, so engine-only changes replay in seconds (the
 * replay gives the engine only the readings above expectation: within an alert or so of a full run).
 */
import { closeSync, existsSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { baselineShare, createGenerator } from '../streaming/sim/generator.ts';
import { dailyRhythm } from '../streaming/sim/world.ts';
import { SCENARIO_TOPIC, SCENARIOS, type Incident } from '../streaming/sim/scenarios.ts';
import { incidentSchedule } from './lib/bench-incidents.ts';
import { ALERT_SEVERITIES, metricOf, severityRank, type Alert, type AlertMetric, type AlertSeverity, type SliceReading } from '../schemas/alerts.ts';
import {
  createSliceWatcher, WATCHER_DEFAULTS, WATCHER_DETECTOR, type MinuteResult, advanceAlerts, peekAlerts, emptyEngineState, sliceKey, parseSlice, ENGINE_DEFAULTS, type EngineOptions, type EngineState,
  advanceMeasures, createMeasureWatcher, related, contains, RATE_METRICS, FIVE_MIN_RATE_METRICS, EXTRA_METRICS, COUNT_5M_OPTIONS, createBlockSum, addCount, addTotals, type ExtraMetric, type MeasureWatcher, type RateMetric, type SliceTotals, type StepOutput
} from '../streaming/analyse/alerts/index.ts';
import { numberOption, option, stringOption } from './lib/args.ts';
import { cooccurrence, measureTopicTable, topicDrawer, topicShare, type TopicTable } from './lib/topic-table.ts';
import { pairKey, SHARED_DEFAULTS } from '../streaming/analyse/alerts/shared.ts';
import { witnesses } from '../streaming/analyse/alerts/engine.ts';
import { COFIRE_DEFAULTS } from '../streaming/analyse/alerts/cofire.ts';
import { RESURGE_DEFAULTS } from '../streaming/analyse/alerts/resurge.ts';
import { WINDOW_SETTLE_MS as WINDOW_SETTLE_DEFAULT } from '../streaming/watch/plan.ts';

const SEED = stringOption('seed', '1');
const DAYS = numberOption('days', 5);
const WARM_DAYS = numberOption('warm-days', 3);
const RATE = numberOption('rate', 20);
const PER_DAY = numberOption('per-day', 4);

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
// A Monday, so the replay starts on an ordinary week.
const T0 = Date.UTC(2026, 0, 5) - 8 * 3600_000;
const EVAL0 = T0 + WARM_DAYS * DAY;
// How long after the fix an incident's fading tail may still legitimately alert.
const TAIL_MS = 60 * MINUTE;



type Doc = ReturnType<ReturnType<typeof createGenerator>['messagesBetween']>[number];

/**
 * `--topics sim` (default): a complaint has one topic, its scenario's (SCENARIO_TOPIC), as in every figure
 * before. `--topics enricher`: it has the negative topics the real enrichment gives such messages, drawn
 * from per-scenario frequencies measured on a sample (scripts/lib/topic-table.ts), two or more on ~40 % of
 * complaints: one incident then raises its co-topics' slices too, and the pair cells (messages in two
 * topics at once, per channel × region × platform) let the engine group by shared evidence. The topic
 * table is measured when the traffic is generated; the count cache keeps the drawn sets.
 */
const TOPICS = stringOption('topics', 'sim');
if (TOPICS !== 'sim' && TOPICS !== 'enricher') throw new Error('--topics sim|enricher');
let topicTable: TopicTable | null = null;
let drawTopics: ((scenario: string) => string[]) | null = null;
function topicsOf(scenario: string): string[] {
  if (TOPICS === 'sim' || scenario === 'campaign') return SCENARIO_TOPIC[scenario] ? [SCENARIO_TOPIC[scenario]] : [];
  if (!drawTopics) {
    topicTable ??= measureTopicTable();
    drawTopics = topicDrawer(topicTable, `topics-${SEED}`);
  }
  return drawTopics(scenario);
}

/**
 * `--cuts` (comma-separated; dimensions joined by "*"; "all" is the whole stream, "parent" the topic's
 * parent, e.g. "app" for "app.slow"): the slices watched. The default is the product's cuts (DEFAULT_CUTS)
 * plus platform, without parents on the crossed topic cuts. Before topic × channel × region joined the
 * product's cuts (2026-11-25) it was the same without it (232 series; pass that list to compare).
 */
const CUTS = stringOption('cuts', 'all,channel,region,platform,parent,topic,topic*region,topic*channel,topic*platform,topic*channel*region')
  .split(',').map((c) => c.trim()).filter(Boolean).map((c) => (c === 'all' ? [] : c.split('*')));
if (CUTS.some((c) => c.some((d) => !['topic', 'parent', 'channel', 'region', 'platform'].includes(d)) || (c.includes('topic') && c.includes('parent')))) throw new Error('--cuts: dimensions topic|parent, channel, region, platform joined by *, or all');

/**
 * Negative messages per cell (topic or "" × channel × region × platform): the count cache holds cells, so
 * any cut list replays from one generated traffic. Every negative message counts in the cuts without a
 * topic; the topic cuts count only messages with a topic.
 */
function countDocs(docs: Doc[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of docs) {
    if (d.meta?.sim_mood !== 'negative') continue;
    const cell = [topicsOf(d.meta.sim_scenario ?? '').join('+'), d.channel, d.customer?.region ?? '', d.meta.platform ?? ''].join('\t');
    counts.set(cell, (counts.get(cell) ?? 0) + 1);
  }
  return counts;
}
const cellSlices = new Map<string, string[]>();
function slicesOfCell(cell: string): string[] {
  let keys = cellSlices.get(cell);
  if (keys) return keys;
  const [set, channel, region, platform] = cell.split('\t');
  const topics = set ? set.split('+') : [];
  keys = [];
  for (const cut of CUTS) {
    const topical = cut.includes('topic') || cut.includes('parent');
    // A message with several topics counts in each topic's slices (as topic_minute counts it).
    for (const topic of topical ? topics : ['']) {
      if (cut.includes('parent') && !topic.includes('.')) continue;
      const values: Record<string, string> = { topic, parent: topic.split('.')[0], channel, region, platform };
      keys.push(sliceKey(Object.fromEntries(cut.map((d) => [d === 'parent' ? 'topic' : d, values[d]]))));
    }
  }
  // And in one pair cell per pair of its topics: the intersections the engine's grouping reads.
  for (let i = 0; i < topics.length; i++) for (let j = i + 1; j < topics.length; j++) keys.push(pairKey(topics[i], topics[j], { channel, region, platform }));
  cellSlices.set(cell, keys);
  return keys;
}
/** Cell counts → slice counts under CUTS. */
function expandCells(cells: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [cell, n] of cells) for (const k of slicesOfCell(cell)) out.set(k, (out.get(k) ?? 0) + n);
  return out;
}

/**
 * `--measures neg,neg_share,sentiment` (default: WATCH_MEASURES, else the complaint count alone): the
 * negative share and mean sentiment are watched too, on the cuts without a topic (all, channel, region,
 * platform, channel × region). Topic cuts are left out here because the simulator's topics are its
 * complaint scenarios, every message of which is negative: a topic's share would be 1 by construction.
 * The simulator has no sentiment score (the enrichment computes it): the bench uses its mood instead,
 * negative −0.7, neutral 0, positive +0.7. Noise and adverts are left out as the rollups leave them out.
 */
const MEASURES = (option('measures') ?? process.env.WATCH_MEASURES ?? 'neg').split(',').map((x) => x.trim()).filter(Boolean) as AlertMetric[];
const RATES = MEASURES.filter((m): m is RateMetric => (RATE_METRICS as readonly string[]).includes(m));
// The complaint count is always watched (as in streaming/watch); the list adds measures to it.
if (MEASURES.some((m) => m !== 'neg' && !(EXTRA_METRICS as readonly string[]).includes(m))) throw new Error(`--measures: neg, ${EXTRA_METRICS.join(', ')}`);
/**
 * The 5-minute measures (neg_5m, neg_share_5m, sentiment_5m) score 5-minute block sums at each block's
 * last minute, exactly as streaming/watch does (fivemin.ts); neg_5m on every count slice, the rates on
 * the cuts above.
 */
const COUNT5 = MEASURES.includes('neg_5m') ? createSliceWatcher(COUNT_5M_OPTIONS) : null;
const EXTRAS: ExtraMetric[] = [...RATES, ...(COUNT5 ? ['neg_5m' as const] : [])];
const countBlock = createBlockSum(addCount), totalsBlock = createBlockSum(addTotals<SliceTotals>);
const isFive = (m: ExtraMetric) => m === 'neg_5m' || FIVE_MIN_RATE_METRICS.includes(m);
/** One closed minute through the extra measures: learned (warm-up) or observed (steps for advanceMeasures). */
function extraMinute(t: number, counts: ReadonlyMap<string, number>, totals: ReadonlyMap<string, SliceTotals>, learn: boolean) {
  const sum5 = RATES.some(isFive) ? totalsBlock.push(t, totals) : null;
  const counts5 = COUNT5 ? countBlock.push(t, counts) : null;
  const steps: { metric: ExtraMetric; input: MinuteResult }[] = [];
  for (const metric of RATES) {
    const five = isFive(metric);
    if (five && !sum5) continue;
    const w = rateWatchers.get(metric)!;
    if (learn) w.learn(t, five ? sum5! : totals);
    else steps.push({ metric, input: w.observe(t, five ? sum5! : totals) });
  }
  if (counts5) {
    if (learn) COUNT5!.learn(t, counts5);
    else steps.push({ metric: 'neg_5m', input: COUNT5!.observe(t, counts5) });
  }
  return steps;
}
const sizeOf = (m: AlertMetric) => (m === 'neg_5m' ? COUNT5!.size : rateWatchers.get(m as RateMetric)!.size);
const MOOD_SENTIMENT: Record<string, number> = { negative: -0.7, neutral: 0, positive: 0.7 };
function totalDocs(docs: Doc[]): Map<string, SliceTotals> {
  const out = new Map<string, SliceTotals>();
  for (const d of docs) {
    const scenario = d.meta?.sim_scenario ?? '';
    if (scenario === 'noise' || scenario === 'advert') continue;
    const mood = d.meta?.sim_mood ?? 'neutral';
    const neg = mood === 'negative' ? 1 : 0, s = MOOD_SENTIMENT[mood] ?? 0;
    const region = d.customer?.region ?? '', channel = d.channel, platform = d.meta?.platform ?? '';
    // Survey scores as the score_minute rollup counts them (NPS detractor ≤ 6, CSAT low ≤ 2).
    const nps = d.scores?.nps, csat = d.scores?.csat;
    const sc = { npsN: nps === undefined ? 0 : 1, detractors: nps !== undefined && nps <= 6 ? 1 : 0, csatN: csat === undefined ? 0 : 1, csatLow: csat !== undefined && csat <= 2 ? 1 : 0 };
    for (const k of ['all:', sliceKey({ channel }), sliceKey({ region }), sliceKey({ platform }), sliceKey({ channel, region })]) {
      const t = out.get(k);
      if (t) { t.n++; t.neg += neg; t.sentimentSum += s; t.npsN! += sc.npsN; t.detractors! += sc.detractors; t.csatN! += sc.csatN; t.csatLow! += sc.csatLow; }
      else out.set(k, { n: 1, neg, sentimentSum: s, ...sc });
    }
  }
  return out;
}

/** The alert's headline says nothing that contradicts the incident (topic, region, channel, platform). */
function explains(slice: string, inc: Incident): boolean {
  const p = parseSlice(slice);
  const topic = SCENARIO_TOPIC[inc.scenario];
  if (p.topic && !(topic === p.topic || topic.startsWith(p.topic + '.'))) return false;
  for (const d of ['region', 'channel', 'platform'] as const) if (p[d] && inc.slice[d] && p[d] !== inc.slice[d]) return false;
  return true;
}

const TRACE = process.env.BENCH_TRACE === '1';
/** With BENCH_TRACE=1: the incident's own slices in its first minutes, to see why an alert came late. */
function trace(end: number, readings: Map<string, { observed: number; expected: number; upper: number; score: number; surprise: number }>): void {
  for (const inc of incidents) {
    if (end < inc.start || end > inc.start + 6 * MINUTE) continue;
    const topic = SCENARIO_TOPIC[inc.scenario];
    const keys = [sliceKey({ topic }), ...(['region', 'channel', 'platform'] as const).filter((d) => inc.slice[d]).map((d) => sliceKey({ topic, [d]: inc.slice[d]! }))];
    const parts = keys.map((k) => {
      const r = readings.get(k);
      return r ? `${k} ${r.observed}/${r.expected.toFixed(1)} up ${r.upper.toFixed(1)} s ${r.surprise.toFixed(1)} sc ${r.score.toFixed(2)}` : `${k} -`;
    });
    console.error(`trace ${inc.id} +${((end - inc.start) / MINUTE).toFixed(2)}  ${parts.join(' ; ')}`);
  }
}

/**
 * With BENCH_DIAG=1: per sizeable incident, every look (window or closed minute) whose end lies 45–120 s
 * after its start: the best reading among the slices consistent with it (surprise, observed / expected)
 * and which of them fired (passed the detector and the size gates). Why an incident missed 2 minutes.
 */
const DIAG = process.env.BENCH_DIAG === '1';
const diagLooks = new Map<Incident, string[]>();
function diag(end: number, kind: string, m: { readings: Map<string, SliceReading>; firings: SliceReading[] }): void {
  for (const inc of incidents) {
    if (end < inc.start + 45_000 || end > inc.start + 2 * MINUTE) continue;
    const mine = [...m.readings.values()].filter((r) => explains(r.slice, inc) && r.slice !== 'all:').sort((a, b) => b.surprise - a.surprise);
    const fired = m.firings.filter((f) => explains(f.slice, inc));
    const top = mine[0];
    const gate = top ? (watcher.isSpike(top) ? '' : top.observed < 2 * Math.max(top.expected, 1) ? ' (ratio < 2)' : ' (excess too small)') : '';
    const line = `${kind} +${((end - inc.start) / 1000).toFixed(0)}s best ${top ? `${top.slice} ${top.observed}/${top.expected.toFixed(1)} s ${top.surprise.toFixed(1)}${gate}` : '-'} fired [${fired.map((f) => `${f.slice} ${f.observed}/${f.expected.toFixed(1)} s ${f.surprise.toFixed(1)}`).join('; ')}]`;
    diagLooks.set(inc, [...(diagLooks.get(inc) ?? []), line]);
  }
}

/**
 * With BENCH_DIAG=1 on a replay from --watch-cache (where the watcher's readings are not recomputed): per
 * sizeable incident, every stored look read (end + settle) 30–150 s after its start: the firings consistent
 * with it, how many separate witnesses they make (engine witnesses()), their highest surprise and the
 * highest surprise of a consistent sibling reading above expectation (corroboration): which engine rule
 * held the look back. A window without a firing is not stored, so it does not show.
 */
const replayDiagLooks = new Map<Incident, string[]>();
function replayDiag(readAt: number, kind: string, firings: readonly SliceReading[], readings: readonly SliceReading[]): void {
  for (const inc of incidents) {
    if (readAt < inc.start + 30_000 || readAt > inc.start + 150_000) continue;
    const mine = firings.filter((f) => explains(f.slice, inc));
    const others = firings.length - mine.length;
    const fired = new Set(mine.map((f) => f.slice));
    const sib = readings.filter((r) => !fired.has(r.slice) && r.slice !== 'all:' && explains(r.slice, inc) && mine.some((f) => related(f.slice, r.slice) && !contains(f.slice, r.slice) && !contains(r.slice, f.slice)))
      .sort((a, b) => b.surprise - a.surprise)[0];
    const maxS = mine.reduce((m, f) => Math.max(m, f.surprise), 0);
    const fmt = (r: SliceReading) => `${r.slice} ${r.observed}/${r.expected.toFixed(1)} s ${r.surprise.toFixed(1)}`;
    const line = `${kind} +${((readAt - inc.start) / 1000).toFixed(0)}s${readAt - inc.start <= 2 * MINUTE ? ' ≤2' : ''} fired ${mine.length} witnesses ${mine.length ? witnesses(mine) : 0} max s ${maxS.toFixed(1)} sibling ${sib ? fmt(sib) : '-'} [${mine.map(fmt).join('; ')}]${others ? ` (+${others} other firings)` : ''}`;
    replayDiagLooks.set(inc, [...(replayDiagLooks.get(inc) ?? []), line]);
  }
}

const incidents = incidentSchedule({ seed: SEED, days: DAYS, perDay: PER_DAY, eval0: EVAL0 });
const gen = createGenerator({ seed: SEED, now: T0, incidents });
// Tuning knobs (defaults are the watcher's own): --fire <surprise> --novelty <power> --alpha <level smoothing> --min-excess <n> --min-ratio <x>
const tuned = (name: string) => (option(name) === undefined ? undefined : numberOption(name, 0));
const detectorKnobs = Object.fromEntries(Object.entries({ fireSurprise: tuned('fire'), noveltyPower: tuned('novelty'), alpha: tuned('alpha') }).filter(([, v]) => v !== undefined));
const watcher = createSliceWatcher({
  detector: { ...WATCHER_DETECTOR, ...detectorKnobs },
  minExcess: tuned('min-excess'),
  // --min-excess-cell <n>: the excess gate for topic × channel × region cells only
  minExcessCell: tuned('min-excess-cell'),
  minRatio: tuned('min-ratio'),
  peekFireSurprise: tuned('peek-fire'),
  peekMinRatio: tuned('peek-min-ratio'),
  capLearningMin: tuned('cap-learning'),
  // --fired-shift <min> [--fired-shift-hold <min>]: fired minutes (and their tail) do not count towards the upward shift rule
  firedShiftMin: tuned('fired-shift'),
  firedShiftHoldMin: tuned('fired-shift-hold'),
  // --fired-shift-noise 1: and they do not teach the noise scales
  firedShiftNoise: tuned('fired-shift-noise') === undefined ? undefined : tuned('fired-shift-noise') === 1,
  // --fired-noise-clip <c>: the fired minutes they relearn teach the noise scales a residual clipped at c σ (default 1.25; 4.5: before session 13)
  firedNoiseClipZ: tuned('fired-noise-clip'),
  // --fired-learning level: fired minutes are kept out of the daily / weekly profiles
  // --fired-learning noise: they teach only the noise scales (neither the profiles nor the slow level)
  firedLearning: ((l) => { if (l !== undefined && l !== 'all' && l !== 'level' && l !== 'noise') throw new Error('--fired-learning all|level|noise'); return l; })(option('fired-learning'))
});
let state: EngineState = emptyEngineState();
/** alert id → the headlines it took and when (close of the minute) */
const headlines = new Map<string, { at: number; slice: string }[]>();
/** alert id → its measure (joint run) */
const metrics = new Map<string, AlertMetric>();
/** `measure|alert id`: alerts another measure's firing joined as a corroboration (joint run) */
const joinedBy = new Set<string>();
/** Rate measures: their watchers, and each measure alone through its own engine (what it detects by itself). */
// Gate knobs for the rate measures (defaults are MEASURE_GATES): --min-z <z> --min-delta <x> --min-n <n> --min-excess-rate <n>
const gateKnobs = Object.fromEntries(Object.entries({ minZ: tuned('min-z'), minDelta: tuned('min-delta'), minN: tuned('min-n'), minExcess: tuned('min-excess-rate') }).filter(([, v]) => v !== undefined));
const rateWatchers = new Map<RateMetric, MeasureWatcher>(RATES.map((m) => [m, createMeasureWatcher(m, { gates: gateKnobs })]));
/** `--rates-only 1`: tuning the rate measures alone (their "alone" figures); the count watcher is skipped. */
const RATES_ONLY = tuned('rates-only') === 1;
const alone = new Map<ExtraMetric, { state: EngineState; headlines: Map<string, { at: number; slice: string }[]> }>(EXTRAS.map((m) => [m, { state: emptyEngineState(), headlines: new Map() }]));
let rateCpuUs = 0, rateUpdates = 0;
const started = performance.now();
/**
 * Calibration of the detector's surprise outside incidents: how often a reading reaches −log10 p ≥ s,
 * against the nominal 10^−s, split by quiet (night) and busy hours. Ratios far below 1 mean bands too
 * wide (incidents found late); far above 1, too narrow (false alerts).
 */
const CAL_LEVELS = [2, 3, 4];
const cal = { night: { n: 0, hits: [0, 0, 0] }, day: { n: 0, hits: [0, 0, 0] } };
const calm = (t: number) => incidents.every((inc) => t < inc.start - MINUTE || t > inc.end + TAIL_MS);

// Engine knobs (defaults are the engine's own): --confirm-surprise <s> --confirm-members <n> --corroborate <s>
const engineKnobs: Partial<EngineOptions> = {};
// --shared 0: grouping by slice relation only (the engine before grouping by shared evidence); --min-share <x>
if (tuned('shared') === 0) engineKnobs.shared = null;
else if (tuned('min-share') !== undefined) engineKnobs.shared = { ...SHARED_DEFAULTS, minShare: tuned('min-share')! };
// Grouping by place (cofire.ts): --cofire 0 (off), --cofire-within <min>, --cofire-explain <share>
if (tuned('cofire') === 0) engineKnobs.cofire = null;
else if (tuned('cofire-within') !== undefined || tuned('cofire-explain') !== undefined) {
  engineKnobs.cofire = { withinMin: tuned('cofire-within') ?? COFIRE_DEFAULTS.withinMin, explainShare: tuned('cofire-explain') ?? COFIRE_DEFAULTS.explainShare };
}
if (tuned('confirm-surprise') !== undefined || tuned('confirm-members') !== undefined || tuned('corroborate') !== undefined) {
  const c = ENGINE_DEFAULTS.confirm;
  engineKnobs.confirm = { ...c, surprise: tuned('confirm-surprise') ?? c.surprise, minMembers: tuned('confirm-members') ?? c.minMembers, ...(tuned('corroborate') !== undefined ? { corroborate: tuned('corroborate') } : {}) };
}
// --reopen-within <min>: a resolved alert re-opens on its slices' firings for this long (0: off, the engine before)
if (tuned('reopen-within') !== undefined) engineKnobs.reopenWithinMin = tuned('reopen-within')!;
// --reopen-match slice|related: which firings re-open it (engine reopenMatch)
if (option('reopen-match') !== undefined) engineKnobs.reopenMatch = option('reopen-match') === 'related' ? 'related' : 'slice';
// --resurge 0: a new surge on an open alert only updates it (the engine before resurge.ts); the rule's
// knobs: --resurge-drop <share of peak> --resurge-calm <min> --resurge-rise <× level> --resurge-min <complaints/min> --resurge-alpha <level smoothing>
// --resurge-windows 0|1 (sliding windows may page it too)
if (tuned('resurge') === 0) engineKnobs.resurge = null;
else if (['resurge-drop', 'resurge-calm', 'resurge-rise', 'resurge-min', 'resurge-alpha', 'resurge-windows'].some((k) => tuned(k) !== undefined)) {
  const r = RESURGE_DEFAULTS;
  engineKnobs.resurge = {
    dropShare: tuned('resurge-drop') ?? r.dropShare, calmMin: tuned('resurge-calm') ?? r.calmMin, riseRatio: tuned('resurge-rise') ?? r.riseRatio,
    riseMin: tuned('resurge-min') ?? r.riseMin, levelAlpha: tuned('resurge-alpha') ?? r.levelAlpha, windows: tuned('resurge-windows') === undefined ? r.windows : tuned('resurge-windows') === 1
  };
}
// The same for sliding windows: --peek-surprise <s> --peek-members <n> --peek-corroborate <s> --peek-distinct <0|1>
if (['peek-surprise', 'peek-members', 'peek-corroborate', 'peek-distinct'].some((k) => tuned(k) !== undefined)) {
  const c = ENGINE_DEFAULTS.peekConfirm ?? ENGINE_DEFAULTS.confirm;
  engineKnobs.peekConfirm = {
    ...c, surprise: tuned('peek-surprise') ?? c.surprise, minMembers: tuned('peek-members') ?? c.minMembers,
    ...(tuned('peek-corroborate') !== undefined ? { corroborate: tuned('peek-corroborate') } : {}),
    ...(tuned('peek-distinct') !== undefined ? { distinct: tuned('peek-distinct') === 1 } : {})
  };
}
/**
 * The watch loop (streaming/watch) scores a minute once it closed WATCH_SETTLE_MS ago (default 10 s, so
 * late messages are in): an alert reaches people that long after its minute closes, and the delay counts it.
 */
const SETTLE_MS = numberOption('settle-ms', 10_000);
/**
 * A sliding window is read this long after its end (--window-settle-ms, as WATCH_WINDOW_SETTLE_MS): it
 * may only open an alert, so a message stored after it is read is merely missing from it (the closed
 * minute, read SETTLE_MS after its close, still has it).
 */
const WINDOW_SETTLE_MS = numberOption('window-settle-ms', WINDOW_SETTLE_DEFAULT);

/**
 * Sliding windows (streaming/watch, WATCH_SLIDE_MS): between closed minutes the watcher scores the last
 * 60 s every SLIDE_MS against the detectors' expectation for the minute still open, without teaching
 * them (SliceWatcher.peek), and such a window may open an alert early (peekAlerts). A window ending at
 * `w` is read at w + settle, exactly as a closed minute is read at its close + settle; the delay counts
 * from there. `--slide-ms 0` is the watcher without windows (closed minutes only).
 */
const SLIDE_MS = numberOption('slide-ms', 15_000);
/** The simulated messages are counted in bins this long (the cache holds bins); windows are sums of bins. */
const BIN_MS = 15_000;
const BINS = MINUTE / BIN_MS;
if (SLIDE_MS < 0 || (SLIDE_MS > 0 && (SLIDE_MS % BIN_MS !== 0 || MINUTE % SLIDE_MS !== 0))) throw new Error(`--slide-ms must be 0 or a multiple of ${BIN_MS} dividing a minute`);

const CACHE = stringOption('cache', '');
/**
 * `--watch-cache FILE`: stores the watcher's output (firings, and the readings above expectation that
 * the engine reads, for each closed minute and each window) so engine-only changes replay in seconds.
 * Keyed on everything the watcher sees.
 */
const WATCH_CACHE = stringOption('watch-cache', '');
// format 3: sub-minute bins of cells (format 2 held slices, format 1 whole minutes; neither is read any more)
// --topics enricher: cells hold topic sets drawn from the table (the default's caches stay valid)
const cacheKey = JSON.stringify({ format: 3, BIN_MS, SEED, DAYS, WARM_DAYS, RATE, PER_DAY, T0, ...(TOPICS === 'sim' ? {} : { TOPICS }) });
/** The cache, compactly: cell names once, then per bin a flat list [cell index, count, …]. */
interface CountCache { key: string; slices: string[]; bins: number[][]; topicTable?: TopicTable }
let cached: CountCache | null = null;
if (CACHE && existsSync(CACHE)) {
  const c = JSON.parse(readFileSync(CACHE, 'utf8')) as CountCache;
  if (c.key === cacheKey) cached = c;
}
if (cached?.topicTable) topicTable = cached.topicTable;
const recorded: CountCache = { key: cacheKey, slices: [], bins: [] };
const sliceIndex = new Map<string, number>();
const encode = (m: Map<string, number>): number[] => {
  const out: number[] = [];
  for (const [k, v] of m) {
    let i = sliceIndex.get(k);
    if (i === undefined) { i = recorded.slices.length; recorded.slices.push(k); sliceIndex.set(k, i); }
    out.push(i, v);
  }
  return out;
};
const decode = (flat: number[]): Map<string, number> => {
  const m = new Map<string, number>();
  for (let j = 0; j < flat.length; j += 2) m.set(cached!.slices[flat[j]], flat[j + 1]);
  return m;
};
/** Counts of one minute, per bin, from the simulated messages' own timestamps. */
/**
 * Totals of the minute minuteBins last gave (rate measures only). `--totals-cache FILE` keeps them next to
 * the count cache (--cache, which must be given with it): slice names once, per minute [index, n, neg, sentiment sum, …].
 */
let minuteTotals = new Map<string, SliceTotals>();
const TOTALS_CACHE = stringOption('totals-cache', '');
if (RATES.length && option('watch-cache') !== undefined) throw new Error('--measures with share or sentiment: drop --watch-cache');
let totalsCached: { key: string; stride?: number; slices: string[]; minutes: number[][] } | null = null;
if (RATES.length && TOTALS_CACHE && existsSync(TOTALS_CACHE)) {
  const c = JSON.parse(readFileSync(TOTALS_CACHE, 'utf8'));
  if (c.key === cacheKey) totalsCached = c;
}
if (RATES.length && cached && !totalsCached) throw new Error('--measures with share or sentiment: --cache needs a matching --totals-cache (or neither)');
const totalsRecorded = { key: cacheKey, stride: 8, slices: [] as string[], minutes: [] as number[][] };
const totalsIndex = new Map<string, number>();
function minuteBins(t: number, i: number): Map<string, number>[] {
  if (cached) {
    if (totalsCached) {
      const flat = totalsCached.minutes[i];
      minuteTotals = new Map();
      // stride 8 adds the survey-score totals; an older cache (stride 4) has none
      const k = totalsCached.stride ?? 4;
      for (let j = 0; j < flat.length; j += k) {
        minuteTotals.set(totalsCached.slices[flat[j]], { n: flat[j + 1], neg: flat[j + 2], sentimentSum: flat[j + 3], ...(k === 8 ? { npsN: flat[j + 4], detractors: flat[j + 5], csatN: flat[j + 6], csatLow: flat[j + 7] } : {}) });
      }
    }
    return cached.bins.slice(i * BINS, (i + 1) * BINS).map((b) => expandCells(decode(b)));
  }
  const parts: Doc[][] = Array.from({ length: BINS }, () => []);
  const docs = gen.messagesBetween(t, t + MINUTE, RATE);
  for (const d of docs) parts[Math.min(BINS - 1, Math.floor((Number(d.ts) - t) / BIN_MS))].push(d);
  if (RATES.length) {
    minuteTotals = totalDocs(docs);
    if (TOTALS_CACHE) {
      const flat: number[] = [];
      for (const [k, v] of minuteTotals) {
        let j = totalsIndex.get(k);
        if (j === undefined) { j = totalsRecorded.slices.length; totalsRecorded.slices.push(k); totalsIndex.set(k, j); }
        flat.push(j, v.n, v.neg, +v.sentimentSum.toFixed(3), v.npsN ?? 0, v.detractors ?? 0, v.csatN ?? 0, v.csatLow ?? 0);
      }
      totalsRecorded.minutes.push(flat);
    }
  }
  const cells = parts.map(countDocs);
  if (CACHE) for (const b of cells) recorded.bins.push(encode(b));
  return cells.map(expandCells);
}
const sum = (maps: Map<string, number>[]): Map<string, number> => {
  const out = new Map<string, number>();
  for (const m of maps) for (const [k, v] of m) out.set(k, (out.get(k) ?? 0) + v);
  return out;
};

/**
 * The product's pair rows have channel and region only (no platform: streaming/store/alerts.ts), so the
 * engine gets the bench's pair cells merged over platform, unless `--pair-platform 1`. The watch cache
 * keeps them with platform, so both replay.
 */
const PAIR_PLATFORM = tuned('pair-platform') === 1;
function productPairs<T extends { pairs?: MinuteResult['pairs'] }>(x: T): T {
  if (PAIR_PLATFORM || !x.pairs) return x;
  const merged = new Map<string, { a: string; b: string; parts: Record<string, string>; count: number }>();
  for (const c of x.pairs.cells) {
    const { platform: _, ...parts } = c.parts;
    const k = pairKey(c.a, c.b, parts);
    const m = merged.get(k);
    if (m) m.count += c.count;
    else merged.set(k, { a: c.a, b: c.b, parts, count: c.count });
  }
  return { ...x, pairs: { cells: [...merged.values()] } };
}
type WatchStep = { firings: SliceReading[]; readings: SliceReading[]; pairs?: MinuteResult['pairs'] };
type WatchMinute = WatchStep & { windows: (WatchStep & { at: number })[] };
// Firings of sibling cells are folded (alerts/cells.ts) since the cell cut exists: named only where cells are watched.
const CELLS_FOLDED = CUTS.some((c) => c.includes('topic') && c.includes('channel') && c.includes('region'));
const watchKey = JSON.stringify({ cacheKey, CUTS, ...(CELLS_FOLDED ? { cellsFolded: 1 } : {}), SLIDE_MS, detector: { ...WATCHER_DETECTOR, ...detectorKnobs }, minExcess: tuned('min-excess'),
  // the cells' gate (a default since session 11) names the cache whenever cells are watched
  minExcessCell: CELLS_FOLDED ? tuned('min-excess-cell') ?? WATCHER_DEFAULTS.minExcessCell : undefined, minRatio: tuned('min-ratio'), peekFire: tuned('peek-fire'), peekMinRatio: tuned('peek-min-ratio'), capLearning: tuned('cap-learning'),
  // The watcher's learning knobs change its output too; named only when given, so the default's caches stay
  // valid. firedShiftNoise by its effective value, named only when on: caches written before it became the
  // default (off) serve `--fired-shift-noise 0`, those written with `--fired-shift-noise 1` the default.
  // firedNoiseClipZ by its effective value, always (it became a default in session 13: the caches written
  // before, without it, served clipZ 4.5 and no longer match).
  ...Object.fromEntries(['fired-shift', 'fired-shift-hold', 'fired-shift-noise', 'fired-learning', 'fired-noise-clip'].flatMap((k): [string, string][] => {
    if (k === 'fired-noise-clip') return [[k, String(tuned(k) ?? WATCHER_DEFAULTS.firedNoiseClipZ)]];
    if (k !== 'fired-shift-noise') return option(k) === undefined ? [] : [[k, option(k)!]];
    return (tuned(k) === undefined ? WATCHER_DEFAULTS.firedShiftNoise : tuned(k) === 1) ? [[k, '1']] : [];
  })) });
let watchCached: { size: number; cal: typeof cal; windowsScored: number; minutes: WatchMinute[] } | null = null;
if (WATCH_CACHE && existsSync(WATCH_CACHE)) watchCached = readWatchCache(WATCH_CACHE, watchKey);
/**
 * The watch cache is JSON lines: a header ({ key, size, cal, windowsScored }), then one line per evaluated
 * minute. One JSON string of it passes V8's longest string with --topics enricher (571 series, pair cells),
 * so it is read from a buffer line by line and written line by line. An older single-JSON file is read too.
 */
function readWatchCache(file: string, key: string): typeof watchCached {
  const buf = readFileSync(file);
  const lines: string[] = [];
  for (let i = 0; i < buf.length;) {
    let j = buf.indexOf(10, i);
    if (j < 0) j = buf.length;
    if (j > i) lines.push(buf.toString('utf8', i, j));
    i = j + 1;
  }
  const head = JSON.parse(lines[0]);
  if (head.key !== key) return null;
  if (head.minutes) return head;
  return { ...head, minutes: lines.slice(1).map((l) => JSON.parse(l) as WatchMinute) };
}
const watchRecorded: WatchMinute[] = [];
let windowsScored = 0, windowOpened = 0, windowCpuUs = 0;
if (watchCached) Object.assign(cal, watchCached.cal);
if (watchCached) windowsScored = watchCached.windowsScored;
const asMap = (rs: SliceReading[]) => new Map(rs.map((r) => [r.slice, r]));
const aboveExpected = (m: { readings: Map<string, SliceReading> }) => [...m.readings.values()].filter((r) => r.observed > r.expected);
const severities = new Map<string, { at: number; severity: AlertSeverity }[]>();
/** Every headline an alert takes counts: an incident absorbed by an open alert shows as its new headline. */
/**
 * A re-opened alert (engine reopenWithinMin) pages again: its headline is noted anew even if unchanged, so
 * an incident it comes back for counts it (at that time), and the re-opens are counted.
 */
const reopens: { id: string; at: number; afterResolveMin: number }[] = [];
const resolvedAt = new Map<string, number>();
/**
 * Every page: an alert opened, re-opened, or resurged (a new surge on an open alert, resurge.ts), when it
 * reached people and under which headline. A new surge pages like a re-opening: its headline is noted anew.
 */
const PAGE_EVENTS = new Set(['opened', 'reopened', 'resurged']);
const pages: { id: string; at: number; slice: string; type: string }[] = [];
function noteHeadlines(changed: readonly Pick<Alert, 'id' | 'slice' | 'metric' | 'severity'>[], readAt: number, into = headlines, settle = SETTLE_MS, events: StepOutput['events'] = []): void {
  const again = new Set(events.filter((e) => e.type === 'reopened' || e.type === 'resurged').map((e) => e.alertId));
  if (into === headlines) {
    for (const e of events) if (e.type === 'resolved') resolvedAt.set(e.alertId, e.at);
    for (const e of events) if (e.type === 'reopened') reopens.push({ id: e.alertId, at: readAt + settle, afterResolveMin: Math.round((e.at - (resolvedAt.get(e.alertId) ?? e.at)) / MINUTE) });
    for (const e of events) {
      const a = changed.find((x) => x.id === e.alertId);
      if (PAGE_EVENTS.has(e.type) && a) pages.push({ id: e.alertId, at: readAt + settle, slice: a.slice, type: e.type });
    }
  }
  for (const a of changed) {
    if (into === headlines) {
      // Severity as it paged (the opened notification is routed by it), 5 min on (the ramp done) and the highest.
      const s = severities.get(a.id) ?? [];
      if (s.at(-1)?.severity !== a.severity) s.push({ at: readAt, severity: a.severity });
      severities.set(a.id, s);
    }
    const h = into.get(a.id) ?? [];
    if (h.at(-1)?.slice !== a.slice || again.has(a.id)) h.push({ at: readAt + settle, slice: a.slice });
    into.set(a.id, h);
    if (into === headlines) metrics.set(a.id, metricOf(a));
  }
}
/**
 * With BENCH_SURGE=1 (replays from --watch-cache only): for each incident that starts while an alert opened
 * earlier is still open, that alert minute by minute: headline, observed / expected, upper limit, A = above
 * its band (or fired), f = its firings (h: the headline among them), status and events. Why a second
 * incident on an open alert paged (resurged) or not (resurge.ts).
 */
const SURGE_TRACE: { t: number; id: string; start: number; slice: string; obs: number; exp: number; up: number; above: boolean; fired: number; hf: boolean; st: string; ev: string }[] = [];
const windowAlerts = new Set<string>();
/** The alerts a window opened (or re-opened): a window's new surge on an open alert (resurged) opened none. */
const windowOpens = (out: StepOutput) => out.changed.filter((a) => !out.events.some((e) => e.alertId === a.id && e.type === 'resurged'));
let prevBins: Map<string, number>[] | null = null;
for (let t = T0, i = 0; t < EVAL0 + DAYS * DAY; t += MINUTE, i++) {
  if (watchCached) {
    if (t < EVAL0) continue;
    const w = watchCached.minutes[(t - EVAL0) / MINUTE];
    for (const win of w.windows) {
      if (DIAG) replayDiag(win.at + WINDOW_SETTLE_MS, 'win', win.firings, win.readings);
      const out = peekAlerts(state, productPairs({ minute: t, at: win.at, firings: win.firings, readings: asMap(win.readings), pairs: win.pairs }), engineKnobs);
      state = out.state;
      for (const a of windowOpens(out)) { windowOpened++; windowAlerts.add(a.id); }
      noteHeadlines(out.changed, win.at, headlines, WINDOW_SETTLE_MS, out.events);
    }
    if (DIAG) replayDiag(t + MINUTE + SETTLE_MS, 'min', w.firings, w.readings);
    const out = advanceAlerts(state, productPairs({ minute: t, firings: w.firings, readings: asMap(w.readings), pairs: w.pairs }), engineKnobs);
    state = out.state;
    if (process.env.BENCH_SURGE === '1') for (const a of state.active) {
      const fs = w.firings.filter((f) => a.members.some((m) => m.slice === f.slice));
      SURGE_TRACE.push({ t, id: a.id, start: a.stats.startedAt, slice: a.slice, obs: a.stats.observed, exp: +a.stats.expected.toFixed(1), up: +a.stats.upper.toFixed(1), above: a.stats.lastAboveAt === t, fired: fs.length, hf: fs.some((f) => f.slice === a.slice), st: a.state.status, ev: out.events.filter((e) => e.alertId === a.id).map((e) => e.type).join(',') });
    }
    noteHeadlines(out.changed, t + MINUTE, headlines, SETTLE_MS, out.events);
    continue;
  }
  const bins = minuteBins(t, i);
  if (RATES_ONLY) {
    const steps = extraMinute(t, COUNT5 ? sum(bins) : new Map(), minuteTotals, t < EVAL0);
    for (const { metric, input } of steps) {
      const a = alone.get(metric)!;
      const o = advanceAlerts(a.state, input, { ...engineKnobs, metric });
      a.state = o.state;
      noteHeadlines(o.changed, t + MINUTE, a.headlines);
    }
    continue;
  }
  const counts = sum(bins);
  if (t < EVAL0) {
    watcher.learn(t, counts);
    if (EXTRAS.length) extraMinute(t, counts, minuteTotals, true);
  }
  else {
    // The windows ending inside minute t, read before it closes: the detectors have seen minute t − 1.
    const windows: WatchMinute['windows'] = [];
    if (SLIDE_MS > 0 && prevBins) {
      const cpu0 = process.cpuUsage();
      for (let k = SLIDE_MS / BIN_MS; k < BINS; k += SLIDE_MS / BIN_MS) {
        const at = t + k * BIN_MS;
        const p = watcher.peek(t, sum([...prevBins.slice(k), ...bins.slice(0, k)]));
        // A window without a firing opens nothing: only the others are kept.
        if (WATCH_CACHE && p.firings.length) windows.push({ at, firings: p.firings, readings: aboveExpected(p), ...(p.pairs ? { pairs: p.pairs } : {}) });
        if (TRACE) trace(at, p.readings);
        if (DIAG) diag(at, 'win', p);
        const out = peekAlerts(state, productPairs({ ...p, at }), engineKnobs);
        state = out.state;
        windowsScored++;
        for (const a of windowOpens(out)) { windowOpened++; windowAlerts.add(a.id); }
        noteHeadlines(out.changed, at, headlines, WINDOW_SETTLE_MS, out.events);
      }
      const cpu = process.cpuUsage(cpu0);
      windowCpuUs += cpu.user + cpu.system;
    }
    const m = watcher.observe(t, counts);
    // Pair cells only where something fired: the engine reads them for nothing else.
    if (WATCH_CACHE) watchRecorded.push({ firings: m.firings, readings: aboveExpected(m), windows, ...(m.pairs && m.firings.length ? { pairs: m.pairs } : {}) });
    if (TRACE) trace(t + MINUTE, m.readings);
    if (DIAG) diag(t + MINUTE, 'min', m);
    if (calm(t)) {
      const c = dailyRhythm(t) < 0.5 ? cal.night : cal.day;
      for (const r of m.readings.values()) {
        c.n++;
        for (let i = 0; i < CAL_LEVELS.length; i++) if (r.surprise >= CAL_LEVELS[i]) c.hits[i]++;
      }
    }
    let out: StepOutput;
    if (EXTRAS.length) {
      const cpu0 = process.cpuUsage();
      const rated = extraMinute(t, counts, minuteTotals, false);
      const cpu = process.cpuUsage(cpu0);
      rateCpuUs += cpu.user + cpu.system;
      rateUpdates += rated.reduce((n, r) => n + sizeOf(r.metric), 0);
      out = advanceMeasures(state, [{ metric: 'neg', input: productPairs(m) }, ...rated], engineKnobs);
      for (const { metric, input } of rated) {
        const a = alone.get(metric)!;
        const o = advanceAlerts(a.state, input, { ...engineKnobs, metric });
        a.state = o.state;
        noteHeadlines(o.changed, t + MINUTE, a.headlines);
      }
    } else out = advanceAlerts(state, productPairs(m), engineKnobs);
    state = out.state;
    noteHeadlines(out.changed, t + MINUTE, headlines, SETTLE_MS, out.events);
    for (const a of out.changed) for (const c of a.corroborations ?? []) joinedBy.add(`${c.metric}|${a.id}`);
  }
  prevBins = bins;
  if ((t - T0) % (6 * 3600_000) === 0) {
    console.error(`day ${((t - T0) / DAY).toFixed(2)} series ${watcher.size} alerts ${headlines.size} ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
}


/**
 * Extra messages per minute an incident adds at full strength, at the hour it starts. Below about twice
 * the watcher's minimum excess (5/min) an incident is, by design, too small to page quickly: a night-time
 * hotline queue adding 2 complaints a minute is "0 → 3", not a crisis.
 */
const SIZEABLE = 10;
const fullExcessPerMin = (inc: Incident) => RATE * 60 * dailyRhythm(inc.start) * baselineShare(inc.scenario, inc.slice) * (inc.multiplier - 1);
let sizeable = 0;
const sizeableDelays: number[] = [];
const delays: number[] = [];
const perIncident: Record<string, unknown>[] = [];
const used = new Set<string>();
for (const inc of incidents) {
  const hits: { id: string; at: number; slice: string }[] = [];
  for (const [id, hs] of headlines) {
    const h = hs.find((x) => x.at > inc.start && x.at <= inc.end + TAIL_MS && explains(x.slice, inc));
    if (h) { hits.push({ id, ...h }); used.add(id); }
  }
  hits.sort((a, b) => a.at - b.at);
  const delay = hits.length ? (hits[0].at - inc.start) / MINUTE : null;
  if (delay !== null) delays.push(delay);
  const excess = fullExcessPerMin(inc);
  if (excess >= SIZEABLE) { sizeable++; if (delay !== null) sizeableDelays.push(delay); }
  perIncident.push({ id: inc.id, start: new Date(inc.start).toISOString(), durationMin: (inc.end - inc.start) / MINUTE, excessPerMin: +excess.toFixed(1), delayMin: delay && +delay.toFixed(2), alerts: hits.length, headline: hits[0]?.slice,
    ...(hits.length > 1 ? { alertsSeen: hits.map((h) => `${new Date(h.at).toISOString().slice(11, 19)} ${h.slice}`) } : {}) });
}
const falseAlerts = [...headlines].filter(([id]) => !used.has(id));
/** Pages per incident: those whose headline, when they reached people, explains it during it or its tail. */
const pageIncident = pages.map((p) => incidents.findIndex((inc) => p.at > inc.start && p.at <= inc.end + TAIL_MS && explains(p.slice, inc)));
incidents.forEach((_, i) => { perIncident[i].pages = pageIncident.filter((j) => j === i).length; });
/**
 * Severity per kind of alert, as it opened and the highest it reached: false alerts should mostly route as
 * low/medium, alerts of sizeable incidents as high/critical. (No customers here: the replay has no evidence.)
 */
const sizeableIds = new Set<string>();
for (const inc of incidents) {
  if (fullExcessPerMin(inc) < SIZEABLE) continue;
  for (const [id, hs] of headlines) if (hs.some((x) => x.at > inc.start && x.at <= inc.end + TAIL_MS && explains(x.slice, inc))) sizeableIds.add(id);
}
const sevAt: Record<'opened' | 'after5Min' | 'max', (s: { at: number; severity: AlertSeverity }[]) => AlertSeverity> = {
  opened: (s) => s[0].severity,
  after5Min: (s) => s.filter((x) => x.at <= s[0].at + 5 * MINUTE).at(-1)!.severity,
  max: (s) => s.reduce((m, x) => (severityRank(x.severity) > severityRank(m) ? x.severity : m), s[0].severity)
};
const sevOf = (ids: string[]) => Object.fromEntries(Object.entries(sevAt).map(([k, f]) =>
  [k, Object.fromEntries(ALERT_SEVERITIES.map((l) => [l, ids.filter((id) => severities.has(id) && f(severities.get(id)!) === l).length]))]));
const severityDistribution = {
  sizeableTrue: sevOf([...sizeableIds]),
  smallTrue: sevOf([...used].filter((id) => !sizeableIds.has(id))),
  false: sevOf(falseAlerts.map(([id]) => id))
};
/**
 * One incident = one alert. An alert whose headlines never explain an incident is false; among those,
 * a duplicate is one whose headline, during an incident (start to 60 min after its fix), names one of
 * the incident's co-topics (a topic the enrichment gives ≥ 5 % of the scenario's complaints, with
 * --topics enricher) and no dimension it contradicts: the same customers paged a second time. Per
 * detected incident, its alerts are those matching it (above) plus its duplicates.
 */
const CO_TOPIC_SHARE = 0.05;
function coExplains(slice: string, inc: Incident): boolean {
  const p = parseSlice(slice);
  if (!p.topic || !topicTable) return false;
  const topics = (topicTable.sets[inc.scenario] ?? []).flatMap(([set]) => (set ? set.split('+') : []));
  if (![...new Set(topics)].some((t) => (t === p.topic || t.startsWith(p.topic + '.')) && topicShare(topicTable!, inc.scenario, t) >= CO_TOPIC_SHARE)) return false;
  for (const d of ['region', 'channel', 'platform'] as const) if (p[d] && inc.slice[d] && p[d] !== inc.slice[d]) return false;
  return true;
}
const duplicatesOf = new Map<Incident, string[]>();
for (const [id, hs] of falseAlerts) {
  const inc = incidents.find((x) => hs.some((h) => h.at > x.start && h.at <= x.end + TAIL_MS && coExplains(h.slice, x)));
  if (inc) duplicatesOf.set(inc, [...(duplicatesOf.get(inc) ?? []), id]);
}
incidents.forEach((inc, i) => { perIncident[i].duplicates = duplicatesOf.get(inc)?.length ?? 0; });
const detectedIncidents = perIncident.filter((p) => (p.alerts as number) > 0);
const alertsOfDetected = detectedIncidents.map((p) => (p.alerts as number) + (p.duplicates as number));
if (topicTable) {
  const weights = Object.fromEntries(Object.entries(SCENARIOS).map(([k, v]) => [k, v.weight]));
  const q = [...cooccurrence(topicTable, weights)].sort((a, b) => b[1] - a[1]);
  console.error('topic table: complaints sampled', Object.values(topicTable.n).reduce((a, b) => a + b, 0), '; baseline co-occurrence q(a | b), highest:', q.slice(0, 8).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', '));
}
for (const p of perIncident) console.error(JSON.stringify(p));
// BENCH_SURGE_ALERT=<id>: that alert's minutes, as above
for (const x of SURGE_TRACE.filter((y) => y.id === process.env.BENCH_SURGE_ALERT)) console.error(`  ${new Date(x.t).toISOString().slice(11, 16)} ${x.slice} ${x.obs}/${x.exp} up ${x.up}${x.above ? ' A' : ''} f${x.fired}${x.hf ? 'h' : ''} ${x.st} ${x.ev}`);
if (process.env.BENCH_SURGE === '1') for (const [i, p] of pages.entries()) {
  if (p.type !== 'resurged') continue;
  const inc = incidents[pageIncident[i]];
  console.error(`resurged ${p.id} ${new Date(p.at).toISOString().slice(5, 19)} ${p.slice}: ${inc ? `${inc.id} ${new Date(inc.start).toISOString().slice(11, 16)}-${new Date(inc.end).toISOString().slice(11, 16)}` : 'no incident'}`);
}
if (process.env.BENCH_SURGE === '1') for (const inc of incidents) {
  const ids = new Set(SURGE_TRACE.filter((x) => x.t >= inc.start - 10 * MINUTE && x.t <= inc.start + 30 * MINUTE && x.start < inc.start - 5 * MINUTE).map((x) => x.id));
  for (const id of ids) {
    console.error(`surge ${inc.id} ${new Date(inc.start).toISOString().slice(5, 16)}-${new Date(inc.end).toISOString().slice(11, 16)} alert ${id}`);
    for (const x of SURGE_TRACE.filter((y) => y.id === id)) console.error(`  ${new Date(x.t).toISOString().slice(11, 16)} ${x.slice} ${x.obs}/${x.exp} up ${x.up}${x.above ? ' A' : ''} f${x.fired}${x.hf ? 'h' : ''} ${x.st} ${x.ev}`);
  }
}
if (DIAG) for (const [i, inc] of incidents.entries()) {
  if (fullExcessPerMin(inc) < SIZEABLE) continue;
  const p = perIncident[i];
  console.error(`diag ${inc.id} ${new Date(inc.start).toISOString().slice(11, 19)} excess/min ${p.excessPerMin} delay ${p.delayMin} min (${p.headline ?? '-'})`);
  for (const l of diagLooks.get(inc) ?? []) console.error(`  ${l}`);
  for (const l of replayDiagLooks.get(inc) ?? []) console.error(`  ${l}`);
}
for (const [, hs] of falseAlerts.slice(0, 20)) console.error('false:', new Date(hs[0].at).toISOString(), hs.map((h) => h.slice).join(' → '));

const q = (xs: number[], p: number) => {
  if (xs.length === 0) return null;
  const a = [...xs].sort((x, y) => x - y);
  return +a[Math.min(a.length - 1, Math.ceil(p * a.length) - 1)].toFixed(2);
};
const series = watchCached?.size ?? watcher.size;
const calibration = Object.fromEntries(Object.entries(cal).map(([k, c]) => [k, Object.fromEntries(CAL_LEVELS.map((lv, i) => [`s>=${lv}`, +(c.hits[i] / Math.max(1, c.n) / 10 ** -lv).toFixed(2)]))]));
console.log(JSON.stringify({
  days: DAYS,
  watchedSeries: series,
  incidents: incidents.length,
  detected: delays.length,
  medianDelayMin: q(delays, 0.5),
  p90DelayMin: q(delays, 0.9),
  maxDelayMin: delays.length ? +Math.max(...delays).toFixed(2) : null,
  falseAlertsPerDayPer100Series: +(falseAlerts.length / DAYS / (series / 100)).toFixed(3),
  falseAlerts: falseAlerts.length,
  within2Min: delays.filter((d) => d <= 2).length,
  // one incident = one alert: alerts per detected incident (matching ones plus co-topic duplicates)
  alertsPerDetectedIncident: alertsOfDetected.length ? +(alertsOfDetected.reduce((a, b) => a + b, 0) / alertsOfDetected.length).toFixed(3) : null,
  incidentsWith2PlusAlerts: alertsOfDetected.filter((n) => n >= 2).length,
  // false alerts that are an incident's co-topic duplicates (counted in falseAlerts too)
  duplicateAlerts: [...duplicatesOf.values()].reduce((n, ids) => n + ids.length, 0),
  // alerts re-opened after resolving by themselves (engine reopenWithinMin): total, of false alerts, and
  // minutes after the fix (end) of the incident the alert explains, for the others
  reopens: reopens.length,
  reopensOfFalse: reopens.filter((r) => !used.has(r.id)).length,
  reopenMinAfterFix: reopens.flatMap((r) => {
    const inc = incidents.find((x) => headlines.get(r.id)!.some((h) => h.at > x.start && h.at <= x.end + TAIL_MS && explains(h.slice, x)));
    return inc ? [Math.round((r.at - inc.end) / MINUTE)] : [];
  }),
  reopenMinAfterResolve: reopens.map((r) => r.afterResolveMin),
  // Pages (opened + reopened + resurged events): incidents with at least one, per incident paged, and those
  // that explain no incident; new surges on open alerts (resurge.ts), and those of them that explain none
  pagedIncidents: perIncident.filter((p) => (p.pages as number) > 0).length,
  pagesPerPagedIncident: (() => { const n = perIncident.filter((p) => (p.pages as number) > 0).length; return n ? +(pageIncident.filter((j) => j >= 0).length / n).toFixed(3) : null; })(),
  pages: pages.length,
  pagesOfNoIncident: pageIncident.filter((j) => j < 0).length,
  resurges: pages.filter((p) => p.type === 'resurged').length,
  resurgesOfNoIncident: pages.filter((p, i) => p.type === 'resurged' && pageIncident[i] < 0).length,
  engineResurge: engineKnobs.resurge === undefined ? ENGINE_DEFAULTS.resurge ?? 'off' : engineKnobs.resurge ?? 'off',
  engineReopenWithinMin: engineKnobs.reopenWithinMin ?? ENGINE_DEFAULTS.reopenWithinMin,
  engineReopenMatch: engineKnobs.reopenMatch ?? ENGINE_DEFAULTS.reopenMatch ?? 'slice',
  topics: TOPICS,
  sharedGrouping: engineKnobs.shared === null ? 'off' : (engineKnobs.shared ?? SHARED_DEFAULTS).minShare,
  placeGrouping: engineKnobs.cofire === null ? 'off' : (engineKnobs.cofire ?? COFIRE_DEFAULTS),
  pairCells: PAIR_PLATFORM ? 'channel×region×platform' : 'channel×region (as the product)',
  sizeableIncidents: sizeable,
  sizeableWithin2Min: sizeableDelays.filter((d) => d <= 2).length,
  sizeableDetected: sizeableDelays.length,
  sizeableMedianDelayMin: q(sizeableDelays, 0.5),
  sizeableP90DelayMin: q(sizeableDelays, 0.9),
  sizeableMaxDelayMin: sizeableDelays.length ? +Math.max(...sizeableDelays).toFixed(2) : null,
  alerts: headlines.size,
  slideMs: SLIDE_MS,
  windowsScored,
  alertsOpenedByWindow: windowOpened,
  falseOpenedByWindow: falseAlerts.filter(([id]) => windowAlerts.has(id)).length,
  // CPU of the windows (peek + engine), per watched series per window; null when replayed from --watch-cache
  severityDistribution,
  windowCpuUsPerSeries: watchCached || !windowsScored ? null : +(windowCpuUs / windowsScored / series).toFixed(3),
  calibration,
  seed: SEED,
  ratePerSec: RATE
}));

/**
 * Per measure: each rate measure alone (its own engine: what it detects by itself, its false alerts per
 * its own series), and in the joint run the alerts each measure opened (one alert per incident: a later
 * measure mostly joins the open alert as a corroboration instead of opening one).
 */
function judge(hs: Map<string, { at: number; slice: string }[]>, nSeries: number) {
  const ds: number[] = [];
  const usedHere = new Set<string>();
  for (const inc of incidents) {
    let first = Infinity;
    for (const [id, h] of hs) {
      const x = h.find((y) => y.at > inc.start && y.at <= inc.end + TAIL_MS && explains(y.slice, inc));
      if (x) { usedHere.add(id); first = Math.min(first, x.at); }
    }
    if (Number.isFinite(first)) ds.push((first - inc.start) / MINUTE);
  }
  const falseN = [...hs.keys()].filter((id) => !usedHere.has(id)).length;
  return {
    series: nSeries, alerts: hs.size, detected: ds.length, within2Min: ds.filter((d) => d <= 2).length, medianDelayMin: q(ds, 0.5),
    falseAlerts: falseN, falseAlertsPerDayPer100Series: nSeries ? +(falseN / DAYS / (nSeries / 100)).toFixed(3) : null
  };
}
if (EXTRAS.length) {
  const only = (metric: AlertMetric) => new Map([...headlines].filter(([id]) => metrics.get(id) === metric));
  const corroborated = state.active.filter((a) => a.corroborations?.length).length;
  console.log(JSON.stringify({
    seed: SEED,
    alone: Object.fromEntries(EXTRAS.map((m) => [m, judge(alone.get(m)!.headlines, sizeOf(m))])),
    joint: Object.fromEntries((['neg', ...EXTRAS] as AlertMetric[]).map((m) => [m, judge(only(m), m === 'neg' ? series : sizeOf(m))])),
    jointAll: judge(headlines, series + EXTRAS.reduce((n, m) => n + sizeOf(m), 0)),
    stillOpenWithCorroborations: corroborated,
    // Per measure: alerts its firings joined (as corroboration), and how many of those matched an incident
    joinedAlerts: Object.fromEntries(EXTRAS.map((m) => {
      const ids = [...joinedBy].filter((k) => k.startsWith(m + '|')).map((k) => k.slice(m.length + 1));
      return [m, { joined: ids.length, ofIncidents: ids.filter((id) => used.has(id)).length }];
    })),
    // CPU of the rate watchers' closed-minute updates, per series update (µs)
    rateCpuUsPerUpdate: rateUpdates ? +(rateCpuUs / rateUpdates).toFixed(3) : null
  }));
  for (const m of EXTRAS) for (const [, hs] of [...alone.get(m)!.headlines].slice(0, 40)) {
    if (!incidents.some((inc) => hs.some((x) => x.at > inc.start && x.at <= inc.end + TAIL_MS && explains(x.slice, inc)))) console.error(`false ${m}:`, new Date(hs[0].at).toISOString(), hs.map((h) => h.slice).join(' → '));
  }
}

// Written after the figures are out: a cache too large to write must not cost the run.
if (CACHE && !cached) writeFileSync(CACHE, JSON.stringify(topicTable ? { ...recorded, topicTable } : recorded));
if (TOTALS_CACHE && RATES.length && !cached) writeFileSync(TOTALS_CACHE, JSON.stringify(totalsRecorded));
if (WATCH_CACHE && !watchCached) {
  // Written line by line (see readWatchCache); should it still fail, say so and keep the figures.
  try {
    const fd = openSync(WATCH_CACHE, 'w');
    writeSync(fd, JSON.stringify({ key: watchKey, size: watcher.size, cal, windowsScored }) + '\n');
    for (const m of watchRecorded) writeSync(fd, JSON.stringify(m) + '\n');
    closeSync(fd);
  } catch (e) {
    console.error(`--watch-cache not written: ${(e as Error).message}`);
  }
}
