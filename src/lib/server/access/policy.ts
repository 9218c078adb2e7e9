import { can, type Permission, type Principal } from '../../../../schemas/access.ts';

/**
 * The one authorisation table. Every SvelteKit route (by route id and method) and every Socket.IO event
 * has exactly one rule here; the HTTP hook (src/hooks.server.ts) and the socket middleware
 * (sockets.ts) only look rules up. A route or event missing from the table is refused to everyone, and a
 * unit test walks src/routes so a new route cannot ship without a rule.
 */
export type Rule =
  /** anyone, signed in or not */
  | { access: 'public' }
  /** producers with an API key (x-api-key / Bearer), never a browser session */
  | { access: 'producer-key' }
  | {
      access: 'permission';
      permission: Permission;
      /** wall tokens may use it too (only the wall and its live data) */
      wall?: boolean;
      /** producer keys may use it too (reading back what they sent) */
      producerKey?: boolean;
      /** an export of customer data: every use is written to the audit trail */
      audit?: 'export';
    };

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Routes = Record<string, Partial<Record<Method, Rule>>>;

const PUBLIC: Rule = { access: 'public' };
const view: Rule = { access: 'permission', permission: 'view' };
const respond: Rule = { access: 'permission', permission: 'respond' };
const edit: Rule = { access: 'permission', permission: 'edit' };
const admin: Rule = { access: 'permission', permission: 'admin' };
const wall: Rule = { access: 'permission', permission: 'view', wall: true };
const page = (rule: Rule) => ({ GET: rule });

export const ROUTES: Routes = {
  // public: landing, probes, sign-in
  '/': page(PUBLIC),
  '/healthz': page(PUBLIC),
  '/readyz': page(PUBLIC),
  // Prometheus scrapes without a session; counters and gauges only, no customer data
  '/metrics': page(PUBLIC),
  '/login': page(PUBLIC),
  '/setup': page(PUBLIC),
  '/logout': page(PUBLIC),
  '/api/auth/login': { POST: PUBLIC },
  '/api/auth/setup': { POST: PUBLIC },
  '/api/auth/logout': { POST: PUBLIC },
  '/api/auth/me': { GET: PUBLIC },

  // ingestion (#1)
  '/api/feedback': { POST: { access: 'producer-key' } },
  '/api/feedback/[id]': { GET: { access: 'permission', permission: 'view', producerKey: true } },

  // the wall (#2)
  '/wall': page(wall),

  // alerts (#5)
  '/oncall': page(view),
  '/api/alerts': { GET: view },
  '/api/alerts/[id]': { GET: view },
  '/api/alerts/[id]/actions': { POST: respond },

  // plans and insights (#6)
  '/plans': page(view),
  '/plans/[id]': page(view),
  '/api/insights': { GET: view },
  '/api/plans': { GET: view, POST: edit },
  '/api/plans/[id]': { GET: view },
  '/api/plans/[id]/events': { POST: edit },

  // impact (#6)
  '/impact': page(view),
  '/impact/[planId]': page(view),
  '/report': page(view),
  '/api/impact': { GET: view },
  '/api/impact/[planId]': { GET: view },
  '/api/impact/[planId]/customers.csv': { GET: { access: 'permission', permission: 'edit', audit: 'export' } },
  '/api/report': { GET: view },

  // emerging topics (#4)
  '/topics': page(view),
  '/api/topics/emerging': { GET: view },
  '/api/topics/keywords': { GET: view },

  // access (#7)
  '/admin': page(admin),
  '/api/admin/users': { GET: admin, POST: admin },
  '/api/admin/users/[id]': { PATCH: admin },
  '/api/admin/wall-tokens': { GET: admin, POST: admin },
  '/api/admin/wall-tokens/[id]': { DELETE: admin },
  '/api/admin/producer-keys': { GET: admin, POST: admin },
  '/api/admin/producer-keys/[id]': { DELETE: admin },
  '/api/admin/audit': { GET: admin }
};

/** Events a client sends. */
export const CLIENT_EVENTS: Record<string, Rule> = {
  'stored:subscribe:v1': view,
  'alerts:action:v1': respond
};

/** Events the server sends: who may receive them. Only `wall` events reach wall tokens. */
export const SERVER_EVENTS: Record<string, Rule> = {
  'live:snapshot:v1': wall,
  'live:update:v1': wall,
  'stored:ids:v1': view,
  'alerts:snapshot:v1': wall,
  'alerts:update:v1': wall,
  'impact:update:v1': wall,
  'insights:update:v1': view,
  'plans:update:v1': view,
  'topics:update:v1': view,
  // access notices to the one socket concerned
  'access:revoked:v1': PUBLIC
};

/** Socket.IO's own lifecycle events, never subject to the table. */
export const RESERVED_EVENTS = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']);

export function routeRule(routeId: string | null, method: string): Rule | null {
  if (!routeId) return null;
  const rules = ROUTES[routeId];
  if (!rules) return null;
  // HEAD is answered by the GET handler, so it follows the GET rule
  const m = (method === 'HEAD' ? 'GET' : method) as Method;
  return rules[m] ?? null;
}

export type Decision = 'allow' | 'unauthenticated' | 'forbidden';

/**
 * Whether a principal (or a valid producer key) satisfies a rule. `null` rule = no rule = refused; anonymous
 * callers are told to sign in, signed-in ones that they may not.
 */
export function decide(rule: Rule | null, principal: Principal | null, producerKey = false): Decision {
  if (rule?.access === 'public') return 'allow';
  if (!rule) return principal ? 'forbidden' : 'unauthenticated';
  if (rule.access === 'producer-key') return producerKey ? 'allow' : 'unauthenticated';
  if (producerKey && rule.producerKey && !principal) return 'allow';
  if (!principal) return 'unauthenticated';
  if (principal.kind === 'wall-token') return rule.wall ? 'allow' : 'forbidden';
  return can(principal.role, rule.permission) ? 'allow' : 'forbidden';
}

/** Whether a server→client event may be delivered to this principal. Unknown events go to no one. */
export const mayReceive = (event: string, principal: Principal | null): boolean =>
  decide(SERVER_EVENTS[event] ?? null, principal) === 'allow';

export const isStateChanging = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);
