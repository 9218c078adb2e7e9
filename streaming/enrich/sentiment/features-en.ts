import type { Tokens } from '../tokens.ts';
import { CLAUSE_BREAK, contrastWeights, tokenBreaks } from './clauses.ts';
import { NS, charHash, combine, hashString } from './hash.ts';
import { idiomScore } from './idioms-en.ts';
import { readEnglish } from './readings-en.ts';
import type { FeatureVector } from './vector.ts';

/**
 * English features: lemma unigrams and bigrams with negation scope marking, the part of a sentence after "but"
 * weighted above the part before it, and a handful of dense lexicon features. The lexicon (VADER's,
 * baked into the model at training time) is what lets the model generalise beyond the ~15k labelled
 * sentences it was trained on: a word never seen in training still carries its human-rated valence.
 */

// Contractions arrive split by wink-nlp ("do" + "n't"); tweets also write them without apostrophes.
export const NEGATORS = new Set([
  'not', "n't", 'no', 'never', 'nothing', 'nobody', 'none', 'neither', 'nor', 'nowhere', 'cannot',
  'without', 'hardly', 'rarely', 'seldom', 'nope', 'aint', 'arent', 'cant', 'couldnt', 'didnt', 'doesnt',
  'dont', 'hadnt', 'hasnt', 'havent', 'isnt', 'shouldnt', 'wasnt', 'werent', 'wont', 'wouldnt'
]);
const CONTRAST = new Set(['but', 'however', 'yet', 'though', 'nevertheless', 'nonetheless']);
const BOOSTERS = new Set([
  'very', 'really', 'so', 'too', 'extremely', 'absolutely', 'totally', 'completely', 'incredibly',
  'highly', 'truly', 'super', 'utterly', 'especially', 'most', 'quite', 'terribly', 'awfully', 'such'
]);
const DAMPENERS = new Set([
  'slightly', 'somewhat', 'kinda', 'kind', 'sort', 'sorta', 'barely', 'little', 'bit', 'fairly', 'partly',
  'marginally', 'occasionally', 'less'
]);

// Dense feature slots: fixed hashes in the same space as the n-grams.
const F_BIAS_LEN = hashString('len', NS.flag);
const F_LEX_SUM = hashString('lex_sum', NS.flag);
const F_LEX_POS = hashString('lex_pos', NS.flag);
const F_LEX_NEG = hashString('lex_neg', NS.flag);
const F_LEX_NONE = hashString('lex_none', NS.flag);
const F_EXCL = hashString('exclaim', NS.flag);
const F_QUESTION = hashString('question', NS.flag);
// Lexicon hits by polarity × negated: lets every "not <negative word>" in training teach the same weight,
// so "not bad", "no problems" and "never disappointed" generalise to negated words never seen negated.
const F_CLASS = [
  hashString('lex_pos_plain', NS.flag),
  hashString('lex_neg_plain', NS.flag),
  hashString('lex_pos_negated', NS.flag),
  hashString('lex_neg_negated', NS.flag)
];
// Opinion-lexicon hits (Hu & Liu's review-mined word lists), by polarity × negated, as F_CLASS.
const F_OPINION = [
  hashString('op_pos_plain', NS.flag),
  hashString('op_neg_plain', NS.flag),
  hashString('op_pos_negated', NS.flag),
  hashString('op_neg_negated', NS.flag)
];
// The polarity classes as pseudo-words for class n-grams.
const OPINION_POS = hashString('<opinion+>', NS.word);
const OPINION_NEG = hashString('<opinion->', NS.word);
// Review constructions the word features read backwards (readings-en.ts), one count each.
const READINGS = [['returns', 'reading_return'], ['unbeatable', 'reading_unbeatable'], ['elsewhere', 'reading_elsewhere'], ['failure', 'reading_failure']] as const;
const F_READINGS = READINGS.map(([, name]) => hashString(name, NS.flag));
/** real-valued features outside the n-gram block (training leaves them out of NB scaling) */
export const DENSE_EN = [F_BIAS_LEN, F_LEX_SUM, F_LEX_POS, F_LEX_NEG, F_LEX_NONE, F_EXCL, F_QUESTION, ...F_CLASS, ...F_OPINION, ...F_READINGS];

export interface EnFeatureOptions {
  /** weight of tokens before the last contrast word ("good food but slow") */
  contrastBefore: number;
  /** weight of tokens after it */
  contrastAfter: number;
  /** VADER's factor for a negated lexicon word: "not good" is mildly negative, not the opposite of good */
  negationScalar: number;
  /** also emit surface-form unigrams (tense and number carry some tone: "loved" vs "love") */
  surface: boolean;
  /** character n-grams inside words: typos, elongations ("sooo"), unseen inflections */
  charGrams: boolean;
  charMinN: number;
  charMaxN: number;
  /** scale of the dense lexicon features relative to the L2-normalised n-gram block */
  lexScale: number;
  /**
   * Margin added by each set phrase in idioms-en.ts (scaled by its contrast weight). It is a rule, not a
   * trained weight: the dev data alone teaches that "not bad" is negative, because it mostly occurs in
   * grudging movie reviews, while in customer feedback it is praise.
   */
  idiomPrior: number;
  /**
   * Scale of the opinion-lexicon features (0 = off): the polarity of words in Hu & Liu's opinion lexicon,
   * mined from product reviews, which VADER (built from social media) often does not rate.
   */
  opinionScale: number;
  /**
   * Weight of class n-grams (0 = off): an opinion word's neighbours paired with its polarity class
   * ("not" + positive word, negative word + "at all"), so what one opinion word teaches its context
   * carries over to the lexicon's other words.
   */
  opinionGrams: number;
  /**
   * Scale of the construction readings (0 = off; readings-en.ts): a returned product, unbeatable praise
   * ("couldn't be easier"), advice to buy elsewhere ("get a better one", "save your money") and a product
   * that worked only for a while ("quit after one day"), each a count capped at 2 with a learned weight.
   */
  readings: number;
}

export const DEFAULT_EN_OPTIONS: EnFeatureOptions = { contrastBefore: 0.5, contrastAfter: 1.5, negationScalar: -0.74, surface: true, charGrams: true, charMinN: 4, charMaxN: 4, lexScale: 2, idiomPrior: 2, opinionScale: 2, opinionGrams: 1, readings: 1 };

const NO_OPINION: ReadonlyMap<string, number> = new Map();

let kinds: Uint8Array = new Uint8Array(256);
let weights: Float32Array = new Float32Array(256);
// Sums by polarity × negated, reset per message (scratch: not two arrays a message).
const classSum = new Float64Array(4);
const opinionSum = new Float64Array(4);

export function extractEnglish(
  text: string,
  tokens: Tokens,
  lexicon: ReadonlyMap<string, number>,
  opts: EnFeatureOptions,
  out: FeatureVector,
  opinion: ReadonlyMap<string, number> = NO_OPINION
): void {
  const { words, lemmas } = tokens;
  const n = words.length;
  kinds = tokenBreaks(text, words, kinds);
  weights = contrastWeights(words, CONTRAST, kinds, opts.contrastBefore, opts.contrastAfter, weights);

  const start = out.n;
  const classGrams = opts.opinionGrams > 0 && opinion.size > 0;
  let negated = false;
  let prev = 0;
  let lexPos = 0;
  let lexNeg = 0;
  let lexHits = 0;
  classSum.fill(0);
  opinionSum.fill(0);
  const useOpinion = opts.opinionScale > 0 && opinion.size > 0;
  for (let i = 0; i < n; i++) {
    const w = words[i];
    const clauseStart = kinds[i] >= CLAUSE_BREAK;
    if (clauseStart) negated = false;
    const weight = weights[i];
    // A booster that modifies the next word ("super slow", "so late") is degree, not praise: VADER and
    // the opinion lexicon also rate some of them on their own ("super" +2.9), which turned complaints positive.
    const modifies = BOOSTERS.has(w) && i + 1 < n && kinds[i + 1] < CLAUSE_BREAK;
    const h = hashString(lemmas[i], NS.word);
    out.push(negated ? combine(h, NS.negated) : h, weight);
    if (opts.surface && w !== lemmas[i]) {
      const hw = hashString(w, NS.surface);
      out.push(negated ? combine(hw, NS.negated) : hw, weight);
    }
    if (opts.charGrams) wordCharGrams(w, negated, weight, opts.charMinN, opts.charMaxN, out);
    if (i > 0 && !clauseStart) out.push(combine(prev, h), weight);
    // The word's opinion polarity, looked up once for the class n-grams and the opinion sums.
    const o = (classGrams || useOpinion) && !modifies ? opinion.get(w) ?? opinion.get(lemmas[i]) : undefined;
    if (classGrams && !modifies) {
      if (o !== undefined) {
        const c = o > 0 ? OPINION_POS : OPINION_NEG;
        const g = weight * opts.opinionGrams;
        out.push(negated ? combine(c, NS.negated) : c, g);
        if (i > 0 && !clauseStart) out.push(combine(prev, c), g);
        if (i + 1 < n && kinds[i + 1] < CLAUSE_BREAK) out.push(combine(c, hashString(lemmas[i + 1], NS.word)), g);
      }
    }
    prev = h;

    const valence = modifies ? undefined : lexicon.get(w) ?? lexicon.get(lemmas[i]);
    if (valence !== undefined) {
      let v = valence;
      const before = i > 0 && !clauseStart ? words[i - 1] : '';
      if (BOOSTERS.has(before)) v *= 1.3;
      else if (DAMPENERS.has(before)) v *= 0.7;
      classSum[(valence > 0 ? 0 : 1) + (negated ? 2 : 0)] += (Math.abs(v) * weight) / 4;
      if (negated) v *= opts.negationScalar;
      v *= weight;
      if (v > 0) lexPos += v;
      else lexNeg -= v;
      lexHits++;
    }
    if (useOpinion && !modifies) {
      if (o !== undefined) opinionSum[(o > 0 ? 0 : 1) + (negated ? 2 : 0)] += weight;
    }
    // A negator's scope runs to the end of its clause or to a contrast word, whichever comes first.
    if (NEGATORS.has(w)) negated = true;
    else if (CONTRAST.has(w)) negated = false;
  }
  const count = out.n - start;
  if (count > 0) out.scale(start, 1 / Math.sqrt(count));
  out.sparse = out.n;

  const sum = lexPos - lexNeg;
  out.offset = opts.idiomPrior * idiomScore(lemmas, kinds, weights);
  out.push(F_LEX_SUM, (sum / Math.sqrt(sum * sum + 15)) * opts.lexScale); // VADER's normalisation to (-1, 1)
  out.push(F_LEX_POS, Math.log1p(lexPos) * opts.lexScale);
  out.push(F_LEX_NEG, Math.log1p(lexNeg) * opts.lexScale);
  if (lexHits === 0) out.push(F_LEX_NONE, 1);
  for (let c = 0; c < 4; c++) if (classSum[c] > 0) out.push(F_CLASS[c], Math.log1p(classSum[c]) * opts.lexScale);
  for (let c = 0; c < 4; c++) if (opinionSum[c] > 0) out.push(F_OPINION[c], Math.log1p(opinionSum[c]) * opts.opinionScale);
  if (opts.readings > 0) {
    const r = readEnglish(words, lemmas, kinds);
    for (let c = 0; c < READINGS.length; c++) {
      const count = r[READINGS[c][0]];
      if (count > 0) out.push(F_READINGS[c], Math.min(count, 2) * opts.readings);
    }
  }
  out.push(F_BIAS_LEN, Math.min(n, 60) / 60);
  let excl = 0;
  let question = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x21) excl++;
    else if (c === 0x3f) question++;
  }
  // Exclamation amplifies whatever the lexicon says, so it enters as an interaction, not on its own.
  if (excl > 0) out.push(F_EXCL, (Math.min(excl, 4) / 4) * (sum / Math.sqrt(sum * sum + 15)));
  if (question > 0) out.push(F_QUESTION, 1);
}

/** n-grams of "#word#" (n = 4 by default), hashed incrementally with no substring allocation. */
function wordCharGrams(w: string, negated: boolean, weight: number, minN: number, maxN: number, out: FeatureVector): void {
  const len = w.length + 2;
  if (len <= minN) return; // short words are already whole-word features
  for (let i = 0; i + minN <= len; i++) {
    // the first character's step from the table: combine(NS.char, c)
    let h = charHash(i === 0 || i === len - 1 ? 0x23 : w.charCodeAt(i - 1));
    if (minN <= 1 && maxN >= 1) out.push(negated ? combine(h, NS.negated) : h, weight * 0.5);
    for (let k = i + 1; k < i + maxN && k < len; k++) {
      const c = k === len - 1 ? 0x23 : w.charCodeAt(k - 1);
      h = combine(h, c);
      if (k - i + 1 >= minN) out.push(negated ? combine(h, NS.negated) : h, weight * 0.5);
    }
  }
}
