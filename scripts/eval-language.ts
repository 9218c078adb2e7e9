/**
 * Accuracy and speed of language detection on labelled CSVs: files named zh_* are Chinese, en_* English.
 * Prints one JSON line per file.
 *
 *   npx tsx scripts/eval-language.ts ../shared/data/sentiment
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readCsvRecords } from './lib/csv.ts';
import { detectLanguage } from '../streaming/enrich/language.ts';
import type { Lang } from '../schemas/feedback.ts';

export interface LanguageEvalRow {
  file: string;
  n: number;
  accuracy: number;
  docsPerSec: number;
}

export function evalLanguage(folder: string, opts: { showErrors?: number } = {}): LanguageEvalRow[] {
  const rows: LanguageEvalRow[] = [];
  for (const file of readdirSync(folder).sort()) {
    const expected = /^(zh|en)_.*\.csv$/i.exec(file)?.[1].toLowerCase() as Lang | undefined;
    if (!expected) continue;
    const texts = readCsvRecords(join(folder, file)).map((r) => r.text ?? '');
    texts.forEach(detectLanguage); // warm-up: report the steady-state speed of a long-running processor
    const started = performance.now();
    const got = texts.map(detectLanguage);
    const secs = (performance.now() - started) / 1000;
    let correct = 0;
    let shown = 0;
    for (let i = 0; i < texts.length; i++) {
      if (got[i] === expected) correct++;
      else if (shown++ < (opts.showErrors ?? 0)) console.error(`${file}: ${got[i]} ← ${texts[i].slice(0, 160)}`);
    }
    rows.push({
      file,
      n: texts.length,
      accuracy: Number((correct / Math.max(1, texts.length)).toFixed(4)),
      docsPerSec: Math.round(texts.length / Math.max(secs, 1e-9))
    });
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const folder = process.argv[2];
  if (!folder) {
    console.error('usage: eval-language <folder of zh_*.csv / en_*.csv> [--errors N]');
    process.exit(2);
  }
  const i = process.argv.indexOf('--errors');
  for (const row of evalLanguage(folder, { showErrors: i > 0 ? Number(process.argv[i + 1]) : 0 })) {
    console.log(JSON.stringify(row));
  }
}
