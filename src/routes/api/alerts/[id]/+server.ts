import { json, type RequestHandler } from '@sveltejs/kit';
import { alertsHub } from '$lib/server/alerts-hub';
import { getContext } from '$lib/server/context';
import { asOf } from '$lib/alerts/inbox';
import { mergeSeries, seriesWindow } from '$lib/alerts/series';
import { alertEvents, alertReadings, findAlert, sliceSeries } from '../../../../../streaming/store/alerts.ts';
import { metricOf } from '../../../../../schemas/alerts.ts';

/** Drill-down: the alert, its lifecycle log, and its headline slice minute by minute with the expected band. */
export const GET: RequestHandler = async ({ params }) => {
  const { db } = await getContext();
  const id = params.id ?? '';
  const now = Date.now();
  const found = (await alertsHub()?.get(id)) ?? (await findAlert(db, id));
  if (!found) return json({ error: `no alert ${id}` }, { status: 404 });
  const alert = asOf(found, now);
  const { from, to } = seriesWindow(alert, now);
  const [observed, readings, events] = await Promise.all([
    sliceSeries(db, alert.slice, from, to, metricOf(alert)), alertReadings(db, alert.id, alert.slice), alertEvents(db, [alert.id])
  ]);
  return json({ serverTime: now, alert, events, series: { slice: alert.slice, from, to, points: mergeSeries(from, to, observed, readings) } });
};
