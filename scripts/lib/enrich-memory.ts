/**
 * Memory of an enricher as a processor holds it: a fresh process that loads every model, enriches a
 * stream of real messages (filling the near-duplicate index as a long-running processor would) and
 * reports its resident set. Run in a child so the eval's own data, peers and results do not count.
 *
 *   tsx scripts/lib/enrich-memory.ts <texts.json> → one JSON line {rssMb, heapMb, messages}
 */
import { childDocs, runOnTexts } from './text-child.ts';

export interface MemoryRow {
  section: 'memory';
  rssMb: number;
  heapMb: number;
  messages: number;
  note: string;
}

export function evalEnricherMemory(texts: readonly string[]): MemoryRow[] {
  const m = runOnTexts<{ rssMb: number; heapMb: number; messages: number }>(import.meta.url, texts, 'memory');
  return [{ section: 'memory', ...m, note: 'fresh process: all enrichment models loaded, messages enriched once each' }];
}

async function child(input: string) {
  const { createEnricher, docs } = await childDocs(input, 'm');
  const enrich = createEnricher();
  for (const d of docs) enrich(d);
  // Collect garbage if exposed, so the figure is what the process keeps, not what it has yet to free.
  (globalThis as { gc?: () => void }).gc?.();
  const mem = process.memoryUsage();
  console.log(JSON.stringify({ rssMb: Math.round(mem.rss / 1e6), heapMb: Math.round(mem.heapUsed / 1e6), messages: docs.length }));
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) await child(process.argv[2]);
