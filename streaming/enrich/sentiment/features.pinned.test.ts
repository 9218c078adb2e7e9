import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../scripts/lib/csv.ts';
import type { Tokens } from '../tokens.ts';
import { tokenize } from '../tokens.ts';
import { extractFeatures } from './features.ts';
import { MODEL_DIR } from './index.ts';
import { loadModel } from './model.ts';
import { FeatureVector } from './vector.ts';

/**
 * Pins the sentiment feature vectors, bit for bit, on a few hundred real rows of the dev data: speed work
 * on the extractors must not change what the trained model sees. The rows are read from the shared data
 * (never copied into the repo; the pin file holds only digests), so the test is skipped where that
 * folder is absent.
 *
 * English tokens come from a fixed toy tokenizer (split on non-letters, crude suffix-stripped "lemmas")
 * so the pin holds the extractor alone, whatever the pipeline's tokenizer does. Chinese tokens come from
 * the pipeline's jieba tokenizer, which also pins that tokenization.
 *
 * A deliberate feature change (new options, lexicon) needs a retrain anyway; regenerate the pins with
 *   PIN_FEATURES=update npx vitest run streaming/enrich/sentiment/features.pinned.test.ts
 */

const HERE = dirname(fileURLToPath(import.meta.url));
const PIN_FILE = join(HERE, 'features.pinned.json');
const DATA_DIR = [process.env.SENTIMENT_DATA, join(HERE, '../../../../shared/data/sentiment'), '/work/shared/data/sentiment'].find(
  (d) => d && existsSync(join(d, 'en_amazon.dev.csv'))
);
const FILES = ['en_amazon', 'en_movies', 'en_tweets', 'zh_hotel', 'zh_shopping10', 'zh_waimai'];
const PER_FILE = 60;

function toyEnglishTokens(text: string): Tokens {
  const words = text.toLowerCase().split(/[^a-z']+/).filter((w) => w.length > 0);
  const lemmas = words.map((w) => (w.length > 4 && w.endsWith('ed') ? w.slice(0, -2) : w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w));
  return { words, lemmas };
}

function digest(v: FeatureVector): string {
  const h = createHash('sha1');
  h.update(new Uint8Array(v.idx.buffer, 0, v.n * 4));
  h.update(new Uint8Array(v.val.buffer, 0, v.n * 4));
  h.update(String(v.offset));
  return h.digest('hex').slice(0, 16);
}

function rowsOf(file: string): string[] {
  const [header, ...body] = parseCsv(readFileSync(join(DATA_DIR!, `${file}.dev.csv`), 'utf8'));
  const ti = header.findIndex((h) => h.trim() === 'text');
  // Every k-th row, so long and short, early and late rows are all represented.
  const texts = body.map((r) => r[ti] ?? '').filter((t) => t.trim() !== '');
  const step = Math.max(1, Math.floor(texts.length / PER_FILE));
  return Array.from({ length: PER_FILE }, (_, i) => texts[i * step]).filter((t) => t !== undefined);
}

describe.skipIf(!DATA_DIR)('sentiment features are pinned on real rows', () => {
  it('extracts the same feature vectors as when the pins were made', () => {
    const model = loadModel(MODEL_DIR);
    const vec = new FeatureVector(Math.max(model.zh.bits, model.en.bits));
    const got: Record<string, string[]> = {};
    for (const file of FILES) {
      const which = file.startsWith('zh') ? 'zh' : 'en';
      got[file] = rowsOf(file).map((text) => {
        const tokens = which === 'en' ? toyEnglishTokens(text) : tokenize(text, 'zh');
        extractFeatures(text, which, tokens, model, vec);
        return digest(vec);
      });
    }
    if (process.env.PIN_FEATURES === 'update') writeFileSync(PIN_FILE, JSON.stringify(got, null, 1) + '\n');
    const pinned = JSON.parse(readFileSync(PIN_FILE, 'utf8')) as Record<string, string[]>;
    for (const file of FILES) {
      expect(got[file].length).toBe(PER_FILE);
      expect(got[file], file).toEqual(pinned[file]);
    }
  });
});
