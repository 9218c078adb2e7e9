import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getContext } from '$lib/server/context';
import { getImpact } from '$lib/server/impact';
import { buildReport, isReportPeriod, reportPlans } from '$lib/server/impact/report';
import { pickLang } from '$lib/i18n/index';

// Rendered on the server so that printing (and the PDF) never waits for scripts or sockets.
export const load: PageServerLoad = async ({ url, request }) => {
  const period = url.searchParams.get('period') ?? 'week';
  if (!isReportPeriod(period)) error(400, 'period must be week, month or quarter');
  const languages = (request.headers.get('accept-language') ?? '').split(',').map((s) => s.split(';')[0].trim());
  const ctx = await getContext();
  const impact = await getImpact();
  const report = await buildReport({ db: ctx.db, launches: () => impact.list(), plans: (now) => reportPlans(ctx.db, now) }, period, Date.now());
  return { report, lang: pickLang(url.searchParams.get('lang'), languages) };
};
