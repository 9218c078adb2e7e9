import { demoSchedule, INCIDENT_PRESETS, presetIncident, type Incident } from './scenarios.ts';

/** Command-line options of the simulator runner; parsed by a pure function so they can be tested. */

export interface SimArgs {
  /** daily average messages per second */
  rate: number;
  seed: string;
  /** live run length in seconds; Infinity = until stopped */
  durationS: number;
  backfillHours: number;
  /** daily average rate of the backfilled history; defaults to rate */
  backfillRate: number | null;
  /** the last hours of the backfill written at `rate` rather than `backfillRate` */
  backfillFullHours: number;
  /** incidents, already placed on the clock */
  incidents: Incident[];
  /** constant rate instead of the daily rhythm (load tests) */
  flat: boolean;
  help: boolean;
}

export const USAGE = `usage: tsx streaming/sim/main.ts [options]
  --rate <msgs/s>            daily average rate, 1–5000 (default 20; evenings run ~2× this, 04:00 ~0.1×)
  --seed <text>              replay a feed exactly (default: a fresh seed per run, printed at start)
  --duration <s>             stop after this many seconds of live traffic (default: run until stopped)
  --flat                     constant rate, no daily rhythm (load tests)
  --backfill-hours <h>       first write h hours of history with past timestamps (default 0, max 720)
  --backfill-rate <msgs/s>   daily average rate of that history (default: --rate), so a demo can have a
                             day of baseline without a day's worth of processing
  --backfill-full-hours <h>  write the last h hours of that history at --rate (default 0), so the
                             alert watcher learns today's level and a cheap day of history does not
                             make the live feed look like a spike everywhere
  --incident <name>@<min>[:<dur-min>][+<n>/min]
                             start a built-in incident <min> minutes from now lasting <dur-min> (default 20)
                             minutes, then ship the fix; repeatable. "+<n>/min" makes it n extra messages a
                             minute at full strength, whatever the rate and hour (default: the preset's
                             multiple of the scenario's share of the feed). A negative <min> places it in the
                             backfilled past (e.g. @-20160:12960: began 14 days ago, fixed 5 days ago). Without this flag the demo schedule
                             runs; "--incident none" disables incidents.
                             built-in: ${Object.keys(INCIDENT_PRESETS).join(', ')}
env: REDIS_URL (default redis://127.0.0.1:6379), VOC_STREAM (default voc:feedback)`;

const MINUTE = 60_000;

function number(flag: string, raw: string | undefined, lo: number, hi: number): number {
  const v = Number(raw);
  if (raw === undefined || raw.trim() === '' || !Number.isFinite(v) || v < lo || v > hi) {
    throw new Error(`${flag} must be a number between ${lo} and ${hi} (got ${raw ?? 'nothing'})`);
  }
  return v;
}

/** Parses `<name>@<minutes-from-now>[:<duration-minutes>]` relative to `now`. */
export function parseIncident(spec: string, now: number, index: number): Incident {
  const m = /^([a-z0-9_]+)@(-?\d+(?:\.\d+)?)(?::(\d+(?:\.\d+)?))?(?:\+(\d+(?:\.\d+)?)\/min)?$/.exec(spec);
  if (!m) throw new Error(`--incident must look like images_slow_android_east@5:20 (got ${spec})`);
  const [, name, startMin, durMin, perMin] = m;
  const duration = durMin === undefined ? 20 : Number(durMin);
  if (duration <= 0) throw new Error(`--incident duration must be positive (got ${spec})`);
  const incident = presetIncident(name, now + Number(startMin) * MINUTE, duration * MINUTE, `${name}-${index + 1}`);
  if (perMin !== undefined) {
    if (!(Number(perMin) > 0)) throw new Error(`--incident +<n>/min must be positive (got ${spec})`);
    incident.perMinute = Number(perMin);
  }
  return incident;
}

export function parseArgs(argv: readonly string[], now: number): SimArgs {
  const out: SimArgs = { rate: 20, seed: String(now), durationS: Infinity, backfillHours: 0, backfillRate: null, backfillFullHours: 0, incidents: [], flat: false, help: false };
  const specs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    // Accept both "--rate 20" and "--rate=20".
    const eq = flag.indexOf('=');
    const name = eq > 0 ? flag.slice(0, eq) : flag;
    const value = () => (eq > 0 ? flag.slice(eq + 1) : argv[++i]);
    switch (name) {
      case '--rate': out.rate = number(name, value(), 1, 5000); break;
      case '--seed': {
        const v = value();
        if (!v) throw new Error('--seed needs a value');
        out.seed = v;
        break;
      }
      case '--duration': out.durationS = number(name, value(), 1, 365 * 24 * 3600); break;
      case '--backfill-hours': out.backfillHours = number(name, value(), 0, 720); break;
      case '--backfill-rate': out.backfillRate = number(name, value(), 0.01, 5000); break;
      case '--backfill-full-hours': out.backfillFullHours = number(name, value(), 0, 720); break;
      case '--incident': specs.push(value() ?? ''); break;
      case '--flat': out.flat = true; break;
      case '--help': case '-h': out.help = true; break;
      default: throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
  }
  if (specs.length === 0) out.incidents = demoSchedule(now);
  else if (!specs.includes('none')) out.incidents = specs.map((s, i) => parseIncident(s, now, i));
  return out;
}
