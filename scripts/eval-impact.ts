/**
 * Validation of the impact estimator on real count series with a known, injected effect.
 *   npm run --silent eval:impact -- --data <folder of timestamp,value CSVs> --trials 500 --seed 1 [--mode pilot]
 * Each trial (deterministic from the seed) takes a series, a launch point, a 14–21 day pre-period and a
 * 3-day post-period of hourly counts, applies a true relative effect to the post-period (binomial thinning
 * for decreases, extra Poisson counts for increases) and runs estimateImpact with its default options.
 * In pilot mode the other series, untouched, are passed as controls. Progress goes to stderr; stdout gets
 * one JSON line.
 *
 * `--every H [--effects 0,-0.2]` replaces the random trials by the population they are drawn from: every
 * series launched every H hours with 14 and 21 days of history, each effect. A seed's 71 placebo trials
 * land on a handful of real news events (CRM's 2015-03-26/27, AMZN's 03-31 …) a varying number of times,
 * so its placebo rate swings far more than binomially; the systematic run is the figure without that draw.
 * `BENCH_DIAG=1` (or a .jsonl path, which also receives every trial) adds per-series / per-effect misses.
 *
 * The truth a trial is scored against is the REALISED effect, Σ treated post / Σ untreated post − 1, not
 * the nominal one: the estimator's interval is a prediction interval for what this post-period's counts
 * would have been without the fix (the CausalImpact estimand), and the thinning/extra-Poisson draw is part
 * of what happened, not an error of the estimator. On tweet volumes (thousands per hour) the two differ
 * by well under a point; on small complaint counts they do not. Nominal-truth coverage goes to stderr.
 * The estimator's headline is the effect on the typical hour (trimmed mean of log ratios over bins, see
 * streaming/analyse/impact/README.md); the injected effect scales every hour alike, so that is the same
 * effect, and scoring it against the realised total ratio (as before) still applies: the two truths
 * differ by under a point here.
 * Significance (placebo false positives, power) does not depend on the choice.
 *
 * stderr also gets a Poisson oracle: an estimator that knew the counterfactual mean exactly (taken as the
 * untreated counts) and faced only the count noise of the 72-hour total. It shows how much of the error
 * budget the counts themselves leave; what remains is the unpredictability of the level (see BENCHMARKS.md).
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { estimateImpact, type ImpactInput, type Point } from '../streaming/analyse/impact/index.ts';
import { binomial, createRng, normal, poisson, type Rng } from '../streaming/analyse/impact/rng.ts';
import { readCsvRecords } from './lib/csv.ts';
import { numberOption, requiredOption, stringOption } from './lib/args.ts';

const HOUR = 3_600_000;
const EFFECTS = [-0.5, -0.3, -0.2, -0.1, 0, 0.1, 0.2];
const POST_HOURS = 72;
const PRE_DAYS = [14, 21];


/** Sums 5-minute counts into hours; the first and last hour are dropped as they are usually partial. */
function hourly(path: string): Map<number, number> {
  const sums = new Map<number, number>();
  for (const r of readCsvRecords(path)) {
    const t = Date.parse(r.timestamp.replace(' ', 'T') + 'Z');
    const v = Number(r.value);
    if (!Number.isFinite(t) || !Number.isFinite(v)) continue;
    const h = Math.floor(t / HOUR) * HOUR;
    sums.set(h, (sums.get(h) ?? 0) + v);
  }
  const keys = [...sums.keys()].sort((a, b) => a - b);
  sums.delete(keys[0]);
  sums.delete(keys[keys.length - 1]);
  return sums;
}

function applyEffect(values: number[], effect: number, rng: Rng): number[] {
  if (effect < 0) return values.map((v) => binomial(rng, v, 1 + effect));
  if (effect > 0) return values.map((v) => v + poisson(rng, effect * v));
  return values.slice();
}

/**
 * The systematic design of --every: each series, pre-period of PRE_DAYS[0] and PRE_DAYS[1] days, launch
 * every `every` hours over the range the random trials draw from, each effect.
 */
function systematic(seriesCount: number, gridLength: number, every: number, effects: number[]) {
  const out: { k: number; preHours: number; launchIdx: number; nominal: number }[] = [];
  for (let k = 0; k < seriesCount; k++) {
    for (const days of PRE_DAYS) {
      const preHours = 24 * days;
      for (let launchIdx = preHours; launchIdx <= gridLength - POST_HOURS; launchIdx += every) {
        for (const nominal of effects) out.push({ k, preHours, launchIdx, nominal });
      }
    }
  }
  return out;
}

/** One trial: the realised and nominal effect, the estimate with its interval, and where it was launched. */
interface Row {
  effect: number; nominal: number; est: number; lo: number; hi: number; sig: boolean; file: string; oracleErr: number; oracleSig: boolean;
  launch: number; preDays: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function main() {
  const folder = requiredOption('data');
  const trials = numberOption('trials', 500);
  const seed = numberOption('seed', 1);
  const pilot = stringOption('mode', 'single') === 'pilot';
  // --every H: instead of random trials, every series launched every H hours with the shortest and the
  // longest pre-period, each effect of --effects (default all): the population the seeds sample from.
  const every = numberOption('every', 0);
  const effects = stringOption('effects', EFFECTS.join(',')).split(',').map(Number);
  const files = readdirSync(folder).filter((f) => f.endsWith('.csv')).sort();
  const series = files.map((f) => hourly(join(folder, f)));
  // One shared hourly grid (hours present in every file) so pilot controls line up with the treated series.
  const grid = [...series[0].keys()].filter((t) => series.every((s) => s.has(t))).sort((a, b) => a - b);
  const rng = createRng(seed);
  const oracleRng = createRng(seed + 1_000_003); // own stream, so the trials are those of the seed alone
  const started = Date.now();
  const rows: Row[] = [];
  const design = every > 0 ? systematic(series.length, grid.length, every, effects) : undefined;
  const total = design?.length ?? trials;
  for (let i = 0; i < total; i++) {
    const d = design?.[i];
    const k = d ? d.k : Math.floor(rng() * series.length);
    const preHours = d ? d.preHours : 24 * (PRE_DAYS[0] + Math.floor(rng() * (PRE_DAYS[1] - PRE_DAYS[0] + 1)));
    const launchIdx = d ? d.launchIdx : preHours + Math.floor(rng() * (grid.length - preHours - POST_HOURS + 1));
    const nominal = d ? d.nominal : EFFECTS[i % EFFECTS.length]; // balanced, so every effect gets trials/7 runs
    const window = grid.slice(launchIdx - preHours, launchIdx + POST_HOURS);
    const values = window.map((t) => series[k].get(t)!);
    const treatedValues = [
      ...values.slice(0, preHours),
      ...applyEffect(values.slice(preHours), nominal, rng)
    ];
    const untreatedTotal = values.slice(preHours).reduce((a, b) => a + b, 0);
    const treatedTotal = treatedValues.slice(preHours).reduce((a, b) => a + b, 0);
    const effect = untreatedTotal > 0 ? treatedTotal / untreatedTotal - 1 : nominal;
    // Oracle: counterfactual mean M known; the treated total is Poisson around (1 + nominal)·M.
    const oracleTotal = untreatedTotal * (1 + nominal) + Math.sqrt(untreatedTotal * (1 + nominal)) * normal(oracleRng);
    const oracleEst = oracleTotal / untreatedTotal - 1;
    const oracleSig = Math.abs(oracleTotal - untreatedTotal) > 1.96 * Math.sqrt(untreatedTotal);
    const toPoints = (vs: number[]): Point[] => window.map((t, j) => ({ t, value: vs[j] }));
    const input: ImpactInput = { treated: toPoints(treatedValues), launch: window[preHours] };
    if (pilot) input.controls = series.filter((_, j) => j !== k).map((s) => toPoints(window.map((t) => s.get(t)!)));
    const r = estimateImpact(input);
    if (process.env.IMPACT_DEBUG && nominal === 0 && r.significant) process.stderr.write(`placebo hit ${files[k]} launch ${new Date(window[preHours]).toISOString()} pre ${preHours / 24}d est ${r.relativeEffect.toFixed(3)} [${r.lower95.toFixed(3)}, ${r.upper95.toFixed(3)}]\n`);
    rows.push({
      effect, nominal, est: r.relativeEffect, lo: r.lower95, hi: r.upper95, sig: r.significant, file: files[k],
      oracleErr: Math.abs(oracleEst - nominal), oracleSig, launch: window[preHours], preDays: preHours / 24
    });
    if ((i + 1) % 50 === 0 || i + 1 === total) {
      const cov = rows.filter((x) => x.lo <= x.effect && x.effect <= x.hi).length / rows.length;
      process.stderr.write(`trial ${i + 1}/${total} coverage so far ${(100 * cov).toFixed(1)}% (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
    }
  }
  for (const f of files) {
    const sub = rows.filter((x) => x.file === f);
    if (sub.length === 0) continue;
    const cov = sub.filter((x) => x.lo <= x.effect && x.effect <= x.hi).length / sub.length;
    const width = median(sub.map((x) => x.hi - x.lo));
    const err = median(sub.map((x) => Math.abs(x.est - x.effect)));
    const fpr = sub.filter((x) => x.nominal === 0 && x.sig).length / Math.max(1, sub.filter((x) => x.nominal === 0).length);
    const pow = sub.filter((x) => x.nominal === -0.2 && x.sig).length / Math.max(1, sub.filter((x) => x.nominal === -0.2).length);
    process.stderr.write(`${f}: n=${sub.length} coverage=${cov.toFixed(3)} medianWidth=${width.toFixed(3)} medianAbsError=${err.toFixed(3)} fpr=${fpr.toFixed(2)} power20=${pow.toFixed(2)}\n`);
  }
  if (process.env.BENCH_DIAG) diagnose(rows);
  const share = (xs: typeof rows, pred: (x: (typeof rows)[number]) => boolean) =>
    xs.length === 0 ? null : Number((xs.filter(pred).length / xs.length).toFixed(4));
  const nominalCoverage = share(rows, (x) => x.lo <= x.nominal && x.nominal <= x.hi);
  process.stderr.write(`coverage against the nominal effect: ${nominalCoverage}\n`);
  process.stderr.write(`Poisson oracle: medianAbsError ${(100 * median(rows.map((x) => x.oracleErr))).toFixed(2)} pts, ` +
    `placebo FPR ${share(rows.filter((x) => x.nominal === 0), (x) => x.oracleSig)}, ` +
    `power at -20% ${share(rows.filter((x) => x.nominal === -0.2), (x) => x.oracleSig)}\n`);
  const out = {
    trials: total,
    coverage95: share(rows, (x) => x.lo <= x.effect && x.effect <= x.hi),
    medianAbsError: Number((100 * median(rows.map((x) => Math.abs(x.est - x.effect)))).toFixed(2)),
    placeboFalsePositiveRate: share(rows.filter((x) => x.nominal === 0), (x) => x.sig),
    powerAtMinus20: share(rows.filter((x) => x.nominal === -0.2), (x) => x.sig)
  };
  process.stdout.write(JSON.stringify(out) + '\n');
}

/**
 * BENCH_DIAG=1: where calibration fails — misses below/above the interval and placebo hits per series and
 * per effect size, to stderr (stdout's JSON is unchanged). BENCH_DIAG=<file.jsonl> also writes every trial.
 */
function diagnose(rows: Row[]) {
  const line = (label: string, sub: typeof rows) => {
    if (sub.length === 0) return;
    const below = sub.filter((x) => x.effect < x.lo).length;
    const above = sub.filter((x) => x.effect > x.hi).length;
    const nulls = sub.filter((x) => x.nominal === 0);
    const logWidth = median(sub.map((x) => Math.log((1 + x.hi) / (1 + x.lo))));
    const logErr = median(sub.map((x) => Math.abs(Math.log((1 + x.est) / (1 + x.effect)))));
    // How far each truth lies from the estimate in units of the interval's half-width on its side (log
    // scale); its 95th percentile is the factor this group's intervals would need for 95% coverage.
    const reach = sub.map((x) => {
      const e = Math.log1p(x.est);
      const t = Math.log1p(x.effect);
      return t > e ? (t - e) / (Math.log1p(x.hi) - e) : (e - t) / (e - Math.log1p(x.lo));
    }).sort((a, b) => a - b);
    const scale95 = reach[Math.min(reach.length - 1, Math.floor(0.95 * reach.length))];
    process.stderr.write(`diag ${label.padEnd(28)} n=${String(sub.length).padStart(3)} cover=${(1 - (below + above) / sub.length).toFixed(3)} ` +
      `truth<lo ${below} truth>hi ${above} placebo ${nulls.filter((x) => x.sig).length}/${nulls.length} ` +
      `medLogWidth=${logWidth.toFixed(3)} medAbsLogErr=${logErr.toFixed(3)} scale95=${scale95.toFixed(2)}\n`);
  };
  const files = [...new Set(rows.map((x) => x.file))].sort();
  for (const f of files) line(f.replace(/^Twitter_volume_|\.csv$/g, ''), rows.filter((x) => x.file === f));
  for (const e of EFFECTS) line(`effect ${e}`, rows.filter((x) => x.nominal === e));
  for (const d of [...new Set(rows.map((x) => x.preDays))].sort((a, b) => a - b)) line(`pre ${d}d`, rows.filter((x) => x.preDays === d));
  for (const x of rows.filter((r) => r.nominal === 0 && r.sig)) {
    process.stderr.write(`diag placebo hit ${x.file} ${new Date(x.launch).toISOString()} pre ${x.preDays}d ${x.est.toFixed(3)} [${x.lo.toFixed(3)}, ${x.hi.toFixed(3)}]\n`);
  }
  if (process.env.BENCH_DIAG !== '1') writeFileSync(process.env.BENCH_DIAG!, rows.map((x) => JSON.stringify(x)).join('\n') + '\n');
}

main();
