import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ServerContext } from './context.ts';
import { oldestWaitingAt, readGroups } from '../../../streaming/ingest/groups.ts';

const KEY = Symbol.for('voc-pulse.web-metrics');

function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'voc_web_' });
  const gauge = (name: string, help: string) => new Gauge({ name, help, registers: [registry] });
  return {
    registry,
    ingestAccepted: new Counter({ name: 'voc_ingest_accepted_total', help: 'items accepted by POST /api/feedback', registers: [registry] }),
    ingestRejected: new Counter({ name: 'voc_ingest_rejected_total', help: 'items rejected by POST /api/feedback', registers: [registry] }),
    pushes: new Counter({ name: 'voc_push_updates_total', help: 'live updates pushed to wall clients', registers: [registry] }),
    insightsComputed: new Counter({ name: 'voc_insights_computed_total', help: 'insight lists computed by this node (one node computes, the others adopt)', registers: [registry] }),
    impactComputed: new Counter({ name: 'voc_impact_computed_total', help: 'recomputations of the impact of launches by this node (one node computes, the others adopt)', registers: [registry] }),
    clients: gauge('voc_socket_clients', 'connected Socket.IO clients on this node'),
    refreshSeconds: new Histogram({
      name: 'voc_live_refresh_seconds',
      help: 'time to refresh the live picture from ClickHouse',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry]
    }),
    streamLength: gauge('voc_stream_length', 'entries in the feedback stream'),
    dlqLength: gauge('voc_dlq_length', 'entries in the dead-letter stream'),
    lag: gauge('voc_consumer_lag', 'entries not yet delivered to the processors'),
    pending: gauge('voc_consumer_pending', 'entries delivered to processors and not yet acknowledged'),
    // Totals across all processors, which count them in Redis (each processor also serves its own /metrics).
    received: gauge('voc_pipeline_received_total', 'stream entries read by all processors'),
    stored: gauge('voc_pipeline_stored_total', 'messages stored by all processors'),
    deadLettered: gauge('voc_pipeline_dead_lettered_total', 'entries dead-lettered by all processors'),
    duplicates: gauge('voc_pipeline_duplicates_total', 'duplicate ids dropped by all processors')
  };
}

export function webMetrics(): ReturnType<typeof create> {
  const g = globalThis as { [KEY]?: ReturnType<typeof create> };
  return (g[KEY] ??= create());
}

/** Entries of the stream not yet stored: never delivered (lag) plus delivered but unacknowledged (pending). */
export async function streamBacklog({ redis, config }: ServerContext): Promise<{ backlog: number; oldestWaitingAt: number | null }> {
  const group = (await readGroups(redis, config.VOC_STREAM)).find((g) => g.name === config.VOC_GROUP);
  // No group yet: no processor has ever run, so everything in the stream waits.
  const backlog = group ? (group.lag ?? 0) + group.pending : await redis.xlen(config.VOC_STREAM);
  return { backlog, oldestWaitingAt: backlog > 0 ? await oldestWaitingAt(redis, config.VOC_STREAM, group) : null };
}

export async function refreshStreamGauges({ redis, config }: ServerContext): Promise<void> {
  const m = webMetrics();
  const [len, dlq, counters, groups] = await Promise.all([
    redis.xlen(config.VOC_STREAM),
    redis.xlen(config.VOC_DLQ),
    redis.hgetall(`${config.VOC_STREAM}:counters`),
    readGroups(redis, config.VOC_STREAM)
  ]);
  m.streamLength.set(len);
  m.dlqLength.set(dlq);
  m.received.set(Number(counters.received ?? 0));
  m.stored.set(Number(counters.stored ?? 0));
  m.deadLettered.set(Number(counters.dead_lettered ?? 0));
  m.duplicates.set(Number(counters.duplicates ?? 0));
  const group = groups.find((g) => g.name === config.VOC_GROUP);
  if (group) {
    m.pending.set(group.pending);
    if (group.lag !== null) m.lag.set(group.lag);
  }
}
