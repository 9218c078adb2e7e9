import type { Alert, AlertAction, AlertEvent, TransitionError } from '../../../schemas/alerts.ts';
import type { WallSocket } from '../live/wall.svelte.ts';
import { cueFor } from './cue.ts';
import { asOf, mergeAlerts, sortAlerts } from './inbox.ts';
import { OFFLINE, TIMEOUT } from './labels.ts';

export type ActionReply = { ok: true; event: AlertEvent } | { ok: false; error: TransitionError };

/**
 * The browser's alert inbox on the shared socket: a (re)connect snapshot replaces everything, updates
 * replace alerts by id. `cue` is bumped when a new high/critical alert opens, for the flash and beep.
 */
export class AlertDesk {
  alerts = $state.raw<Alert[]>([]);
  /** set on the first snapshot: until then "no alerts" would be a lie */
  loaded = $state(false);
  cue = $state<{ at: number; alert: Alert } | null>(null);
  /** client clock; snoozes end by it */
  now = $state(Date.now());
  view = $derived(sortAlerts(this.alerts.map((a) => asOf(a, this.now))));
  open = $derived(this.view.filter((a) => a.state.status !== 'resolved'));

  #socket: WallSocket | null = null;

  attach(socket: WallSocket): () => void {
    this.#socket = socket;
    const tick = setInterval(() => (this.now = Date.now()), 1000);
    socket.on('alerts:snapshot:v1', (s) => {
      this.alerts = s.alerts;
      this.loaded = true;
    });
    socket.on('alerts:update:v1', (u) => {
      const before = new Map(this.alerts.map((a) => [a.id, a]));
      this.alerts = mergeAlerts(this.alerts, u.alerts, Date.now());
      const [first] = cueFor(before, u.alerts);
      if (first && this.loaded) this.cue = { at: Date.now(), alert: first };
    });
    return () => {
      clearInterval(tick);
      socket.off('alerts:snapshot:v1');
      socket.off('alerts:update:v1');
    };
  }

  act(action: AlertAction): Promise<ActionReply> {
    const socket = this.#socket;
    if (!socket?.connected) return Promise.resolve({ ok: false, error: { code: 'bad_event', type: 'noted', message: OFFLINE } });
    return new Promise((resolve) => {
      socket.timeout(10_000).emit('alerts:action:v1', action, (err: Error | null, result: ActionReply) => {
        resolve(err ? { ok: false, error: { code: 'bad_event', type: 'noted', message: TIMEOUT } } : result);
      });
    });
  }
}

/** A short two-tone beep (WebAudio); no sound file to ship. */
export function beep(): void {
  const Ctx = (globalThis as { AudioContext?: typeof AudioContext }).AudioContext;
  if (!Ctx) return;
  const ctx = new Ctx();
  const gain = ctx.createGain();
  gain.gain.value = 0.15;
  gain.connect(ctx.destination);
  [880, 660].forEach((f, i) => {
    const osc = ctx.createOscillator();
    osc.frequency.value = f;
    osc.connect(gain);
    osc.start(ctx.currentTime + i * 0.18);
    osc.stop(ctx.currentTime + i * 0.18 + 0.15);
  });
  setTimeout(() => void ctx.close(), 800);
}
