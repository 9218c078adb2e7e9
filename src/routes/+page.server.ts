import type { Role } from '../../schemas/access.ts';
import type { PageServerLoad } from './$types';

/** Who is signed in, so the landing page offers "Sign out" to them rather than "Sign in" again. */
export const load: PageServerLoad = ({ locals }) => {
  const p = locals.principal;
  return { me: p?.kind === 'user' ? { name: p.name, role: p.role as Role } : null };
};
