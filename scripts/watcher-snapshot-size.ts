/**
 * How big is the alert watcher's snapshot (JSON in Redis, streaming/watch/loop.ts), and what does the
 * firing episode (format 2) add to it? A synthetic watcher of 10,000 series (Poisson counts, means 0.2–40
 * a minute on a daily rhythm, 400 minutes learned, maxSeries raised to hold them all), snapshotted while
 * quiet, 30 minutes into a ×8 incident on the first N series, and 30 minutes after. Prints one JSON line
 * each: bytes as format 1 would write them (no episodes) and as written now.
 *
 *   npx tsx scripts/watcher-snapshot-size.ts [N=1000]
 */
import { createSliceWatcher } from '../streaming/analyse/alerts/watcher.ts';
import { createRng } from '../streaming/sim/rng.ts';
const MIN = 60_000, T0 = Date.UTC(2026, 0, 5);
const N = 10_000, FIRING = Number(process.argv[2] ?? 1000);
const rng = createRng('size');
const RATES = [0.2, 1, 3, 10, 40];
const keys = Array.from({ length: N }, (_, i) => `topic:t${i}|region:r${i % 7}`);
const w = createSliceWatcher({ maxSeries: 20_000 });
const counts = (t: number, incident: boolean) => new Map(keys.map((k, i) => [k, rng.poisson(RATES[i % 5] * (0.6 + 0.4 * Math.sin((2 * Math.PI * (t % 86_400_000)) / 86_400_000)) * (incident && i < FIRING ? 8 : 1))]));
let t = T0;
for (let m = 0; m < 400; m++, t += MIN) w.learn(t, counts(t, false));
const sizes = (label: string) => {
  const t0 = performance.now();
  const s = w.snapshot();
  const v2 = JSON.stringify(s);
  const ms = performance.now() - t0;
  const v1 = JSON.stringify({ series: s.series.map(([k, d, l]) => [k, d, l]) });
  const episodes = s.series.filter((x) => x.length === 4).length;
  console.log(JSON.stringify({ label, series: s.series.length, episodes, v1Bytes: v1.length, v2Bytes: v2.length, extraBytes: v2.length - v1.length, extraPct: +(100 * (v2.length - v1.length) / v1.length).toFixed(3), snapshotMs: Math.round(ms) }));
};
for (let m = 0; m < 30; m++, t += MIN) w.observe(t, counts(t, false));
sizes('quiet');
let fired = 0;
for (let m = 0; m < 30; m++, t += MIN) fired += w.observe(t, counts(t, true)).firings.length;
sizes(`mid-incident on ${FIRING} series (${fired} firings in 30 min)`);
for (let m = 0; m < 30; m++, t += MIN) w.observe(t, counts(t, false));
sizes('30 min after');
