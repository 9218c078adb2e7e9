import type { SliceReading } from '../../../schemas/alerts.ts';
import { advanceAlerts, emptyEngineState, type EngineState, type Notification } from '../../analyse/alerts/engine.ts';

/**
 * Alerts as the real engine makes them, for tests of what people read: an incident on app.slow × East
 * China at minute 0, quiet from minute 1 (the engine resolves it itself at the close of minute 15), and
 * its tail firing again at minute `tailAt`, which re-opens the same alert (reopen.ts).
 */
export const T0 = Date.UTC(2026, 0, 5, 12);
const MIN = 60_000;

const reading = (slice: string, observed: number, expected: number, score = 0.9): SliceReading =>
  ({ slice, observed, expected, lower: 0, upper: expected + 3 * Math.sqrt(expected + 1), score, surprise: 10 });
const incident = (k: number) => [reading('topic:app.slow', 50 * k + 5, 5), reading('topic:app.slow|region:east', 46 * k + 2, 2), reading('region:east', 48 * k + 30, 30)];
const quiet = [reading('topic:app.slow', 5, 5, 0), reading('topic:app.slow|region:east', 2, 2, 0), reading('region:east', 30, 30, 0)];

function step(state: EngineState, i: number, spiking: SliceReading[]) {
  return advanceAlerts(state, { minute: T0 + i * MIN, readings: new Map(spiking.map((r) => [r.slice, r])), firings: spiking.filter((r) => r.score >= 0.5) });
}

/**
 * Every notification of that story, in order: opened (minute 0), resolved (close of minute 15),
 * opened again on re-opening (minute `tailAt`), and, with `firingAfter` more minutes of the tail and
 * 15 quiet ones, resolved again.
 */
export function reopenStory(tailAt = 56, firingAfter = 0): Notification[] {
  let state = emptyEngineState();
  const notes: Notification[] = [];
  const run = (i: number, spiking: SliceReading[]) => {
    const out = step(state, i, spiking);
    state = out.state;
    notes.push(...out.notifications);
  };
  run(0, incident(1));
  for (let i = 1; i < tailAt; i++) run(i, quiet);
  run(tailAt, incident(0.5));
  if (firingAfter > 0) {
    for (let i = 1; i <= firingAfter; i++) run(tailAt + i, incident(0.5));
    for (let i = 1; i <= 16; i++) run(tailAt + firingAfter + i, quiet);
  }
  return notes;
}
