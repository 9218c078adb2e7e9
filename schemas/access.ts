/**
 * Who may do what. Roles are ordered: each role can do everything the previous one can. The web node's
 * one authorisation check (src/lib/server/access/) maps every route and Socket.IO event to a permission;
 * features only read `locals.user` / `socket.data.user` to say who acted.
 */
export const ROLES = ['viewer', 'responder', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** view: dashboards · respond: acknowledge/resolve alerts · edit: plans, launches, taxonomy · admin: users, tokens, keys */
export const PERMISSIONS = ['view', 'respond', 'edit', 'admin'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The lowest role holding each permission. */
export const PERMISSION_ROLE: Record<Permission, Role> = { view: 'viewer', respond: 'responder', edit: 'editor', admin: 'admin' };

export const can = (role: Role, permission: Permission): boolean => ROLES.indexOf(role) >= ROLES.indexOf(PERMISSION_ROLE[permission]);

/** Optional limits on which data a user or wall token sees; absent = everything. */
export interface DataScope {
  regions?: string[];
  channels?: string[];
  topics?: string[];
}

/** The signed-in person, or the wall token, behind a request or a socket. */
export interface Principal {
  id: string;
  /** shown in logs and action histories ("who acknowledged") */
  name: string;
  role: Role;
  kind: 'user' | 'wall-token';
  scope?: DataScope;
}

/** The name stamped on an event someone caused; "system" is reserved for automatic transitions. */
export const actorName = (p: Principal | null | undefined): string => (p ? p.name : 'anonymous');

/** One audit log row (schemas/migrations/005_access.sql), as stored and as the admin page reads it. */
export interface AuditRow {
  ts_ms: number;
  actor: string;
  action: string;
  target: string;
  detail: string;
  ip: string;
  ok: number;
}

/** What the audit log records; the admin page filters by these. */
export const AUDIT_ACTIONS = [
  'sign-in',
  'sign-in-failed',
  'sign-out',
  'setup',
  'user-create',
  'user-role',
  'user-disable',
  'user-enable',
  'user-password',
  'wall-token-create',
  'wall-token-revoke',
  'producer-key-create',
  'producer-key-revoke',
  'export'
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
