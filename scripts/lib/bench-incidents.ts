import { INCIDENT_PRESETS, presetIncident, type Incident } from '../../streaming/sim/scenarios.ts';
import { createRng } from '../../streaming/sim/rng.ts';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;

/**
 * The incidents of an alert benchmark: `perDay` random presets a day from `eval0`, 15–60 min long, starts
 * at least 2 h apart so each incident can be judged on its own. bench:alerts and the labelled-count cache
 * must draw the same schedule for one seed, so they share this.
 */
export function incidentSchedule(o: { seed: string; days: number; perDay: number; eval0: number }): Incident[] {
  const rng = createRng(`incidents-${o.seed}`);
  const names = Object.keys(INCIDENT_PRESETS);
  const out: Incident[] = [];
  for (let d = 0; d < o.days; d++) {
    const starts: number[] = [];
    for (let tries = 0; starts.length < o.perDay && tries < 1000; tries++) {
      const s = o.eval0 + d * DAY + Math.floor(rng.next() * (DAY - 2 * 3600_000));
      if (starts.every((x) => Math.abs(x - s) >= 2 * 3600_000)) starts.push(s);
    }
    for (const s of starts.sort((a, b) => a - b)) {
      const name = names[rng.int(names.length)];
      out.push(presetIncident(name, s, (15 + rng.int(46)) * MINUTE, `${name}@d${d}`));
    }
  }
  return out;
}
