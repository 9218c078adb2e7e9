import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getContext } from '$lib/server/context';
import { getImpact } from '$lib/server/impact';
import { buildReport, isReportPeriod, reportPlans } from '$lib/server/impact/report';
import { listPlans } from '$lib/server/plans/store';
import { pickLang } from '$lib/i18n/index';
import { sql } from '$streaming/store/sql';
import { launchState } from '../plans/labels';

// Rendered on the server so that printing (and the PDF) never waits for scripts or sockets.
export const load: PageServerLoad = async ({ url, request }) => {
  const period = url.searchParams.get('period') ?? 'week';
  if (!isReportPeriod(period)) error(400, 'period must be week, month or quarter');
  const languages = (request.headers.get('accept-language') ?? '').split(',').map((s) => s.split(';')[0].trim());
  const ctx = await getContext();
  const impact = await getImpact();
  const now = Date.now();
  const [report, firstData, scheduled] = await Promise.all([
    buildReport({ db: ctx.db, launches: () => impact.list(), plans: () => reportPlans(ctx.db) }, period, now),
    firstMinute(),
    scheduledPlans()
  ]);
  return { report, firstData, scheduled, lang: pickLang(url.searchParams.get('lang'), languages) };

  /**
   * The oldest stored minute: a "+97 %" against a period before that only partly holds data (an
   * installation a week and a half old) compares a week with half a week, so the page says so instead.
   */
  async function firstMinute(): Promise<number | null> {
    const [r] = await ctx.db.query<{ n: number | string; first: number | string }>(sql`
      SELECT count() AS n, toUnixTimestamp(min(minute)) AS first FROM feedback_minute`);
    return Number(r?.n ?? 0) > 0 ? Number(r.first) * 1000 : null;
  }

  /** Plans whose status is "launched" but whose launch is still to come: id → when it goes live. */
  async function scheduledPlans(): Promise<Record<string, number>> {
    try {
      const out: Record<string, number> = {};
      for (const p of await listPlans(ctx.db)) {
        const state = p.status === 'launched' ? launchState(p.launches, now) : null;
        if (state && !state.live) out[p.id] = state.at;
      }
      return out;
    } catch {
      // no plans in this installation: the report says so in its own section
      return {};
    }
  }
};
