import { json, type RequestHandler } from '@sveltejs/kit';
import type { PlanDetail } from '$schemas/plans.ts';
import { getContext } from '$lib/server/context';
import { problem } from '$lib/server/plans/http';
import { loadPlan } from '$lib/server/plans/store';

/** The plan's current state and its whole action log, oldest first. */
export const GET: RequestHandler = async ({ params }) => {
  const { db } = await getContext();
  const found = await loadPlan(db, params.id ?? '');
  if (!found) return problem(404, `no plan ${params.id}`);
  return json(found satisfies PlanDetail);
};
