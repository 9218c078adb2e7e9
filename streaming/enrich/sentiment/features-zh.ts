import type { Tokens } from '../tokens.ts';
import { CLAUSE_BREAK, SENTENCE_BREAK, breakKind, contrastWeights, tokenBreaks } from './clauses.ts';
import { NS, combine, hashString } from './hash.ts';
import type { FeatureVector } from './vector.ts';
import { ZH_VOC_LEXICON } from './lexicon-zh.ts';

/**
 * Chinese features: character 1–3-grams (robust to segmentation errors and to the many one-off product
 * words) plus jieba word uni/bigrams with negation, degree and hedge marking. Within a sentence, text after
 * a contrast word (但是/却/不过…) can be weighted above the text before it. Measured on the dev sets (5-fold CV), scaling hurt
 * slightly and tagging the words on each side helped, so the shipped options tag and do not scale.
 */

const NEGATORS = new Set(['不', '没', '没有', '别', '未', '无', '不是', '并不', '从不', '毫无', '绝不', '不会', '不能', '不要', '不太', '不够', '没什么']);
const CONTRAST = new Set(['但是', '但', '却', '可是', '不过', '然而']);
const DEGREE = new Set(['太', '非常', '特别', '很', '超', '超级', '极', '极其', '十分', '相当', '真', '真的', '好', '最', '挺', '巨', '贼', '蛮', '实在']);
const HEDGE = new Set(['有点', '有些', '有点儿', '稍', '稍微', '略', '略微', '一般', '比较', '还算', '还']);
// Negation reaches the next few words only: Chinese clauses are short and unpunctuated runs are common.
const NEGATION_REACH = 3;

export interface ZhFeatureOptions {
  contrastBefore: number;
  contrastAfter: number;
  /** longest character n-gram */
  charMaxN: 3 | 4;
  /** also emit word unigrams tagged as before/after a contrast word, so the model learns the shift */
  contrastTags: boolean;
  /** feature families, switchable for ablations */
  chars: boolean;
  words: boolean;
  /**
   * Scale of the opinion-lexicon features (0 = off): hits of a general Chinese sentiment word list
   * (the model's `opinion` map, +1 / −1) by polarity × negated, as English's opinion features.
   */
  opinionScale: number;
  /** weight of class n-grams over the same list (0 = off), as English's `opinionGrams` */
  opinionGrams: number;
  /**
   * Leave out a business's reply quoted inside the review ("宾馆反馈2008年7月7日：感谢您……期待您的再次光临"):
   * its apologies and thanks are the merchant's courtesy, not the customer's opinion, and they pulled
   * complaints toward praise.
   */
  replyCut: boolean;
}

export const DEFAULT_ZH_OPTIONS: ZhFeatureOptions = { contrastBefore: 1, contrastAfter: 1, charMaxN: 3, contrastTags: true, chars: true, words: true, opinionScale: 0, opinionGrams: 0, replyCut: true };

// A merchant's reply as review platforms quote it: who replies, 反馈/回复, an optional date, a colon. It
// runs to the customer's next addition (补充点评) or to the end.
const REPLY_START = /(?:宾馆|酒店|饭店|商家|店家|卖家|掌柜|客服)(?:反馈|回复)\s*(?:\d{4}年\d{1,2}月\d{1,2}日)?\s*[：:]/;
const REPLY_END = '补充点评';

/** [start, end) of the first quoted merchant reply, or null. */
export function replySpan(text: string): [number, number] | null {
  const m = REPLY_START.exec(text);
  if (!m) return null;
  const end = text.indexOf(REPLY_END, m.index + m[0].length);
  return [m.index, end < 0 ? text.length : end];
}

const F_LEN = hashString('len', NS.flag);
const F_EXCL = hashString('exclaim', NS.flag);
const F_LEX_POS = hashString('lex+', NS.flag);
const F_LEX_NEG = hashString('lex-', NS.flag);
const F_OPINION = [hashString('op_pos_plain', NS.flag), hashString('op_neg_plain', NS.flag), hashString('op_pos_negated', NS.flag), hashString('op_neg_negated', NS.flag)];
/**
 * Real-valued features outside the n-gram block (training leaves them out of NB scaling); the opinion
 * slots only when they are on, so a model without them trains bit for bit as before.
 */
export const DENSE_ZH = [F_LEN, F_EXCL, F_LEX_POS, F_LEX_NEG];
export const DENSE_ZH_OPINION = [...DENSE_ZH, ...F_OPINION];
// The lexicon features' scale relative to the L2-normalised n-gram block (as English's lexicon features).
const LEX_SCALE = 0.5;
const LEXICON = new Map(Object.entries(ZH_VOC_LEXICON));
const NEGATOR_PREFIX = new Set(['不', '没', '别', '未', '无']);
const DEGREE_PREFIX = new Set(['太', '很', '好', '超', '真', '挺', '巨', '贼', '特']);
const LEX_FIRST = new Uint8Array(0x10000);
for (const w of LEXICON.keys()) LEX_FIRST[w.charCodeAt(0)] = 1;
const LEX_LONGEST = Math.max(...[...LEXICON.keys()].map((w) => w.length));

let kinds: Uint8Array = new Uint8Array(256);
let roles: Uint8Array = new Uint8Array(256);
let positions: Int32Array = new Int32Array(256);
let weights: Float32Array = new Float32Array(256);

export function extractChinese(text: string, tokens: Tokens, opts: ZhFeatureOptions, out: FeatureVector, opinion?: ReadonlyMap<string, number>): void {
  if (opts.replyCut && text.length > 8) {
    const span = replySpan(text);
    if (span) {
      const cut = withoutSpan(text, tokens.words, span);
      return extractChinese(cut.text, cut.tokens, { ...opts, replyCut: false }, out, opinion);
    }
  }
  const words = tokens.words;
  if (positions.length < words.length) positions = new Int32Array(words.length * 2);
  kinds = tokenBreaks(text, words, kinds, positions);
  if (roles.length < words.length) roles = new Uint8Array(words.length * 2);
  let anyContrast = false;
  for (let i = 0; i < words.length; i++) {
    const r = rolesOf(words[i]);
    roles[i] = r;
    if (r & F_CONTRAST) anyContrast = true;
  }
  // Without a contrast word every weight is 1 and no word is tagged, whatever the options say.
  if (anyContrast) weights = contrastWeights(words, CONTRAST, kinds, opts.contrastBefore, opts.contrastAfter, weights);
  else {
    if (weights.length < words.length) weights = new Float32Array(words.length * 2);
    weights.fill(1, 0, words.length);
  }
  const start = out.n;
  if (opts.chars) charNgrams(text, words.length, opts, out);
  if (opts.contrastTags) markSides(words, anyContrast);
  if (opts.words) wordNgrams(words, opts.contrastTags, out, opinion && opts.opinionGrams > 0 ? opinion : undefined, opts.opinionGrams);
  const count = out.n - start;
  if (count > 0) out.scale(start, 1 / Math.sqrt(count));
  out.sparse = out.n;
  out.push(F_LEN, Math.min(text.length, 200) / 200);
  if (text.includes('!') || text.includes('！')) out.push(F_EXCL, 1);
  lexiconSums(words, out);
  if (opinion && opts.opinionScale > 0) opinionSums(words, indexOf(opinion), opts.opinionScale, out);
}

/** The text without [s, e) and the tokens that lie outside it (rare: allocates). */
function withoutSpan(text: string, words: readonly string[], [s, e]: [number, number]): { text: string; tokens: Tokens } {
  const at = new Int32Array(words.length);
  tokenBreaks(text, words, new Uint8Array(words.length), at);
  const kept: string[] = [];
  for (let i = 0; i < words.length; i++) if (at[i] < s || at[i] >= e) kept.push(words[i]);
  return { text: text.slice(0, s) + '。' + text.slice(e), tokens: { words: kept, lemmas: kept } };
}

interface LexiconIndex {
  map: ReadonlyMap<string, number>;
  first: Uint8Array;
  longest: number;
}
const indexes = new WeakMap<ReadonlyMap<string, number>, LexiconIndex>();
function indexOf(map: ReadonlyMap<string, number>): LexiconIndex {
  let ix = indexes.get(map);
  if (!ix) {
    const first = new Uint8Array(0x10000);
    let longest = 0;
    for (const w of map.keys()) {
      first[w.charCodeAt(0)] = 1;
      longest = Math.max(longest, w.length);
    }
    ix = { map, first, longest };
    indexes.set(map, ix);
  }
  return ix;
}

const opinionSum = new Float64Array(4);
/**
 * Hits of a general sentiment word list: the longest entry spelt by up to three consecutive tokens of a
 * clause (jieba splits many of the list's idioms and three-character words), a negator within reach or
 * glued on (不满意 → 不 + 满意 when the list has only 满意) marking it negated. Each class sums the hits'
 * contrast weights; the model learns what a negated positive word is worth.
 */
function opinionSums(words: readonly string[], ix: LexiconIndex, scale: number, out: FeatureVector): void {
  opinionSum.fill(0);
  let negLeft = 0;
  for (let i = 0; i < words.length; i++) {
    if (kinds[i] >= CLAUSE_BREAK) negLeft = 0;
    const w = words[i];
    let v: number | undefined;
    let used = 1;
    let negated = negLeft > 0;
    if (ix.first[w.charCodeAt(0)] === 1) {
      let joined = w;
      for (let k = 1; k < 3 && i + k < words.length && kinds[i + k] < CLAUSE_BREAK; k++) {
        joined += words[i + k];
        if (joined.length > ix.longest) break;
        const hit = ix.map.get(joined);
        if (hit !== undefined) (v = hit), (used = k + 1);
      }
      if (v === undefined) v = ix.map.get(w);
    }
    if (v === undefined && w.length >= 2 && NEGATOR_PREFIX.has(w[0]) && ix.first[w.charCodeAt(1)] === 1) {
      v = ix.map.get(w.slice(1));
      if (v !== undefined) negated = !negated;
    }
    if (v !== undefined && v !== 0) opinionSum[(v > 0 ? 0 : 1) + (negated ? 2 : 0)] += weights[i];
    const last = i + used - 1;
    if (negLeft > 0) negLeft--;
    if (roles[last] & F_NEGATOR) negLeft = NEGATION_REACH;
    else if (roles[last] & F_CONTRAST) negLeft = 0;
    i = last;
  }
  for (let c = 0; c < 4; c++) if (opinionSum[c] > 0) out.push(F_OPINION[c], Math.log1p(opinionSum[c]) * scale);
}

/**
 * Valence of the lexicon's words, a negator within reach flipping (and damping) it as VADER does. A
 * lexicon entry may span two tokens (jieba splits 秒开 as 秒/开 in some contexts), so each word is tried
 * alone and joined with the next; the longer match wins and both tokens are consumed.
 */
function lexiconSums(words: readonly string[], out: FeatureVector): void {
  let pos = 0;
  let neg = 0;
  let negLeft = 0;
  for (let i = 0; i < words.length; i++) {
    if (kinds[i] >= CLAUSE_BREAK) negLeft = 0;
    const w = words[i];
    // Most words start with no lexicon entry's first character: skip them without building strings.
    const starts = LEX_FIRST[w.charCodeAt(0)] === 1;
    const pair = starts && i + 1 < words.length && kinds[i + 1] < CLAUSE_BREAK && w.length + words[i + 1].length <= LEX_LONGEST ? LEXICON.get(w + words[i + 1]) : undefined;
    let v = pair ?? (starts ? LEXICON.get(w) : undefined);
    let negated = negLeft > 0;
    // jieba glues a one-character negator or adverb to the word it modifies (不慢, 太卡): read it apart.
    if (v === undefined && w.length >= 2 && LEX_FIRST[w.charCodeAt(1)] === 1) {
      const rest = LEXICON.get(w.slice(1));
      if (rest !== undefined && NEGATOR_PREFIX.has(w[0])) (v = rest), (negated = !negated);
      else if (rest !== undefined && DEGREE_PREFIX.has(w[0])) v = rest * 1.3;
    }
    if (v !== undefined) {
      const signed = negated ? -0.74 * v : v;
      if (signed > 0) pos += signed * weights[i];
      else neg -= signed * weights[i];
    }
    if (pair !== undefined) i++;
    if (negLeft > 0) negLeft--;
    if (roles[i] & F_NEGATOR) negLeft = NEGATION_REACH;
    else if (roles[i] & F_CONTRAST) negLeft = 0;
  }
  if (pos > 0) out.push(F_LEX_POS, (LEX_SCALE * pos) / 4);
  if (neg > 0) out.push(F_LEX_NEG, (LEX_SCALE * neg) / 4);
}

function charNgrams(text: string, nWords: number, opts: ZhFeatureOptions, out: FeatureVector): void {
  // c1..c3 hold the previous characters of the current clause (0 = none).
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  let word = -1; // the token covering position i, for its contrast weight
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (breakKind(c) !== 0 || c === 0x20 || c === 0x09 || c === 0x3000 || c === 0x22 || c === 0x27) {
      c1 = c2 = c3 = 0;
      continue;
    }
    while (word + 1 < nWords && positions[word + 1] <= i) word++;
    const weight = word < 0 ? 1 : weights[word];
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    else if (c >= 0xff21 && c <= 0xff3a) c += 0x20 - 0xfee0; // full-width capitals
    const u = combine(NS.char, c);
    out.push(u, weight);
    if (c1 !== 0) {
      const b = combine(u, c1);
      out.push(b, weight);
      if (c2 !== 0) {
        const t = combine(b, c2);
        out.push(t, weight);
        if (c3 !== 0 && opts.charMaxN === 4) out.push(combine(t, c3), weight);
      }
    }
    c3 = c2;
    c2 = c1;
    c1 = c;
  }
}

// -1 before a contrast word in its sentence, +1 after, 0 otherwise; derived from the weights' layout.
let contrastSide = new Int8Array(256);

function markSides(words: readonly string[], anyContrast: boolean): void {
  if (contrastSide.length < words.length) contrastSide = new Int8Array(words.length * 2);
  let at = -1;
  contrastSide.fill(0, 0, words.length);
  if (!anyContrast) return;
  let start = 0;
  for (let i = 0; i <= words.length; i++) {
    if (i < words.length && (i === 0 || kinds[i] !== SENTENCE_BREAK)) continue;
    at = -1;
    for (let k = start; k < i; k++) if (roles[k] & F_CONTRAST) at = k;
    if (at >= 0) for (let k = start; k < i; k++) contrastSide[k] = k < at ? -1 : k > at ? 1 : 0;
    start = i;
  }
}

const OPINION_POS = hashString('<opinion+>', NS.word);
const OPINION_NEG = hashString('<opinion->', NS.word);

function wordNgrams(words: readonly string[], tags: boolean, out: FeatureVector, opinion?: ReadonlyMap<string, number>, classWeight = 0): void {
  let negLeft = 0;
  let mod = 0; // NS.degree / NS.hedge for the word right after such an adverb
  let prev = 0;
  for (let i = 0; i < words.length; i++) {
    if (kinds[i] >= CLAUSE_BREAK) {
      negLeft = 0;
      mod = 0;
    }
    const weight = weights[i];
    const h = hashString(words[i], NS.word);
    out.push(negLeft > 0 ? combine(h, NS.negated) : h, weight);
    if (mod !== 0) out.push(combine(h, mod), weight);
    if (tags && contrastSide[i] !== 0) out.push(combine(h, contrastSide[i] < 0 ? NS.beforeContrast : NS.afterContrast), weight);
    if (i > 0 && kinds[i] < CLAUSE_BREAK) out.push(combine(prev, h), weight);
    if (opinion) {
      const o = opinion.get(words[i]);
      if (o !== undefined) {
        const c = o > 0 ? OPINION_POS : OPINION_NEG;
        const g = weight * classWeight;
        out.push(negLeft > 0 ? combine(c, NS.negated) : c, g);
        if (mod !== 0) out.push(combine(c, mod), g);
        if (i > 0 && kinds[i] < CLAUSE_BREAK) out.push(combine(prev, c), g);
        if (i + 1 < words.length && kinds[i + 1] < CLAUSE_BREAK) out.push(combine(c, hashString(words[i + 1], NS.word)), g);
      }
    }
    prev = h;
    if (negLeft > 0) negLeft--;
    mod = 0;
    const flags = roles[i];
    if (flags & F_NEGATOR) negLeft = NEGATION_REACH;
    else if (flags & F_CONTRAST) negLeft = 0;
    if (flags & F_DEGREE) mod = NS.degree;
    else if (flags & F_HEDGE) mod = NS.hedge;
  }
}

const F_NEGATOR = 1;
const F_CONTRAST = 2;
const F_DEGREE = 4;
const F_HEDGE = 8;

// First characters of the negators, contrast words and adverbs above: most words start with none of
// them, and a bitmap test is far cheaper than four Set lookups. Hashing a short word is cheaper still
// than looking it up, so hashes are not cached.
const ROLE_FIRST = new Uint8Array(0x10000);
for (const set of [NEGATORS, CONTRAST, DEGREE, HEDGE]) for (const w of set) ROLE_FIRST[w.charCodeAt(0)] = 1;

function rolesOf(w: string): number {
  if (ROLE_FIRST[w.charCodeAt(0)] === 0) return 0;
  return (NEGATORS.has(w) ? F_NEGATOR : 0) | (CONTRAST.has(w) ? F_CONTRAST : 0) | (DEGREE.has(w) ? F_DEGREE : 0) | (HEDGE.has(w) ? F_HEDGE : 0);
}
