import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Server } from 'socket.io';
import { actorName, type Principal } from '../../../schemas/access.ts';
import { AlertActionSchema, type Alert, type AlertEvent, type TransitionError } from '../../../schemas/alerts.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../schemas/events.ts';
import { transition } from '../../../streaming/analyse/alerts/lifecycle.ts';
import { log } from '../../../streaming/log.ts';
import { appendAlertEvents, currentAlerts, findAlert, writeAlertSnapshots } from '../../../streaming/store/alerts.ts';
import type { Db } from '../../../streaming/store/db.ts';
import { alertKeys, type AlertChange } from '../../../streaming/watch/loop.ts';
import { ACTION_EVENT, asOf, mergeAlerts, rebase, sortAlerts, toRequest } from '../alerts/inbox.ts';

/**
 * The web node's side of alerting: the current alerts (loaded from ClickHouse, then kept up to date
 * from the watcher's change messages on Redis), pushed to every client, and people's actions —
 * validated, applied to the lifecycle, stored in the event log and published, so every web node and
 * the watcher learn of them. Permission checks are the access layer's; here the actor is only named.
 */

type AlertsIo = Server<ClientToServerEvents, ServerToClientEvents>;
export type ActionResult = { ok: true; event: AlertEvent; alert: Alert } | { ok: false; error: TransitionError };

const DAY = 86_400_000;
/**
 * How long people's actions are re-applied to the watcher's pictures (rebase): far longer than a minute's
 * scoring takes, far shorter than the 15 quiet minutes before the engine may resolve an alert itself.
 */
const ACTIONS_KEPT_MS = 5 * 60_000;
const KEY = Symbol.for('voc-pulse.alerts-hub');

export class AlertsHub {
  private alerts: Alert[] = [];
  private timer: NodeJS.Timeout | null = null;
  private version = 0;
  private readonly own = new Set<string>();
  /** people's actions of the last few minutes, per alert, oldest first (inbox.ts rebase) */
  private readonly actions = new Map<string, AlertEvent[]>();
  private readonly channel: string;
  private readonly subscriber: Redis;

  constructor(private readonly o: { db: Db; redis: Redis; io: AlertsIo | null; stream: string }) {
    this.channel = alertKeys(o.stream).changes;
    this.subscriber = o.redis.duplicate();
  }

  async start(): Promise<void> {
    // Subscribe first: a change published while the history loads is applied after it, not lost.
    const early: AlertChange[] = [];
    let loaded = false;
    this.subscriber.on('message', (_c, message) => {
      try {
        const change = JSON.parse(message) as AlertChange;
        // Our own action coming back through Redis was applied already.
        if (change.id && this.own.delete(change.id)) return;
        if (loaded) this.apply(change);
        else early.push(change);
      } catch (e) {
        log.warn({ err: (e as Error).message }, 'ignored a malformed alert change');
      }
    });
    await this.subscriber.subscribe(this.channel);
    const now = Date.now();
    this.alerts = await currentAlerts(this.o.db, now - 30 * DAY, now - DAY);
    loaded = true;
    for (const c of early) this.apply(c);
    // Snoozes end by the clock; screens hear of it without anyone acting.
    this.timer = setInterval(() => this.endSnoozes(), 1000);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.subscriber.disconnect();
  }

  /** Every alert not resolved plus those resolved in the last day, as of now, in inbox order. */
  list(): Alert[] {
    const now = Date.now();
    return sortAlerts(this.alerts.map((a) => asOf(a, now)));
  }

  snapshot() {
    return { serverTime: Date.now(), alerts: this.list() };
  }

  async get(id: string): Promise<Alert | null> {
    const a = this.alerts.find((x) => x.id === id) ?? (await findAlert(this.o.db, id));
    return a ? asOf(a, Date.now()) : null;
  }

  /** A person's action, from a socket or HTTP: unvalidated input in, a typed result out. */
  async act(input: unknown, principal: Principal | null | undefined): Promise<ActionResult> {
    const parsed = AlertActionSchema.safeParse(input);
    if (!parsed.success) {
      const type = ACTION_EVENT[(input as { type?: keyof typeof ACTION_EVENT })?.type as keyof typeof ACTION_EVENT] ?? 'noted';
      return { ok: false, error: { code: 'bad_event', type, message: parsed.error.issues.map((i) => `${i.path.join('.') || 'action'}: ${i.message}`).join('; ') } };
    }
    const action = parsed.data;
    const alert = await this.get(action.alertId);
    if (!alert) return { ok: false, error: { code: 'unknown_alert', type: ACTION_EVENT[action.type], message: `no alert ${action.alertId}` } };
    const r = transition(alert.state, alert.id, Date.now(), actorName(principal), toRequest(action));
    if (!r.ok) return r;
    const next: Alert = { ...alert, state: r.state };
    await appendAlertEvents(this.o.db, [r.event]);
    await writeAlertSnapshots(this.o.db, [next], this.nextVersion());
    const change: AlertChange = { id: randomUUID(), source: 'web', alerts: [next], events: [r.event] };
    // Applied here at once (the answer shows it), and on every other node through Redis.
    this.own.add(change.id!);
    this.apply(change);
    await this.o.redis.publish(this.channel, JSON.stringify(change));
    return { ok: true, event: r.event, alert: next };
  }

  private apply(change: AlertChange): void {
    const now = Date.now();
    // Recent actions, kept for a while: a picture from a minute the watcher scored while one was on its
    // way carries the state from before it, and may arrive after the picture that holds it.
    for (const [id, es] of this.actions) {
      const recent = es.filter((e) => e.at >= now - ACTIONS_KEPT_MS);
      if (recent.length) this.actions.set(id, recent);
      else this.actions.delete(id);
    }
    if (change.source === 'web') for (const e of change.events) this.actions.set(e.alertId, [...(this.actions.get(e.alertId) ?? []), e]);
    const incoming = change.source === 'watcher' ? change.alerts.map((a) => this.rebased(a)) : change.alerts;
    this.alerts = mergeAlerts(this.alerts, incoming, now);
    this.o.io?.local.emit('alerts:update:v1', {
      serverTime: now, alerts: sortAlerts(incoming.map((a) => asOf(a, now))), events: change.events, ...(change.storm ? { storm: change.storm } : {})
    });
  }

  private rebased(a: Alert): Alert {
    const actions = this.actions.get(a.id);
    return actions?.length ? rebase(a, actions) : a;
  }

  private endSnoozes(): void {
    const now = Date.now();
    const ended = this.alerts.filter((a) => a.state.status === 'snoozed' && a.state.snoozedUntil !== null && a.state.snoozedUntil <= now);
    if (!ended.length) return;
    const woken = ended.map((a) => asOf(a, now));
    this.alerts = mergeAlerts(this.alerts, woken, now);
    this.o.io?.local.emit('alerts:update:v1', { serverTime: now, alerts: woken, events: [] });
  }

  private nextVersion(): number {
    this.version = Math.max(this.version + 1, Date.now() * 1000);
    return this.version;
  }
}

/** The hub of this process, shared with the SvelteKit bundle (a separate module graph). */
export function alertsHub(): AlertsHub | null {
  return (globalThis as { [KEY]?: AlertsHub })[KEY] ?? null;
}

/** Wires alerts into the web node: `attachAlerts(io, ctx)` in src/server.ts. */
export async function attachAlerts(io: AlertsIo, ctx: { db: Db; redis: Redis; config: { VOC_STREAM: string } }): Promise<AlertsHub> {
  const hub = new AlertsHub({ db: ctx.db, redis: ctx.redis, io, stream: ctx.config.VOC_STREAM });
  await hub.start();
  (globalThis as { [KEY]?: AlertsHub })[KEY] = hub;
  io.on('connection', (socket) => {
    socket.emit('alerts:snapshot:v1', hub.snapshot());
    socket.on('alerts:action:v1', async (action, reply) => {
      const principal = (socket.data as { principal?: Principal | null } | undefined)?.principal;
      const result = await hub.act(action, principal).catch((e): ActionResult => {
        log.warn({ err: (e as Error).message }, 'alert action failed');
        return { ok: false, error: { code: 'bad_event', type: 'noted', message: 'could not store the action; try again' } };
      });
      if (typeof reply === 'function') reply(result.ok ? { ok: true, event: result.event } : result);
    });
  });
  return hub;
}
