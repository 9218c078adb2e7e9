/**
 * One-off impact estimate from CSV files, with the same code as the product:
 *   npm run --silent impact:estimate -- --series <csv> --launch <timestamp> [--controls <csv> ...] [--hourly]
 * CSVs have columns timestamp,value (ISO or "YYYY-MM-DD hh:mm:ss", read as UTC). --hourly sums the
 * values into whole hours first (e.g. for 5-minute NAB data). Prints one JSON line.
 */
import { estimateImpact, type Point } from '../streaming/analyse/impact/index.ts';
import { readCsvRecords } from './lib/csv.ts';

const HOUR = 3_600_000;

function parseTime(s: string): number {
  const iso = s.trim().replace(' ', 'T');
  const t = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : iso + 'Z');
  if (!Number.isFinite(t)) throw new Error(`unreadable timestamp: ${s}`);
  return t;
}

function readSeries(path: string, hourly: boolean): Point[] {
  const points = readCsvRecords(path).map((r) => ({ t: parseTime(r.timestamp), value: Number(r.value) }));
  if (!hourly) return points.sort((a, b) => a.t - b.t);
  const sums = new Map<number, number>();
  for (const p of points) {
    const h = Math.floor(p.t / HOUR) * HOUR;
    sums.set(h, (sums.get(h) ?? 0) + p.value);
  }
  return [...sums].map(([t, value]) => ({ t, value })).sort((a, b) => a.t - b.t);
}

function main() {
  const argv = process.argv.slice(2);
  let series: string | undefined;
  let launch: number | undefined;
  let hourly = false;
  const controls: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--series') series = argv[++i];
    else if (argv[i] === '--launch') launch = parseTime(argv[++i]);
    else if (argv[i] === '--hourly') hourly = true;
    else if (argv[i] === '--controls') while (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) controls.push(argv[++i]);
  }
  if (!series || launch === undefined) throw new Error('usage: --series <csv> --launch <timestamp> [--controls <csv> ...] [--hourly]');
  let treated = readSeries(series, hourly);
  let controlSeries = controls.map((c) => readSeries(c, hourly));
  if (controlSeries.length > 0) {
    // Keep only the times every series has, so the regression rows line up.
    const shared = controlSeries.map((s) => new Set(s.map((p) => p.t)));
    treated = treated.filter((p) => shared.every((set) => set.has(p.t)));
    const keep = new Set(treated.map((p) => p.t));
    controlSeries = controlSeries.map((s) => s.filter((p) => keep.has(p.t)));
  }
  const r = estimateImpact({ treated, launch, controls: controlSeries.length > 0 ? controlSeries : undefined });
  const round = (v: number) => Number(v.toFixed(4));
  process.stdout.write(JSON.stringify({
    relativeEffect: round(r.relativeEffect),
    lower95: round(r.lower95),
    upper95: round(r.upper95),
    cumulativeEffect: Math.round(r.cumulativeEffect),
    probability: round(r.probability)
  }) + '\n');
}

main();
