/**
 * Runs the project's detector, unchanged and strictly online, over every CSV (timestamp,value) under
 * a data folder and writes timestamp,value,anomaly_score to the same relative path under --out,
 * ready for NAB scoring (../shared/tools/nab-score.mjs).
 *
 *   npm run --silent eval:anomaly -- --data ../shared/data/anomaly/nab/data --out /tmp/voc-nab
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { readCsvRecords } from './lib/csv.ts';
import { createDetector } from '../streaming/analyse/detect/index.ts';
import { option } from './lib/args.ts';


function listCsv(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return listCsv(p);
    return name.toLowerCase().endsWith('.csv') ? [p] : [];
  });
}

/** NAB timestamps carry no zone; read them as UTC so daily phase is stable across machines. */
function parseTime(s: string): number {
  const iso = s.trim().replace(' ', 'T');
  return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : iso + 'Z');
}

const data = option('data');
const out = option('out');
if (!data || !out) {
  console.error('usage: eval-anomaly --data <folder of CSVs> --out <results folder>');
  process.exit(2);
}

const files = listCsv(data);
const started = performance.now();
let points = 0;
for (const [i, file] of files.entries()) {
  const rel = relative(data, file);
  const rows = readCsvRecords(file);
  const det = createDetector();
  const lines = ['timestamp,value,anomaly_score'];
  for (const row of rows) {
    const r = det.update(parseTime(row.timestamp), Number(row.value));
    lines.push(`${row.timestamp},${row.value},${r.score}`);
  }
  points += rows.length;
  const dest = join(out, rel);
  mkdirSync(dirname(dest), { recursive: true });
  writeFileSync(dest, lines.join('\n') + '\n');
  console.error(`[${i + 1}/${files.length}] ${rel}: ${rows.length} rows`);
}
const ms = performance.now() - started;
console.error(`${files.length} series, ${points} points in ${(ms / 1000).toFixed(1)} s`);
