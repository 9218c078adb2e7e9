import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Processor metrics in Prometheus text format; one registry per processor so tests can run several. */
export function createProcessorMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'voc_processor_' });
  return {
    registry,
    received: new Counter({ name: 'voc_received_total', help: 'stream entries read', registers: [registry] }),
    stored: new Counter({ name: 'voc_stored_total', help: 'messages inserted into ClickHouse', registers: [registry] }),
    deadLettered: new Counter({ name: 'voc_dead_lettered_total', help: 'entries sent to the dead-letter stream', registers: [registry] }),
    duplicates: new Counter({ name: 'voc_duplicates_total', help: 'entries dropped because their id was already stored', registers: [registry] }),
    batchSeconds: new Histogram({
      name: 'voc_batch_store_seconds',
      help: 'time to store and acknowledge one batch',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry]
    }),
    lag: new Gauge({ name: 'voc_consumer_lag', help: 'entries in the stream not yet delivered to the group', registers: [registry] }),
    pending: new Gauge({ name: 'voc_consumer_pending', help: 'entries delivered to the group but not yet acknowledged', registers: [registry] }),
    inFlight: new Gauge({ name: 'voc_in_flight', help: 'entries read by this processor and not yet acknowledged', registers: [registry] })
  };
}

export type ProcessorMetrics = ReturnType<typeof createProcessorMetrics>;
