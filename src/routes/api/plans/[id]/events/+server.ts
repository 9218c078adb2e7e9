import { json, type RequestHandler } from '@sveltejs/kit';
import { actorName } from '$schemas/access.ts';
import { getContext } from '$lib/server/context';
import { problem, readBody } from '$lib/server/plans/http';
import { addPlanEvent, publishPlanUpdate } from '$lib/server/plans/service';
import { planEventSchema } from '$lib/server/plans/validate';

/** Appends one event to the plan's action log → 201 {event}; every client hears 'plans:update:v1'. */
export const POST: RequestHandler = async ({ params, request, locals }) => {
  const body = await readBody(request, planEventSchema);
  if (!body.ok) return body.response;
  const ctx = await getContext();
  const out = await addPlanEvent(ctx.db, params.id ?? '', body.value, actorName(locals.principal));
  if (!out.ok) return problem(out.status, out.error, out.issues);
  await publishPlanUpdate(ctx.redis, ctx.config.VOC_STREAM, out.value);
  return json({ event: out.value.event, plan: out.value.plan }, { status: 201 });
};
