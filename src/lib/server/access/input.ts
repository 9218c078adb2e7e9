import { json } from '@sveltejs/kit';
import { isRole } from './service.ts';
import { PASSWORD_MIN, USERNAME } from './secrets.ts';
import type { Role } from '../../../../schemas/access.ts';

/** Request bodies of the access API, checked field by field; the first problem is the answer. */
export type Checked<T> = { ok: true; value: T } | { ok: false; response: Response };

const bad = (error: string): Checked<never> => ({ ok: false, response: json({ error }, { status: 400 }) });

export async function body(request: Request): Promise<Record<string, unknown> | null> {
  try {
    const b = await request.json();
    return b && typeof b === 'object' && !Array.isArray(b) ? (b as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const text = (v: unknown, max: number): string | null => (typeof v === 'string' && v.trim().length > 0 && v.length <= max ? v.trim() : null);

export function newUser(b: Record<string, unknown> | null): Checked<{ username: string; displayName: string; role: Role; password: string }> {
  if (!b) return bad('send a JSON object');
  const username = typeof b.username === 'string' ? b.username.trim().toLowerCase() : '';
  if (!USERNAME.test(username)) return bad('username: 2–64 characters a–z, 0–9, . _ -');
  const displayName = b.displayName === undefined ? username : text(b.displayName, 100);
  if (displayName === null) return bad('displayName: 1–100 characters');
  if (!isRole(b.role)) return bad('role: viewer, responder, editor or admin');
  const pw = password(b.password);
  if (!pw.ok) return pw;
  return { ok: true, value: { username, displayName, role: b.role, password: pw.value } };
}

export function password(v: unknown): Checked<string> {
  if (typeof v !== 'string' || v.length < PASSWORD_MIN || v.length > 200) return bad(`password: ${PASSWORD_MIN}–200 characters`);
  return { ok: true, value: v };
}

export function userPatch(b: Record<string, unknown> | null): Checked<{ role?: Role; disabled?: boolean; password?: string; displayName?: string }> {
  if (!b) return bad('send a JSON object');
  const out: { role?: Role; disabled?: boolean; password?: string; displayName?: string } = {};
  if (b.role !== undefined) {
    if (!isRole(b.role)) return bad('role: viewer, responder, editor or admin');
    out.role = b.role;
  }
  if (b.disabled !== undefined) {
    if (typeof b.disabled !== 'boolean') return bad('disabled: true or false');
    out.disabled = b.disabled;
  }
  if (b.password !== undefined) {
    const pw = password(b.password);
    if (!pw.ok) return pw;
    out.password = pw.value;
  }
  if (b.displayName !== undefined) {
    const d = text(b.displayName, 100);
    if (d === null) return bad('displayName: 1–100 characters');
    out.displayName = d;
  }
  if (Object.keys(out).length === 0) return bad('nothing to change: role, disabled, password or displayName');
  return { ok: true, value: out };
}

export function label(b: Record<string, unknown> | null): Checked<string> {
  const name = text(b?.name, 100);
  return name === null ? bad('name: 1–100 characters') : { ok: true, value: name };
}
