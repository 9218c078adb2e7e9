import { json, type RequestHandler } from '@sveltejs/kit';
import { alertsHub } from '$lib/server/alerts-hub';
import { getContext } from '$lib/server/context';
import { sortAlerts } from '$lib/alerts/inbox';
import { currentAlerts } from '../../../../streaming/store/alerts.ts';

/** The alert inbox: every alert not resolved, and those resolved in the last day; most severe, newest first. */
export const GET: RequestHandler = async () => {
  const hub = alertsHub();
  if (hub) return json(hub.snapshot());
  const { db } = await getContext();
  const now = Date.now();
  return json({ serverTime: now, alerts: sortAlerts(await currentAlerts(db, now - 30 * 86_400_000, now - 86_400_000)) });
};
