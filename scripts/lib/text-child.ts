import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
