/**
 * Measures sentiment polarity accuracy and speed on every labelled CSV in a folder.
 *
 *   npm run --silent eval:sentiment -- /path/to/data/sentiment
 *
 * stdout: one JSON line per (file, method) — {"file","method","n","accuracy","docsPerSec", …}; progress
 * and notes go to stderr. Accuracy is the binary decision "positive iff score > 0" on polar items (a score
 * of exactly 0 counts as wrong). Methods:
 *   voc-pulse     the shipped model. It was trained on these dev files, so this is training fit; the
 *   voc-pulse-cv  line next to it is the 5-fold cross-validation figure saved by the trainer — quote that.
 *   wink-nlp, afinn, vader — English-only peers as shipped; they are not run on Chinese files.
 * Each section is an exported function returning rows, so other measurements (language detection,
 * topics, full enrichment speed) can be added as further sections of the same report.
 */
import { createRequire } from 'node:module';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from './lib/csv.ts';
import { tokenize, type Tokens } from '../streaming/enrich/tokens.ts';
import { MODEL_DIR, SENTIMENT_MODEL_VERSION, loadSentimentModel, scoreSentiment } from '../streaming/enrich/sentiment/index.ts';
import { detectFormat, fileLang, polarRows, type LabelledText } from '../streaming/enrich/sentiment/dataset.ts';
import type { Lang } from '../schemas/feedback.ts';
import { evalEnrichmentSpeed } from './lib/enrich-speed.ts';
import { evalEnricherMemory } from './lib/enrich-memory.ts';
import { evalLanguage } from './eval-language.ts';
import { evalTopics } from './eval-topics.ts';
import { loadOutsideSentiment } from './lib/outside-sentiment.ts';

export interface EvalFile {
  name: string;
  lang: Lang;
  rows: LabelledText[];
}

export interface EvalRow {
  file: string;
  method: string;
  n: number;
  accuracy: number;
  docsPerSec: number | null;
  [extra: string]: unknown;
}

export function loadEvalFiles(dir: string): EvalFile[] {
  const files: EvalFile[] = [];
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.csv')).sort()) {
    const [header, ...body] = parseCsv(readFileSync(join(dir, name), 'utf8'));
    const format = detectFormat(header ?? []);
    if (!format) {
      console.error(`skip ${name}: header ${JSON.stringify(header)} is none of label,text / rating,text / category,label,text`);
      continue;
    }
    const records = body.map((r) => Object.fromEntries(header.map((h, j) => [h.trim(), r[j] ?? ''])));
    const rows = polarRows(records, format);
    files.push({ name, lang: fileLang(name, rows), rows });
  }
  return files;
}

/** Our model: accuracy with the shipped weights, plus speed with and without tokenisation. */
export function evalVocPulse(files: readonly EvalFile[]): EvalRow[] {
  loadSentimentModel();
  const out: EvalRow[] = [];
  for (const f of files) {
    const t0 = performance.now();
    const tokens: Tokens[] = f.rows.map((r) => tokenize(r.text, f.lang));
    const tokenizeMs = performance.now() - t0;
    let correct = 0;
    for (let i = 0; i < f.rows.length; i++) {
      if ((scoreSentiment(f.rows[i].text, f.lang, tokens[i]).score > 0 ? 1 : 0) === f.rows[i].label) correct++;
    }
    const scoreMs = timePerPass(() => {
      for (let i = 0; i < f.rows.length; i++) scoreSentiment(f.rows[i].text, f.lang, tokens[i]);
    });
    out.push({
      file: f.name,
      method: 'voc-pulse',
      n: f.rows.length,
      accuracy: round(correct / f.rows.length),
      docsPerSec: Math.round(f.rows.length / ((tokenizeMs + scoreMs) / 1000)),
      scoreOnlyDocsPerSec: Math.round(f.rows.length / (scoreMs / 1000)),
      model: SENTIMENT_MODEL_VERSION,
      note: 'training fit: the shipped model was trained on this file; see voc-pulse-cv'
    });
  }
  return out;
}

/** The trainer's 5-fold cross-validation accuracy (saved next to the model): the generalisation figure. */
export function cvRows(files: readonly EvalFile[]): EvalRow[] {
  const path = join(MODEL_DIR, 'cv.json');
  if (!existsSync(path)) return [];
  const saved = JSON.parse(readFileSync(path, 'utf8')) as { version: string; cv: { file: string; n: number; folds: number; cvAccuracy: number }[] };
  return saved.cv
    .filter((c) => files.some((f) => f.name === c.file))
    .map((c) => ({ file: c.file, method: 'voc-pulse-cv', n: c.n, accuracy: c.cvAccuracy, docsPerSec: null, folds: c.folds, model: saved.version }));
}

type Scorer = (text: string) => number;

/** English peers as shipped, each deciding positive iff its own score > 0. */
export function peerScorers(): Record<string, Scorer> {
  const require = createRequire(import.meta.url);
  const winkNLP = require('wink-nlp');
  const winkModel = require('wink-eng-lite-web-model');
  const nlp = winkNLP(winkModel);
  const Sentiment = require('sentiment');
  const afinn = new Sentiment();
  const vader = require('vader-sentiment');
  return {
    'wink-nlp': (t) => nlp.readDoc(t).out(nlp.its.sentiment) as number,
    afinn: (t) => afinn.analyze(t).score as number,
    vader: (t) => vader.SentimentIntensityAnalyzer.polarity_scores(t).compound as number
  };
}

export function evalPeers(files: readonly EvalFile[], scorers = peerScorers()): EvalRow[] {
  const out: EvalRow[] = [];
  for (const f of files) {
    if (f.lang !== 'en') {
      console.error(`${f.name}: peers skipped (wink-nlp, AFINN and VADER are English-only)`);
      continue;
    }
    for (const [method, score] of Object.entries(scorers)) {
      const t0 = performance.now();
      let correct = 0;
      for (const r of f.rows) if ((score(r.text) > 0 ? 1 : 0) === r.label) correct++;
      const ms = performance.now() - t0;
      out.push({ file: f.name, method, n: f.rows.length, accuracy: round(correct / f.rows.length), docsPerSec: Math.round(f.rows.length / (ms / 1000)) });
    }
  }
  return out;
}

/** Milliseconds per pass, repeating until half a second has passed so short files still time stably. */
function timePerPass(pass: () => void): number {
  pass(); // warm-up: JIT and caches
  let passes = 0;
  const t0 = performance.now();
  do {
    pass();
    passes++;
  } while (performance.now() - t0 < 500);
  return (performance.now() - t0) / passes;
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

async function main() {
  const dir = process.argv.slice(2).find((a) => !a.startsWith('--'));
  if (!dir) throw new Error('usage: eval-sentiment <data-folder>');
  const files = loadEvalFiles(dir);
  const peers = peerScorers();
  const sections: [string, () => object[]][] = [
    ['voc-pulse', () => evalVocPulse(files)],
    ['voc-pulse-cv', () => cvRows(files)],
    ['peers', () => evalPeers(files, peers)],
    // Review sentences from other sources, never trained on: the model and the peers side by side.
    ['outside sources', () => {
      const outside: EvalFile[] = loadOutsideSentiment().map((o) => ({ name: o.name, lang: 'en', rows: o.rows }));
      return [...evalVocPulse(outside), ...evalPeers(outside, peers)].map((r) => ({ section: 'outside', ...r, note: 'never trained on' }));
    }],
    ['language detection', () => evalLanguage(dir).map((r) => ({ section: 'language', ...r }))],
    ['topics (hand-labelled fixture)', () => evalTopics().map((r) => ({ section: 'topics', ...r }))],
    ['full enrichment speed', () => evalEnrichmentSpeed(files, peers)],
    // A processor's memory, measured in a fresh child (this process also holds the data sets and peers).
    ['memory', () => evalEnricherMemory(files.flatMap((f) => f.rows.map((r) => r.text)).filter((t) => t.length < 200).slice(0, 40_000))],
    ['memory (eval process)', () => [{ section: 'memory', rssMb: Math.round(process.memoryUsage().rss / 1e6), note: 'this eval process: data sets, peers and all models loaded' }]]
  ];
  for (const [name, run] of sections) {
    console.error(`${name}…`);
    for (const row of run()) console.log(JSON.stringify(row));
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) await main();
