import type { Tokens } from '../tokens.ts';
import { clauseStarts, isClauseBreak } from './clauses.ts';
import { NS, combine, hashString } from './hash.ts';
import type { FeatureVector } from './vector.ts';

/**
 * Chinese features: character 1–3-grams (robust to segmentation errors and to the many one-off
 * product words) plus jieba word uni/bigrams with negation, degree and hedge marking. Text after the
 * last contrast word (但是/却/不过…) is weighted up: in reviews the clause after it carries the verdict.
 */

const NEGATORS = new Set(['不', '没', '没有', '别', '未', '无', '不是', '并不', '从不', '毫无', '绝不', '不会', '不能', '不要', '不太', '不够', '没什么']);
const CONTRAST = ['但是', '但', '却', '可是', '不过', '然而', '只是', '就是'];
const CONTRAST_WORDS = new Set(CONTRAST);
const DEGREE = new Set(['太', '非常', '特别', '很', '超', '超级', '极', '极其', '十分', '相当', '真', '真的', '好', '最', '挺', '巨', '贼', '蛮', '实在']);
const HEDGE = new Set(['有点', '有些', '有点儿', '稍', '稍微', '略', '略微', '一般', '比较', '还算', '还']);
// Negation reaches the next few words only: Chinese clauses are short and unpunctuated runs are common.
const NEGATION_REACH = 3;

export interface ZhFeatureOptions {
  contrastBefore: number;
  contrastAfter: number;
}

export const DEFAULT_ZH_OPTIONS: ZhFeatureOptions = { contrastBefore: 0.7, contrastAfter: 1.3 };

const F_LEN = hashString('len', NS.flag);
const F_EXCL = hashString('exclaim', NS.flag);

let breaks = new Uint8Array(256);

export function extractChinese(text: string, tokens: Tokens, opts: ZhFeatureOptions, out: FeatureVector): void {
  const start = out.n;
  const contrastChar = lastContrast(text);
  charNgrams(text, contrastChar, opts, out);
  wordNgrams(text, tokens.words, opts, out);
  const count = out.n - start;
  if (count > 0) out.scale(start, 1 / Math.sqrt(count));
  out.push(F_LEN, Math.min(text.length, 200) / 200);
  if (text.includes('!') || text.includes('！')) out.push(F_EXCL, 1);
}

function lastContrast(text: string): number {
  let at = -1;
  for (const c of CONTRAST) {
    const p = text.lastIndexOf(c);
    if (p > at) at = p;
  }
  return at;
}

function charNgrams(text: string, contrastAt: number, opts: ZhFeatureOptions, out: FeatureVector): void {
  // c1, c2 hold the previous two characters of the current clause (0 = none).
  let c1 = 0;
  let c2 = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (isClauseBreak(c) || c === 0x20 || c === 0x09 || c === 0x3000 || c === 0x22 || c === 0x27) {
      c1 = c2 = 0;
      continue;
    }
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    else if (c >= 0xff21 && c <= 0xff3a) c += 0x20 - 0xfee0; // full-width capitals
    const weight = contrastAt < 0 ? 1 : i < contrastAt ? opts.contrastBefore : opts.contrastAfter;
    const u = combine(NS.char, c);
    out.push(u, weight);
    if (c1 !== 0) {
      const b = combine(u, c1);
      out.push(b, weight);
      if (c2 !== 0) out.push(combine(b, c2), weight);
    }
    c2 = c1;
    c1 = c;
  }
}

function wordNgrams(text: string, words: readonly string[], opts: ZhFeatureOptions, out: FeatureVector): void {
  const n = words.length;
  breaks = clauseStarts(text, words, breaks);
  let contrastAt = -1;
  for (let i = 0; i < n; i++) if (CONTRAST_WORDS.has(words[i])) contrastAt = i;
  let negLeft = 0;
  let mod = 0; // NS.degree / NS.hedge for the word right after an adverb
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const w = words[i];
    if (breaks[i]) {
      negLeft = 0;
      mod = 0;
    }
    const weight = contrastAt < 0 ? 1 : i < contrastAt ? opts.contrastBefore : i > contrastAt ? opts.contrastAfter : 1;
    const h = hashString(w, NS.word);
    out.push(negLeft > 0 ? combine(h, NS.negated) : h, weight);
    if (mod !== 0) out.push(combine(h, mod), weight);
    if (i > 0 && !breaks[i]) out.push(combine(prev, h), weight);
    prev = h;
    if (negLeft > 0) negLeft--;
    mod = 0;
    if (NEGATORS.has(w)) negLeft = NEGATION_REACH;
    else if (CONTRAST_WORDS.has(w)) negLeft = 0;
    if (DEGREE.has(w)) mod = NS.degree;
    else if (HEDGE.has(w)) mod = NS.hedge;
  }
}
