import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '$schemas/events.ts';
import type { InsightsUpdate } from '$schemas/insights.ts';
import type { PlanState, PlansUpdate } from '$schemas/plans.ts';

/**
 * What the plans screens keep live: the insights list and the plans' current states. The socket brings
 * changes; after every (re)connect the plans are fetched again, so a change made while the socket was
 * down is not missed.
 */
export class PlansLive {
  connected = $state(false);
  insights = $state.raw<InsightsUpdate | null>(null);
  plans = $state.raw<PlanState[]>([]);
  now = $state(Date.now());
  error = $state<string | null>(null);

  async loadPlans(): Promise<void> {
    const r = await fetch('/api/plans');
    if (!r.ok) throw new Error(`GET /api/plans: ${r.status}`);
    this.plans = ((await r.json()) as { plans: PlanState[] }).plans;
    this.now = Date.now();
  }

  async loadInsights(): Promise<void> {
    const r = await fetch('/api/insights');
    if (r.ok) this.insights = (await r.json()) as InsightsUpdate;
  }

  upsert(plan: PlanState): void {
    // the clock moves with every change: a launch recorded a second ago must read live (and sit under
    // Launched) at once, not as scheduled until the next 30 s tick
    this.now = Date.now();
    const others = this.plans.filter((p) => p.id !== plan.id);
    this.plans = [plan, ...others].sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : 1));
  }

  /** Opens the socket; `onPlan` also hears every plan change (the detail page refreshes its history). */
  start(onPlan?: (u: PlansUpdate) => void): () => void {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ transports: ['websocket', 'polling'] });
    const tick = setInterval(() => (this.now = Date.now()), 30_000);
    const refresh = () => {
      this.loadPlans().then(() => (this.error = null), (e: Error) => (this.error = e.message));
      void this.loadInsights();
    };
    socket.on('connect', () => {
      this.connected = true;
      refresh();
    });
    socket.on('disconnect', () => (this.connected = false));
    socket.on('insights:update:v1', (u) => (this.insights = u));
    socket.on('plans:update:v1', (u) => {
      this.upsert(u.plan);
      onPlan?.(u);
    });
    refresh();
    return () => {
      clearInterval(tick);
      socket.removeAllListeners();
      socket.disconnect();
    };
  }
}
