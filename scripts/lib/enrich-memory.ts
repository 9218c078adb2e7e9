/**
 * Memory of an enricher as a processor holds it: a fresh process that loads every model, enriches a
 * stream of real messages (filling the near-duplicate index as a long-running processor would) and
 * reports its resident set. Run in a child so the eval's own data, peers and results do not count.
 *
 *   tsx scripts/lib/enrich-memory.ts <texts.json> → one JSON line {rssMb, heapMb, messages}
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface MemoryRow {
  section: 'memory';
  rssMb: number;
  heapMb: number;
  messages: number;
  note: string;
}

/** Spawns the child with the same loader flags (tsx) as this process. */
export function evalEnricherMemory(texts: readonly string[]): MemoryRow[] {
  const dir = mkdtempSync(join(tmpdir(), 'voc-mem-'));
  try {
    const input = join(dir, 'texts.json');
    writeFileSync(input, JSON.stringify(texts));
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), input], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`memory child failed: ${child.stderr}`);
    const m = JSON.parse(child.stdout.trim().split('\n').pop()!) as { rssMb: number; heapMb: number; messages: number };
    return [{ section: 'memory', ...m, note: 'fresh process: all enrichment models loaded, messages enriched once each' }];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function child(input: string) {
  const { createEnricher } = await import('../../streaming/enrich/index.ts');
  const { loadSentimentModel } = await import('../../streaming/enrich/sentiment/index.ts');
  const { feedbackFromText } = await import('./feedback-doc.ts');
  loadSentimentModel();
  const texts = JSON.parse(readFileSync(input, 'utf8')) as string[];
  const enrich = createEnricher();
  let i = 0;
  for (const t of texts) enrich(feedbackFromText(t, `m-${i}`, 1_763_900_000_000 + i++ * 1000));
  // Collect garbage if exposed, so the figure is what the process keeps, not what it has yet to free.
  (globalThis as { gc?: () => void }).gc?.();
  const mem = process.memoryUsage();
  console.log(JSON.stringify({ rssMb: Math.round(mem.rss / 1e6), heapMb: Math.round(mem.heapUsed / 1e6), messages: texts.length }));
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) await child(process.argv[2]);
