import { json, type RequestHandler } from '@sveltejs/kit';
import { actorName } from '$schemas/access.ts';
import { getContext } from '$lib/server/context';
import { problem, readBody } from '$lib/server/plans/http';
import { createPlan, publishPlanUpdate } from '$lib/server/plans/service';
import { listPlans } from '$lib/server/plans/store';
import { createPlanSchema } from '$lib/server/plans/validate';

/** GET: current states (?team=&topic=); POST: a new plan → 201 {id}. */
export const GET: RequestHandler = async ({ url }) => {
  const { db } = await getContext();
  const plans = await listPlans(db, { team: url.searchParams.get('team') || undefined, topic: url.searchParams.get('topic') || undefined });
  return json({ plans });
};

export const POST: RequestHandler = async ({ request, locals }) => {
  const body = await readBody(request, createPlanSchema);
  if (!body.ok) return body.response;
  const ctx = await getContext();
  const out = await createPlan(ctx.db, body.value, actorName(locals.principal));
  if (!out.ok) return problem(out.status, out.error, out.issues);
  await publishPlanUpdate(ctx.redis, ctx.config.VOC_STREAM, out.value);
  return json({ id: out.value.plan.id }, { status: 201 });
};
