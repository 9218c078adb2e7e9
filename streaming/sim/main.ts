import { Redis } from 'ioredis';
import type { FeedbackInput } from '../../schemas/feedback.ts';
import { loadConfig } from '../config.ts';
import { parseArgs, USAGE } from './args.ts';
import { createGenerator, type Generator } from './generator.ts';
import { incidentStrength } from './scenarios.ts';

/**
 * Runner: writes the simulated feed into the raw feedback stream with XADD, one field `data` holding the
 * JSON document. No MAXLEN: the processors own trimming. Pipelines of ≤500 keep a round trip per batch,
 * and awaiting each tick's writes before the next is the backpressure if Redis falls behind.
 */

const TICK_MS = 100;
const BATCH = 500;
const REPORT_MS = 10_000;
// Backfill covers history in event-time slices; a minute at 5,000/s is ~600 k documents at the peak,
// so slices stay small enough to keep memory flat.
const BACKFILL_SLICE_MS = 10_000;

const config = loadConfig();
const startedAt = Date.now();
let args;
try {
  args = parseArgs(process.argv.slice(2), startedAt);
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(2);
}
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const { rate, seed, durationS, backfillHours, backfillFullHours, incidents, flat } = args;
const backfillRate = args.backfillRate ?? rate;

const say = (o: object) => process.stdout.write(`${JSON.stringify({ ts: new Date().toISOString(), ...o })}\n`);
const redis = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 20 });
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => (stopping = true));

async function write(docs: FeedbackInput[]): Promise<void> {
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < docs.length; i += BATCH) {
    const pipe = redis.pipeline();
    for (const doc of docs.slice(i, i + BATCH)) pipe.xadd(config.VOC_STREAM, '*', 'data', JSON.stringify(doc));
    pending.push(
      pipe.exec().then((results) => {
        const failed = results?.find(([err]) => err);
        if (failed) throw failed[0];
      })
    );
  }
  await Promise.all(pending);
}

async function backfill(gen: Generator, from: number, to: number): Promise<number> {
  let sent = 0;
  for (let t = from; t < to && !stopping; t += BACKFILL_SLICE_MS) {
    const full = t >= to - backfillFullHours * 3_600_000;
    const docs = gen.advance(Math.min(to, t + BACKFILL_SLICE_MS), full ? rate : backfillRate);
    await write(docs);
    sent += docs.length;
  }
  return sent;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  await redis.connect();
  const backfillFrom = startedAt - backfillHours * 3_600_000;
  const gen = createGenerator({ seed, now: backfillFrom, incidents, rhythm: !flat });
  say({
    event: 'start',
    stream: config.VOC_STREAM,
    seed,
    rate,
    flat,
    duration_s: Number.isFinite(durationS) ? durationS : null,
    backfill_hours: backfillHours,
    incidents: incidents.map((i) => ({ id: i.id, scenario: i.scenario, slice: i.slice, start: new Date(i.start).toISOString(), fix: new Date(i.end).toISOString() }))
  });
  if (backfillHours > 0) {
    const t0 = Date.now();
    const n = await backfill(gen, backfillFrom, startedAt);
    say({ event: 'backfill', sent: n, seconds: (Date.now() - t0) / 1000 });
  }

  const liveStart = Date.now();
  const end = liveStart + durationS * 1000;
  let sent = 0;
  let lastReport = liveStart;
  let sentAtReport = 0;
  while (!stopping) {
    const tickStart = Date.now();
    const until = Math.min(tickStart, end);
    const docs = gen.advance(until, rate);
    await write(docs);
    sent += docs.length;
    if (tickStart - lastReport >= REPORT_MS) {
      const active = incidents.filter((i) => incidentStrength(i, tickStart) > 0).map((i) => i.id);
      say({ sent, rate: Math.round(((sent - sentAtReport) * 1000) / (tickStart - lastReport)), target_avg: rate, incidents: active });
      lastReport = tickStart;
      sentAtReport = sent;
    }
    if (until >= end) break;
    await sleep(Math.max(0, TICK_MS - (Date.now() - tickStart)));
  }
  say({ event: 'stop', sent, seconds: (Date.now() - liveStart) / 1000 });
  await redis.quit();
}

main().catch((err) => {
  process.stderr.write(`simulator failed: ${(err as Error).stack ?? err}\n`);
  redis.disconnect();
  process.exit(1);
});
