import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Runs `script` (a module URL) in a fresh process with this process's loader flags (tsx), handing it
 * `texts` as a JSON file path in argv[2], and returns the last JSON line it prints. The eval measures
 * enrichment speed and memory this way, so its own data sets and peer libraries do not count.
 */
export function runOnTexts<T>(script: string, texts: readonly string[], what: string): T {
  const dir = mkdtempSync(join(tmpdir(), 'voc-child-'));
  try {
    const input = join(dir, 'texts.json');
    writeFileSync(input, JSON.stringify(texts));
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(script), input], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`${what} child failed: ${child.stderr}`);
    return JSON.parse(child.stdout.trim().split('\n').pop()!) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** In such a child: the enrichment with its models loaded, and the texts handed over as feedback documents. */
export async function childDocs(input: string, idPrefix: string) {
  const { createEnricher } = await import('../../streaming/enrich/index.ts');
  const { loadSentimentModel } = await import('../../streaming/enrich/sentiment/index.ts');
  const { feedbackFromText } = await import('./feedback-doc.ts');
  loadSentimentModel();
  const texts = JSON.parse(readFileSync(input, 'utf8')) as string[];
  return { createEnricher, docs: texts.map((text, i) => feedbackFromText(text, `${idPrefix}-${i}`, 1_763_900_000_000 + i * 1000)) };
}
