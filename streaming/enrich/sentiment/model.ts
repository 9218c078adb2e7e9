import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_EN_OPTIONS, type EnFeatureOptions } from './features-en.ts';
import { DEFAULT_ZH_OPTIONS, type ZhFeatureOptions } from './features-zh.ts';
import type { LinearWeights } from './logistic.ts';

/**
 * The model on disk: manifest.json (version, hash sizes, biases, feature options, credits), one raw
 * little-endian Float32 weight file per language, and the English lexicon. Feature options live in the
 * manifest so the scorer always extracts features exactly as the trainer did.
 */

export interface LangModel<O> extends LinearWeights {
  bits: number;
  options: O;
}

export interface SentimentModel {
  version: string;
  zh: LangModel<ZhFeatureOptions>;
  en: LangModel<EnFeatureOptions> & { lexicon: Map<string, number> };
}

interface Manifest {
  version: string;
  credits: string;
  zh: { bits: number; bias: number; options: ZhFeatureOptions; weights: string };
  en: { bits: number; bias: number; options: EnFeatureOptions; weights: string; lexicon: string };
}

export const LEXICON_CREDIT =
  'English valence lexicon from VADER (C.J. Hutto & E. Gilbert, ICWSM 2014; MIT licence), read from the ' +
  'vader-sentiment npm package (vaderSentiment-js, Copyright 2018 Comcast Cable Communications Management, LLC, Apache-2.0).';

export function loadModel(dir: string): SentimentModel {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  // A manifest from older code lacks newer options; reading them as undefined would silently switch
  // features off, so refuse instead.
  requireKeys(manifest.zh.options, DEFAULT_ZH_OPTIONS, dir);
  requireKeys(manifest.en.options, DEFAULT_EN_OPTIONS, dir);
  const lexicon = new Map<string, number>(Object.entries(JSON.parse(readFileSync(join(dir, manifest.en.lexicon), 'utf8'))));
  return {
    version: manifest.version,
    zh: { ...manifest.zh, weights: readWeights(join(dir, manifest.zh.weights), manifest.zh.bits) },
    en: { ...manifest.en, weights: readWeights(join(dir, manifest.en.weights), manifest.en.bits), lexicon }
  };
}

export function saveModel(dir: string, model: SentimentModel): void {
  mkdirSync(dir, { recursive: true });
  const manifest: Manifest = {
    version: model.version,
    credits: LEXICON_CREDIT,
    zh: { bits: model.zh.bits, bias: model.zh.bias, options: model.zh.options, weights: 'zh.f32' },
    en: { bits: model.en.bits, bias: model.en.bias, options: model.en.options, weights: 'en.f32', lexicon: 'en-lexicon.json' }
  };
  writeFileSync(join(dir, 'zh.f32'), new Uint8Array(model.zh.weights.buffer, model.zh.weights.byteOffset, model.zh.weights.byteLength));
  writeFileSync(join(dir, 'en.f32'), new Uint8Array(model.en.weights.buffer, model.en.weights.byteOffset, model.en.weights.byteLength));
  writeFileSync(join(dir, 'en-lexicon.json'), JSON.stringify(Object.fromEntries([...model.en.lexicon].sort())));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
}

function readWeights(path: string, bits: number): Float32Array {
  const buf = readFileSync(path);
  if (buf.byteLength !== 4 << bits) throw new Error(`${path}: expected ${4 << bits} bytes, got ${buf.byteLength}`);
  // Copy into an aligned buffer: Node's pooled Buffers may start at an offset that Float32Array rejects.
  const out = new Float32Array(1 << bits);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

function requireKeys(options: object, defaults: object, dir: string): void {
  const missing = Object.keys(defaults).filter((k) => !(k in options));
  if (missing.length > 0) throw new Error(`sentiment model in ${dir} lacks options ${missing.join(', ')}: retrain`);
}
