import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Lang } from '../../schemas/feedback.ts';

const require = createRequire(import.meta.url);

/**
 * One tokenisation shared by every enrichment step, so sentiment, topics and keywords agree on what a
 * "word" is and the expensive segmenters run once per message.
 *
 * Chinese (and mixed) text goes through jieba, which also keeps embedded Latin words whole; English goes
 * through wink-nlp, whose lemmas let topic rules say "refund" once for refunds/refunded.
 */
export interface Tokens {
  /** lower-cased surface forms, punctuation and whitespace removed */
  words: string[];
  /** same length as words: the lemma (English) or the word itself (Chinese) */
  lemmas: string[];
}

const jieba = Jieba.withDict(dict);
// wink-nlp's lexeme table, captured when it loads its model (see withLexemeTable).
let lexemes: Record<string, number | undefined> = {};
// Entries below this index are the model's own vocabulary, in the model's order.
let intrinsicSize = 0;
// The table's entries in the order they were added (the model's, then every new one).
let lexemeList: string[] = [];
// The message is only tokenised: wink-nlp's POS tagger (which its lemmas depend on) cost more than
// the rest of the enrichment together. Lemmas come from lemmaOf below, once per distinct word.
const nlp = winkNLP(withLexemeTable(), []);
// Used only to lemmatise a new word on its own (see lemmaOf), never on a whole message.
const tagger = winkNLP(model, ['pos']);
const its = nlp.its;

// What the English tokens keep of each distinct normal form: its lemma, or null for punctuation and
// whitespace. A token's type and lemma are functions of its normal form here, so they are computed
// once per vocabulary word instead of once per occurrence.
const english = new Map<string, string | null>();
// A stream's vocabulary keeps growing (typos, handles, numbers); past this many words start afresh.
const MAX_CACHED_WORDS = 200_000;

/**
 * English tokens per whitespace-separated piece of text ("great,", "don't", "iPhone"), remembered.
 *
 * wink-nlp cuts a text at whitespace first (its `splitter`) and tokenises each piece on its own
 * (tokenizer.js): what a piece becomes depends only on the piece and on which strings its lexeme table
 * holds — the table grows as it meets new words, which is why its tokens depend on what it has seen.
 * A piece is reused only where that cannot matter:
 * - it was in the table when read: wink-nlp takes it whole (or as its contraction's parts), and a
 *   table entry never goes away, so the tokens stay the same;
 * - it was not, but one of wink-nlp's token categories (word, word + punctuation, number, URL, e-mail,
 *   emoticon, …) matched it: wink-nlp made no other lookup, so the tokens stay the same as long as the
 *   piece is still not in the table (checked on every reuse; once it is, the piece is read again).
 * - neither, but it is punctuation around a word that is in the table ("film's", "(and", "it.."):
 *   wink-nlp splits the punctuation off without another lookup — same condition as above.
 * - otherwise (wink-nlp splits it recursively, looking up parts of it: "...a", "http://url_removed"):
 *   every lookup is of a substring of the piece, so it is reused while no entry added to the table
 *   since it was read (or last checked) is a substring of it. Reading a piece whose lookups are unchanged adds
 * nothing to the table, so skipping it changes nothing later text sees. Most pieces of a new message
 * are pieces seen before: wink-nlp's ≈ 1.5 µs per token becomes a map lookup. Tokens are bit-identical
 * to reading the whole message (tokens.test.ts, scripts/check-enrich-identical.ts).
 */
interface Piece {
  words: string[];
  lemmas: string[];
  /** IMMUNE, WHILE_ABSENT (valid while the piece itself is not in the table) or UNTIL_SUBSTRING */
  rule: number;
  /** UNTIL_SUBSTRING: size of the table when last known valid */
  stamp: number;
}
const pieces = new Map<string, Piece>();
const MAX_CACHED_PIECES = 100_000;

// wink-nlp's splitter (its model's trex.helpers.splitter), as character classes; a test pins the two together.
export const WINK_SPLITTER = '([ \\u00a0\\u2002-\\u2005\\u2009\\u200a\\u202f\\u205f]+|[\\n\\r\\t]+)';
const OTHER = 0;
const SPACE = 1;
const BREAK = 2;
function kindOf(c: number): number {
  if (c > 0x20) {
    if (c < 0xa0) return OTHER;
    return c === 0xa0 || (c >= 0x2002 && c <= 0x2005) || c === 0x2009 || c === 0x200a || c === 0x202f || c === 0x205f ? SPACE : OTHER;
  }
  return c === 0x20 ? SPACE : c === 10 || c === 13 || c === 9 ? BREAK : OTHER;
}
// Per UTF-16 unit (64 KB): a lookup instead of kindOf's comparisons. Besides being cheaper, it has no
// branch that only a rare character takes: the first such character (a non-ASCII letter, say) used to
// find optimised code without type feedback there and throw away tokenizeEnglish, into which most of
// this file is inlined (measured with --trace-deopt: once per process, inside the eval's timed pass).
const CHAR_KIND = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) CHAR_KIND[c] = kindOf(c);

/** What we read of the model's (untyped) internals: its lexeme table, as wink-nlp's cache uses it. */
export interface WinkModel {
  core(): { features: { lexeme: { hash: Record<string, number | undefined>; list: string[]; intrinsicSize: number } } };
}

/** The English model, handing us wink-nlp's lexeme table (the model's own object) as wink-nlp loads it. */
function withLexemeTable(): typeof model {
  const withTable = Object.assign(Object.create(null), model) as WinkModel;
  withTable.core = () => {
    const core = (model as unknown as WinkModel).core();
    lexemes = core.features.lexeme.hash;
    lexemeList = core.features.lexeme.list;
    intrinsicSize = core.features.lexeme.intrinsicSize;
    return core;
  };
  return withTable as unknown as typeof model;
}

// wink-nlp's token categories (tokenizer.js detectTokenCategory): a piece that none matches is split
// recursively, with lookups of its parts.
const CATEGORY_TESTS = (wordModelJson().trex.ltc as [string, string, number][]).map(([src, flags]) => new RegExp(src, flags));
const hasCategory = (t: string) => CATEGORY_TESTS.some((re) => re.test(t));
// tokenizer.js processUnk, for a piece without a category: punctuation on the right ("film's", "it.."),
// on the left ("(and") or around a word. When the word inside is in the table, wink-nlp splits the
// punctuation off and makes no other lookup; otherwise it recurses (and such pieces are not remembered).
const helper = (name: string) => new RegExp(...(wordModelJson().trex.helpers[name] as [string, string]));
const ANY_WITH_RP = helper('anyWithRP');
const ANY_WITH_LP = helper('anyWithLP');
const LP_ANY_RP = helper('LPanyRP');
function splitsPlainly(t: string): boolean {
  let m = t.match(ANY_WITH_RP);
  if (m) return lexemes[m[1]] !== undefined;
  m = t.match(ANY_WITH_LP);
  if (m) return lexemes[m[2]] !== undefined;
  m = t.match(LP_ANY_RP);
  return m !== null && lexemes[m[2]] !== undefined;
}
/** How a piece read now may be reused (see Piece); `inTable`: the piece itself is in the table. */
const IMMUNE = 0;
const WHILE_ABSENT = 1;
// Valid while no entry added to the table since `stamp` is a substring of the piece: every lookup
// wink-nlp makes for a piece is of a substring of it, so then every lookup gives the same answer.
const UNTIL_SUBSTRING = 2;
// A reuse looks at most this many new entries; a piece unseen for longer is read again.
const MAX_NEW_ENTRIES = 256;
const ruleFor = (t: string, inTable: boolean) => (inTable ? IMMUNE : hasCategory(t) || splitsPlainly(t) ? WHILE_ABSENT : UNTIL_SUBSTRING);

/** Whether a remembered piece still gives the tokens it gave (see Piece); called when its turn comes. */
function stillValid(t: string, piece: Piece): boolean {
  if (piece.rule === WHILE_ABSENT) return lexemes[t] === undefined;
  const size = lexemeList.length;
  if (size - piece.stamp > MAX_NEW_ENTRIES) return false;
  for (let k = piece.stamp; k < size; k++) if (t.includes(lexemeList[k])) return false;
  piece.stamp = size;
  return true;
}

function wordModelJson(): { trex: { ltc: unknown[]; helpers: Record<string, unknown> } } {
  return require('wink-eng-lite-web-model/dist/languages/cur/models/eng-core-web-model.json');
}

export function tokenize(text: string, lang: Lang): Tokens {
  return lang === 'en' ? tokenizeEnglish(text) : tokenizeChinese(text);
}

const foundScratch: (Piece | undefined)[] = [];
const toReadScratch: string[] = [];
const readAtScratch: number[] = [];
const firstTokenScratch: number[] = [];

function tokenizeEnglish(text: string): Tokens {
  // Both caches start afresh together, between messages: pieces hold lemmas taken from the lemma cache.
  // (Until 2026-11-24 the lemma cache was cleared in the middle of the message that filled it.)
  if (english.size >= MAX_CACHED_WORDS) {
    english.clear();
    pieces.clear();
  }
  // The message's pieces, each either remembered or to be read; reads are batched into one wink-nlp
  // document (a document costs ≈ 4 µs on top of its tokens), in message order.
  // Scratch lists shared across calls (emptied here; tokenizeEnglish never re-enters itself).
  const found = foundScratch;
  const toRead = toReadScratch;
  const readAt = readAtScratch;
  found.length = 0;
  toRead.length = 0;
  readAt.length = 0;
  // Cut as wink-nlp's splitter does (without its regex and its array of separators): runs of spaces
  // separate pieces; a run of line breaks or tabs is a piece (a token wink-nlp then drops as tabCRLF).
  const n = text.length;
  for (let i = 0; i < n; ) {
    const kind = CHAR_KIND[text.charCodeAt(i)];
    let j = i + 1;
    while (j < n && CHAR_KIND[text.charCodeAt(j)] === kind) j++;
    if (kind === SPACE) {
      i = j;
      continue;
    }
    const t = text.slice(i, j);
    i = j;
    const piece = pieces.get(t);
    // A piece valid while absent from the table is checked when its turn comes, after the pieces
    // before it have been read (they may add it).
    if (piece !== undefined && (piece.rule === IMMUNE || ((toRead.length === 0 || readPending(toRead, readAt, found)) && stillValid(t, piece)))) {
      found.push(piece);
      continue;
    }
    readAt.push(found.length);
    toRead.push(t);
    found.push(undefined);
  }
  if (toRead.length) readPending(toRead, readAt, found);
  const words: string[] = [];
  const lemmas: string[] = [];
  for (let i = 0; i < found.length; i++) {
    const piece = found[i]!;
    for (let j = 0; j < piece.words.length; j++) {
      words.push(piece.words[j]);
      lemmas.push(piece.lemmas[j]);
    }
  }
  return { words, lemmas };
}

/** Reads the pending pieces as one document, fills their places in `found`, empties the lists. */
function readPending(toRead: string[], readAt: number[], found: (Piece | undefined)[]): true {
  const read = readPieces(toRead);
  for (let i = 0; i < read.length; i++) found[readAt[i]] = read[i];
  toRead.length = 0;
  readAt.length = 0;
  return true;
}

/**
 * Reads pieces with wink-nlp in one document (joined by single spaces: wink-nlp tokenises each piece
 * on its own, so the tokens are the pieces' tokens in order, and the first token of every piece but
 * the first has a preceding space), and remembers those that can be reused (see Piece).
 */
function readPieces(texts: string[]): Piece[] {
  // Decided before reading: a piece in the table now is in it when its turn comes (a piece before
  // it in the batch may add it, which only makes this answer conservative).
  const rules = texts.map((t) => ruleFor(t, lexemes[t] !== undefined));
  // Entries added from here on may change a piece read in this batch (conservative for later pieces).
  const stamp = lexemeList.length;
  const doc = nlp.readDoc(texts.length === 1 ? texts[0] : texts.join(' '));
  const tokens = doc.tokens();
  const normal = tokens.out(its.normal) as string[];
  const spaced = texts.length === 1 ? null : (tokens.out(its.precedingSpaces) as string[]);
  const out: Piece[] = [];
  // Index of each piece's first token (all tokens, punctuation included).
  const firstToken = firstTokenScratch;
  firstToken.length = 0;
  firstToken.push(0);
  let piece: Piece = { words: [], lemmas: [], rule: rules[0], stamp };
  for (let i = 0; i < normal.length; i++) {
    if (spaced !== null && i > 0 && spaced[i] !== '') {
      out.push(piece);
      firstToken.push(i);
      piece = { words: [], lemmas: [], rule: rules[out.length], stamp };
    }
    const w = normal[i];
    let lemma = english.get(w);
    if (lemma === undefined) {
      lemma = newEnglishWord(w, tokens.itemAt(i));
      english.set(w, lemma);
    }
    // Emoticons and emoji carry sentiment, so they stay; plain punctuation does not.
    if (lemma === null) continue;
    piece.words.push(w);
    piece.lemmas.push(lemma);
  }
  out.push(piece);
  // Defensive (not seen on any test or dev text): should a piece ever not start with a spaced token,
  // read the pieces one by one instead (a single piece needs no boundaries).
  if (out.length !== texts.length) return texts.flatMap((t) => readPieces([t]));
  // A piece that was not in the table and came out as one token equal to itself is in the table now:
  // from here on wink-nlp takes it whole, as that same lexeme (an entry added to the table is never a
  // contraction), so it can no longer change. Until 2026-11-24 such a piece (most new words) kept the
  // rule decided before reading and was read a second time on its next occurrence.
  firstToken.push(normal.length);
  for (let k = 0; k < texts.length; k++) {
    const p = out[k];
    if (p.rule === IMMUNE || firstToken[k + 1] - firstToken[k] !== 1 || lexemes[texts[k]] === undefined) continue;
    if (tokens.itemAt(firstToken[k]).out(its.value) === texts[k]) p.rule = IMMUNE;
  }
  if (pieces.size + texts.length > MAX_CACHED_PIECES) pieces.clear();
  for (let i = 0; i < texts.length; i++) pieces.set(texts[i], out[i]);
  return out;
}

type WinkToken = ReturnType<ReturnType<ReturnType<typeof nlp.readDoc>['tokens']>['itemAt']>;

function newEnglishWord(normal: string, token: WinkToken): string | null {
  const type = token.out(its.type) as string;
  if (type === 'punctuation' || type === 'tabCRLF' || type === 'space') return null;
  // Numbers, URLs, handles, hashtags, emoji and emoticons are their own lemma; tagging them (most are new
  // to wink-nlp's lexicon, which makes a lone tagging cost ~20 µs) would not change them.
  if (type !== 'word') return normal;
  // Only wink-nlp's suffix rules and exception lists depend on the part of speech. A lower-case word
  // that neither ends in a suffix they strip nor is listed gets the same lemma whatever its tag, so the
  // untagged message's own lemma is the lemma lemmaOf would give, without tagging anything.
  // (Parts of contractions are left to lemmaOf: without the tagger their lemma slot is not filled in.)
  if (!POS_DEPENDENT_ENDING.test(normal) && !IRREGULAR.has(normal) && token.out(its.value) === normal && !token.out(its.contractionFlag)) {
    return (token.out(its.lemma as unknown as typeof its.normal) as string) || normal;
  }
  return lemmaOf(normal);
}

// The endings wink-nlp's noun, verb and adjective lemmatisers strip (-s, -es, -ies, -ed, -ing, -er,
// -est, -men), and the words their exception lists map (went → go, better → good, mice → mouse).
const POS_DEPENDENT_ENDING = /(?:s|ed|ing|er|est|men)$/;
const IRREGULAR = new Set<string>(
  ['wn-adjective-exceptions.js', 'wn-noun-exceptions.js', 'wn-verb-exceptions.js'].flatMap((f) =>
    Object.keys(require(`wink-eng-lite-web-model/dist/${f}`) as Record<string, string>)
  )
);

/**
 * The lemma a word gets when wink-nlp tags it on its own: its most likely part of speech decides
 * ("removed" → remove, "best" → good, "boring" stays boring). On the English dev sets this agrees with
 * lemmatising every message in context on 99.1% of tokens, at a fraction of the cost; what differs is
 * mostly where the in-context tagger errs ("kids", "French" as proper nouns) or a gerund used as a noun
 * ("acting", "ending").
 */
function lemmaOf(normal: string): string {
  if (ALONE !== null) {
    const index = lexemes[normal];
    if (index !== undefined && index < intrinsicSize) return ALONE.get(normal) ?? normal;
  }
  return tagAlone(normal);
}

/** What lemmaOf computes: the word tagged on its own. */
export function tagAlone(normal: string): string {
  const lemmas = tagger.readDoc(normal).tokens().out(its.lemma as unknown as typeof its.normal) as string[];
  // A form that the tokenizer splits again ("n't" alone, "cannot") keeps its own spelling.
  return lemmas.length === 1 && lemmas[0] ? lemmas[0] : normal;
}

/**
 * tagAlone for every word of wink-nlp's own vocabulary, computed ahead (scripts/build-lemmas.ts) — the
 * entries whose lemma is not the word itself. Tagging a word alone costs ~20 µs, and a stream's new
 * words are mostly dictionary words: this is most of what an unseen English message paid. A word of
 * the model's vocabulary is one token whatever wink-nlp has seen before, so its lemma alone does not
 * depend on the process's history (tokens.test.ts checks the table against tagging). Unused — every
 * word tagged as before — if the file is missing or was built with another wink-nlp or model version.
 */
export const LEMMAS_ALONE_FILE = fileURLToPath(new URL('./lemmas-alone.json', import.meta.url));
export const WINK_VERSIONS = `wink-nlp ${require('wink-nlp/package.json').version}, wink-eng-lite-web-model ${require('wink-eng-lite-web-model/package.json').version}`;
const ALONE = loadLemmasAlone();

function loadLemmasAlone(): Map<string, string> | null {
  if (!existsSync(LEMMAS_ALONE_FILE)) return null;
  const file = JSON.parse(readFileSync(LEMMAS_ALONE_FILE, 'utf8')) as { versions: string; lemmas: Record<string, string> };
  return file.versions === WINK_VERSIONS ? new Map(Object.entries(file.lemmas)) : null;
}

function tokenizeChinese(text: string): Tokens {
  const words: string[] = [];
  for (const w of jieba.cut(text, true)) {
    // Most of jieba's words are Han only (kept as they are) or one character (decided by a table);
    // the regexes and toLowerCase see the rest.
    if (w.length === 1) {
      const c = w.charCodeAt(0);
      if (KEEP_CHAR[c] === 0) continue;
      words.push(isHan(c) ? w : w.toLowerCase());
      continue;
    }
    if (isHanOnly(w)) {
      words.push(w);
      continue;
    }
    if (!WORDLIKE.test(w) && !isEmojiOrEmoticon(w)) continue;
    words.push(w.toLowerCase());
  }
  return { words, lemmas: words };
}

const WORDLIKE = /[\p{L}\p{N}]/u;

function isEmojiOrEmoticon(w: string): boolean {
  return /\p{Extended_Pictographic}/u.test(w);
}

const isHan = (c: number) => c >= 0x4e00 && c <= 0x9fff;

function isHanOnly(w: string): boolean {
  for (let i = 0; i < w.length; i++) if (!isHan(w.charCodeAt(i))) return false;
  return true;
}

// For one-character words: 1 where the tests above keep the character (a letter, a digit, an emoji).
const KEEP_CHAR = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) {
  const ch = String.fromCharCode(c);
  KEEP_CHAR[c] = WORDLIKE.test(ch) || isEmojiOrEmoticon(ch) ? 1 : 0;
}
