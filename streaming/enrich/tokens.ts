import { createRequire } from 'node:module';
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
// wink-nlp's lexeme table (the plain object), and while a piece is read, the lookups that missed.
let lexemes: Record<string, number | undefined> = {};
let misses: string[] | null = null;
// The message is only tokenised: wink-nlp's POS tagger (which its lemmas depend on) cost more than
// the rest of the enrichment together. Lemmas come from lemmaOf below, once per distinct word.
const nlp = winkNLP(observedModel(), []);
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
 * wink-nlp cuts a text at whitespace first (its `splitter`) and tokenises each piece on its own: what a
 * piece becomes depends only on the piece and on which of its substrings wink-nlp's lexeme table holds
 * (the table grows as it meets new words — that is why its tokens depend on what it has seen). So a
 * piece's tokens can be reused exactly as long as every lexeme lookup wink-nlp made for it still gives
 * the same answer. The lookups that found nothing are recorded while the piece is read (those that
 * found something stay found: the table only grows); a reuse first checks they still find nothing,
 * and otherwise reads the piece again. Reading a piece again adds nothing to the table when its
 * lookups are unchanged, so skipping it changes nothing that later text sees. Most pieces of a new
 * message are pieces seen before, and the per-message cost of wink-nlp's document (≈ 15 µs) becomes a
 * few map lookups; tokens are bit-identical to reading the whole message (scripts/check-enrich-identical.ts).
 */
interface Piece {
  words: string[];
  lemmas: string[];
  /** strings wink-nlp looked up in its lexeme table and did not find, or null if none */
  absent: string[] | null;
}
const pieces = new Map<string, Piece>();
const MAX_CACHED_PIECES = 100_000;

// wink-nlp's splitter (its model's trex.helpers.splitter), as character classes; a test pins the two together.
export const WINK_SPLITTER = '([ \\u00a0\\u2002-\\u2005\\u2009\\u200a\\u202f\\u205f]+|[\\n\\r\\t]+)';
const OTHER = 0;
const SPACE = 1;
const BREAK = 2;
function charKind(c: number): number {
  if (c > 0x20) {
    if (c < 0xa0) return OTHER;
    return c === 0xa0 || (c >= 0x2002 && c <= 0x2005) || c === 0x2009 || c === 0x200a || c === 0x202f || c === 0x205f ? SPACE : OTHER;
  }
  return c === 0x20 ? SPACE : c === 10 || c === 13 || c === 9 ? BREAK : OTHER;
}
// Bumped when the lemma cache starts afresh: pieces hold lemmas taken from it, so they go too.
let generation = 0;

/** The English model with its lexeme table observed: same data, lookups recorded while `misses` is set. */
function observedModel(): typeof model {
  const observed = Object.assign(Object.create(null), model) as typeof model;
  observed.core = () => {
    const core = model.core() as unknown as { features: { lexeme: { hash: Record<string, number | undefined> } } };
    const table = core.features.lexeme.hash;
    lexemes = table;
    core.features.lexeme.hash = new Proxy(table, {
      get(t, k) {
        const v = t[k as string];
        if (v === undefined && misses !== null && typeof k === 'string') misses.push(k);
        return v;
      },
      set(t, k, v) {
        // Adding a new lexeme looks it up first; that miss is the addition, not a lookup to re-check.
        if (misses !== null && misses[misses.length - 1] === k) misses.pop();
        t[k as string] = v;
        return true;
      }
    });
    return core as unknown as ReturnType<typeof model.core>;
  };
  return observed;
}

export function tokenize(text: string, lang: Lang): Tokens {
  return lang === 'en' ? tokenizeEnglish(text) : tokenizeChinese(text);
}

function tokenizeEnglish(text: string): Tokens {
  // The message's pieces, each either remembered or to be read; reads are batched into one wink-nlp
  // document (a document costs ≈ 4 µs on top of its tokens), in message order.
  const found: (Piece | undefined)[] = [];
  const toRead: string[] = [];
  const readAt: number[] = [];
  // Cut as wink-nlp's splitter does (without its regex and its array of separators): runs of spaces
  // separate pieces; a run of line breaks or tabs is a piece (a token wink-nlp then drops as tabCRLF).
  const n = text.length;
  for (let i = 0; i < n; ) {
    const kind = charKind(text.charCodeAt(i));
    let j = i + 1;
    while (j < n && charKind(text.charCodeAt(j)) === kind) j++;
    if (kind === SPACE) {
      i = j;
      continue;
    }
    const t = text.slice(i, j);
    i = j;
    const piece = pieces.get(t);
    // A remembered piece whose lookups all found something cannot change. One with misses must be
    // checked when its turn comes, after the pieces before it have been read.
    if (piece !== undefined && (piece.absent === null || ((toRead.length === 0 || readPending(toRead, readAt, found)) && unchanged(piece)))) {
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

function unchanged(piece: Piece): boolean {
  const absent = piece.absent!;
  for (let i = 0; i < absent.length; i++) if (lexemes[absent[i]] !== undefined) return false;
  return true;
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
 * the first has a preceding space). Remembers each piece with the lookups that missed while it was read.
 */
function readPieces(texts: string[]): Piece[] {
  const gen = generation;
  misses = [];
  let doc: ReturnType<typeof nlp.readDoc>;
  let missed: string[];
  try {
    doc = nlp.readDoc(texts.length === 1 ? texts[0] : texts.join(' '));
  } finally {
    missed = misses;
    misses = null;
  }
  const tokens = doc.tokens();
  const normal = tokens.out(its.normal) as string[];
  const spaced = texts.length === 1 ? null : (tokens.out(its.precedingSpaces) as string[]);
  const out: Piece[] = [];
  let piece: Piece = { words: [], lemmas: [], absent: null };
  for (let i = 0; i < normal.length; i++) {
    if (spaced !== null && i > 0 && spaced[i] !== '') {
      out.push(piece);
      piece = { words: [], lemmas: [], absent: null };
    }
    const w = normal[i];
    let lemma = english.get(w);
    if (lemma === undefined) {
      lemma = newEnglishWord(w, tokens.itemAt(i));
      if (english.size >= MAX_CACHED_WORDS) {
        english.clear();
        pieces.clear();
        generation++;
      }
      english.set(w, lemma);
    }
    // Emoticons and emoji carry sentiment, so they stay; plain punctuation does not.
    if (lemma === null) continue;
    piece.words.push(w);
    piece.lemmas.push(lemma);
  }
  out.push(piece);
  if (out.length !== texts.length) throw new Error(`wink-nlp read ${texts.length} pieces as ${out.length}`);
  attributeMisses(texts, out, missed);
  // Pieces read across a fresh start of the lemma cache hold lemmas from before it: not kept.
  if (gen === generation) {
    if (pieces.size + texts.length > MAX_CACHED_PIECES) pieces.clear();
    for (let i = 0; i < texts.length; i++) pieces.set(texts[i], out[i]);
  }
  return out;
}

/**
 * Which piece each missed lookup belongs to. Lookups come in reading order and each is a substring of
 * its piece, so it goes to every piece from the current one on that contains it: a piece may get a miss
 * that was not its own (it will be read again a little early), never lose one of its own.
 */
function attributeMisses(texts: string[], out: Piece[], missed: string[]): void {
  let current = 0;
  for (const m of missed) {
    while (current < texts.length - 1 && !texts[current].includes(m)) current++;
    for (let j = current; j < texts.length; j++) if (texts[j].includes(m)) (out[j].absent ??= []).push(m);
  }
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
  const lemmas = tagger.readDoc(normal).tokens().out(its.lemma as unknown as typeof its.normal) as string[];
  // A form that the tokenizer splits again ("n't" alone, "cannot") keeps its own spelling.
  return lemmas.length === 1 && lemmas[0] ? lemmas[0] : normal;
}

function tokenizeChinese(text: string): Tokens {
  const words: string[] = [];
  for (const w of jieba.cut(text, true)) {
    if (!WORDLIKE.test(w) && !isEmojiOrEmoticon(w)) continue;
    words.push(w.toLowerCase());
  }
  return { words, lemmas: words };
}

const WORDLIKE = /[\p{L}\p{N}]/u;

function isEmojiOrEmoticon(w: string): boolean {
  return /\p{Extended_Pictographic}/u.test(w);
}
