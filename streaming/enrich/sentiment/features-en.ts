import type { Tokens } from '../tokens.ts';
import { clauseStarts } from './clauses.ts';
import { NS, combine, hashString } from './hash.ts';
import type { FeatureVector } from './vector.ts';

/**
 * English features: lemma unigrams and bigrams with negation scope marking, the clause after "but"
 * weighted above the clause before it, and a handful of dense lexicon features. The lexicon (VADER's,
 * baked into the model at training time) is what lets the model generalise beyond the ~15k labelled
 * sentences it was trained on: a word never seen in training still carries its human-rated valence.
 */

// Contractions arrive split by wink-nlp ("do" + "n't"); tweets also write them without apostrophes.
const NEGATORS = new Set([
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

export interface EnFeatureOptions {
  /** weight of tokens before the last contrast word ("good food but slow") */
  contrastBefore: number;
  /** weight of tokens after it */
  contrastAfter: number;
  /** VADER's factor for a negated lexicon word: "not good" is mildly negative, not the opposite of good */
  negationScalar: number;
}

export const DEFAULT_EN_OPTIONS: EnFeatureOptions = { contrastBefore: 0.5, contrastAfter: 1.5, negationScalar: -0.74 };

let breaks = new Uint8Array(256);
let hashes = new Int32Array(256);

export function extractEnglish(
  text: string,
  tokens: Tokens,
  lexicon: ReadonlyMap<string, number>,
  opts: EnFeatureOptions,
  out: FeatureVector
): void {
  const { words, lemmas } = tokens;
  const n = words.length;
  breaks = clauseStarts(text, words, breaks);
  if (hashes.length < n) hashes = new Int32Array(n * 2);

  let contrastAt = -1;
  for (let i = 0; i < n; i++) if (CONTRAST.has(words[i])) contrastAt = i;

  const start = out.n;
  let negated = false;
  let prev = 0;
  let lexPos = 0;
  let lexNeg = 0;
  let lexHits = 0;
  for (let i = 0; i < n; i++) {
    const w = words[i];
    if (breaks[i]) negated = false;
    const weight = contrastAt < 0 ? 1 : i < contrastAt ? opts.contrastBefore : i > contrastAt ? opts.contrastAfter : 1;
    const h = hashString(lemmas[i], NS.word);
    const marked = negated ? combine(h, NS.negated) : h;
    out.push(marked, weight);
    if (i > 0 && !breaks[i]) out.push(combine(prev, h), weight);
    prev = h;

    const valence = lexicon.get(w) ?? lexicon.get(lemmas[i]);
    if (valence !== undefined) {
      let v = valence;
      const before = i > 0 && !breaks[i] ? words[i - 1] : '';
      if (BOOSTERS.has(before)) v *= 1.3;
      else if (DAMPENERS.has(before)) v *= 0.7;
      if (negated) v *= opts.negationScalar;
      v *= weight;
      if (v > 0) lexPos += v;
      else lexNeg -= v;
      lexHits++;
    }
    // A negator's scope runs to the end of its clause or to a contrast word, whichever comes first.
    if (NEGATORS.has(w)) negated = true;
    else if (CONTRAST.has(w)) negated = false;
  }
  const count = out.n - start;
  if (count > 0) out.scale(start, 1 / Math.sqrt(count));

  const sum = lexPos - lexNeg;
  out.push(F_LEX_SUM, sum / Math.sqrt(sum * sum + 15)); // VADER's normalisation to (-1, 1)
  out.push(F_LEX_POS, Math.log1p(lexPos));
  out.push(F_LEX_NEG, Math.log1p(lexNeg));
  if (lexHits === 0) out.push(F_LEX_NONE, 1);
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
