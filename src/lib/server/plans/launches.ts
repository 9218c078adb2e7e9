import type { Launch } from '../../../../schemas/plans.ts';
import type { Db } from '../../../../streaming/store/db.ts';
import { sql } from '../../../../streaming/store/sql.ts';
import { foldPlan } from './fold.ts';
import { allPlanEvents } from './store.ts';

/**
 * Every launch of every plan, newest launch time first, with the plan's current title and topics (the
 * impact view measures what the plan is about now). A plan piloted and then rolled out has two.
 */
export async function listLaunches(db: Db): Promise<Launch[]> {
  const launched = await db.query<{ plan_id: string }>(sql`SELECT DISTINCT plan_id FROM plan_events WHERE type = 'launch'`);
  if (launched.length === 0) return [];
  const byPlan = await allPlanEvents(
    db,
    launched.map((r) => r.plan_id)
  );
  const out: Launch[] = [];
  for (const events of byPlan.values()) {
    const plan = foldPlan(events);
    if (!plan) continue;
    for (const l of plan.launches)
      out.push({ planId: plan.id, planTitle: plan.title, at: l.at, scope: l.scope, topics: [...plan.topics], actor: l.actor, recordedAt: l.recordedAt });
  }
  return out.sort((a, b) => b.at - a.at || b.recordedAt - a.recordedAt || (a.planId < b.planId ? -1 : 1));
}
