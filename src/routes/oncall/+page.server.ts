import { can } from '../../../schemas/access.ts';
import type { PageServerLoad } from './$types';

/**
 * Whether this viewer may act on alerts (the `respond` permission, the same rule that refuses a
 * viewer's action: policy.ts). The page renders in the browser only (+page.ts), but this load runs on
 * the server, so the desk never offers buttons that would only fail.
 */
export const load: PageServerLoad = ({ locals }) => {
  const p = locals.principal;
  return { canAct: p?.kind === 'user' && can(p.role, 'respond') };
};
