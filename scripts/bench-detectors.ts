/**
 * Can one core keep 10,000 series live? Updates every series once per simulated minute with
 * Poisson counts on a daily rhythm, then prints one JSON line: the share of one core needed in
 * real time, µs per update and heap held by the detectors. Progress goes to stderr.
 *
 *   npm run --silent bench:detectors [-- --series 10000 --warm 300 --minutes 600]
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createDetector, resolveParams, DAY_MS, MINUTE_MS, type Detector } from '../streaming/analyse/detect/index.ts';
import { numberOption } from './lib/args.ts';

const SERIES = numberOption('series', 10_000);
const WARM = numberOption('warm', 300); // minutes fed before timing: every detector is past its warm-up
const MINUTES = numberOption('minutes', 600);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

// Deterministic draws, made up front so the timed loop measures the detectors, not the generator.
let seed = 12345;
const uniform = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
const POOL = 1 << 16;
const RATES = [0.2, 1, 3, 10, 40];
const pools = RATES.map((mean) => Int32Array.from({ length: POOL }, () => {
  const l = Math.exp(-mean);
  let k = 0, p = 1;
  do { k++; p *= uniform(); } while (p > l);
  return k - 1;
}));
// The rhythm scales each draw: quiet at night, busy in the evening.
const rhythm = (t: number) => 0.6 + 0.4 * Math.sin((2 * Math.PI * (t % DAY_MS)) / DAY_MS);

gc();
const heapBefore = process.memoryUsage().heapUsed;
const params = resolveParams({ kind: 'count' }); // one shared options object for every series
const detectors: Detector[] = Array.from({ length: SERIES }, () => createDetector(params));
const poolOf = Int32Array.from({ length: SERIES }, (_, i) => i % RATES.length);

const T0 = Date.UTC(2024, 0, 1);
let cursor = 0;
let fired = 0;
function minute(m: number): void {
  const t = T0 + m * MINUTE_MS;
  const k = rhythm(t);
  for (let i = 0; i < SERIES; i++) {
    const v = Math.round(pools[poolOf[i]][cursor++ & (POOL - 1)] * k);
    if (detectors[i].update(t, v).score >= 0.5) fired++;
  }
}

for (let m = 0; m < WARM; m++) {
  minute(m);
  if (m % 100 === 0) console.error(`warm-up minute ${m}/${WARM}`);
}
fired = 0;
const cpu0 = process.cpuUsage();
const wall0 = performance.now();
for (let m = WARM; m < WARM + MINUTES; m++) {
  minute(m);
  if ((m - WARM) % 100 === 0) console.error(`timed minute ${m - WARM}/${MINUTES}`);
}
const wallMs = performance.now() - wall0;
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;
gc();
const heapMB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
const updates = SERIES * MINUTES;

console.log(JSON.stringify({
  series: SERIES,
  simulatedMinutes: MINUTES,
  updates,
  usPerUpdate: +((cpuMs * 1000) / updates).toFixed(3),
  cpuShareOfOneCore: +(cpuMs / (MINUTES * 60_000)).toFixed(5),
  wallSeconds: +(wallMs / 1000).toFixed(2),
  heapMB: +heapMB.toFixed(1),
  heapBytesPerSeries: Math.round((heapMB * 2 ** 20) / SERIES),
  firedPerSeriesPerDay: +((fired / SERIES) * (1440 / MINUTES)).toFixed(3)
}));
