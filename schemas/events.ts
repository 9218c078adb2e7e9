import type { AlertClientToServerEvents, AlertServerToClientEvents } from './alerts.ts';
import type { InsightsUpdate } from './insights.ts';
import type { ImpactUpdate } from './impact.ts';
import type { LiveSnapshot, LiveUpdate } from './live.ts';
import type { TopicsUpdate } from './topics.ts';
import type { PlansUpdate } from './plans.ts';

/**
 * Socket.IO event maps, imported by the server and the browser. A payload change gets a new version
 * suffix so an old wall left running on a screen fails loudly instead of misreading data.
 */
export interface ServerToClientEvents extends AlertServerToClientEvents {
  /** sent on every (re)connect: the full recent picture */
  'live:snapshot:v1': (snapshot: LiveSnapshot) => void;
  /** at least every 5 s, and shortly after each stored batch */
  'live:update:v1': (update: LiveUpdate) => void;
  /** ids (stream entry ids) whose data the preceding update reflects; only to subscribers (benchmarks, tests) */
  'stored:ids:v1': (ids: string[]) => void;
  /** on connect (once computed) and after every run: emerging candidates and keywords per topic */
  'topics:update:v1': (update: TopicsUpdate) => void;
  /** this socket's session or wall token was revoked; the server disconnects it right after */
  'access:revoked:v1': () => void;
  /** the ranked insights and topic pressure: on connect (once computed), then every minute */
  'insights:update:v1': (update: InsightsUpdate) => void;
  /** a plan changed (any web node): its new state and the event that changed it */
  'plans:update:v1': (update: PlansUpdate) => void;
  /** on connect and after each recomputation (about every minute): every launch's headline, newest first */
  'impact:update:v1': (update: ImpactUpdate) => void;
}

export interface ClientToServerEvents extends AlertClientToServerEvents {
  'stored:subscribe:v1': () => void;
}
