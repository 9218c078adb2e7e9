import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROLES, type Principal, type Role } from '../../../../schemas/access.ts';
import { CLIENT_EVENTS, ROUTES, SERVER_EVENTS, decide, mayReceive, routeRule } from './policy.ts';

const ROUTES_DIR = join(import.meta.dirname, '../../../routes');

/** Every route in src/routes as SvelteKit names it (route id) with the methods it answers. */
function walk(dir: string, out: { id: string; methods: string[] }[] = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
  }
  const id = '/' + relative(ROUTES_DIR, dir).split('\\').join('/');
  const routeId = id === '/' ? '/' : id.replace(/\/$/, '');
  const files = readdirSync(dir);
  const methods: string[] = [];
  if (files.includes('+page.svelte')) methods.push('GET');
  // form actions answer POST on the page's own path
  if (files.includes('+page.server.ts') && /export\s+const\s+actions\b/.test(readFileSync(join(dir, '+page.server.ts'), 'utf8'))) methods.push('POST');
  if (files.includes('+server.ts')) {
    const src = readFileSync(join(dir, '+server.ts'), 'utf8');
    for (const m of src.matchAll(/export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) methods.push(m[1]);
  }
  if (methods.length) out.push({ id: routeId, methods });
  return out;
}

const user = (role: Role): Principal => ({ id: role, name: role, role, kind: 'user' });
const wall: Principal = { id: 'w', name: 'wall:lobby', role: 'viewer', kind: 'wall-token' };

describe('the policy table', () => {
  const routes = walk(ROUTES_DIR);

  it('has a rule for every route and method in src/routes', () => {
    expect(routes.length).toBeGreaterThan(5);
    const missing = routes.flatMap((r) => r.methods.filter((m) => !routeRule(r.id, m)).map((m) => `${m} ${r.id}`));
    expect(missing).toEqual([]);
  });

  it('refuses what it does not know', () => {
    expect(routeRule('/not-a-route', 'GET')).toBeNull();
    expect(decide(null, user('admin'))).toBe('forbidden');
    expect(decide(null, null)).toBe('unauthenticated');
    expect(routeRule('/api/plans', 'DELETE')).toBeNull();
    expect(mayReceive('made:up:v1', user('admin'))).toBe(false);
    expect(decide(CLIENT_EVENTS['made:up:v1'] ?? null, user('admin'))).toBe('forbidden');
  });

  it('lets each role do exactly its permission and those below', () => {
    const expected: Record<string, Role> = {
      'GET /wall': 'viewer',
      'GET /api/alerts': 'viewer',
      'POST /api/alerts/[id]/actions': 'responder',
      'POST /api/plans': 'editor',
      'POST /api/plans/[id]/events': 'editor',
      'GET /api/impact/[planId]/customers.csv': 'editor',
      'GET /admin': 'admin',
      'POST /api/admin/users': 'admin',
      'DELETE /api/admin/wall-tokens/[id]': 'admin'
    };
    for (const [route, lowest] of Object.entries(expected)) {
      const [method, id] = route.split(' ');
      for (const role of ROLES) {
        const want = ROLES.indexOf(role) >= ROLES.indexOf(lowest) ? 'allow' : 'forbidden';
        expect(decide(routeRule(id, method), user(role)), `${role} ${route}`).toBe(want);
      }
      expect(decide(routeRule(id, method), null), `anonymous ${route}`).toBe('unauthenticated');
    }
  });

  it('gives wall tokens the wall and its live events only', () => {
    const allowed = routes.flatMap((r) => r.methods.filter((m) => decide(routeRule(r.id, m), wall) === 'allow' && routeRule(r.id, m)?.access !== 'public').map((m) => `${m} ${r.id}`));
    expect(allowed).toEqual(['GET /wall']);
    const events = Object.keys(SERVER_EVENTS).filter((e) => mayReceive(e, wall) && SERVER_EVENTS[e].access !== 'public');
    expect(events.sort()).toEqual(['alerts:snapshot:v1', 'alerts:update:v1', 'impact:update:v1', 'live:snapshot:v1', 'live:update:v1']);
    for (const e of Object.keys(CLIENT_EVENTS)) expect(decide(CLIENT_EVENTS[e], wall)).toBe('forbidden');
  });

  it('keeps producer keys to ingestion (and reading back what they sent)', () => {
    const keyOnly = Object.entries(ROUTES).flatMap(([id, methods]) =>
      Object.keys(methods).filter((m) => decide(routeRule(id, m), null, true) === 'allow' && routeRule(id, m)?.access !== 'public').map((m) => `${m} ${id}`)
    );
    expect(keyOnly.sort()).toEqual(['GET /api/feedback/[id]', 'POST /api/feedback']);
    // a signed-in person cannot post feedback as a producer
    expect(decide(routeRule('/api/feedback', 'POST'), user('admin'))).toBe('unauthenticated');
  });

  it('marks the customer-list export as audited', () => {
    expect(routeRule('/api/impact/[planId]/customers.csv', 'GET')).toMatchObject({ audit: 'export', permission: 'edit' });
  });
});
