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
// wink-nlp's splitter and its test for non-breaking spaces (tokenizer.js), so pieces are cut as it cuts them.
const SPLITTER = new RegExp(...(wordModelJson().trex.helpers.splitter as [string, string]));
const NBSP = /[\u00a0\u2002-\u2005\u2009\u200a\u202f\u205f]/;
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

function wordModelJson(): { trex: { helpers: Record<string, unknown> } } {
  return require('wink-eng-lite-web-model/dist/languages/cur/models/eng-core-web-model.json');
}

export function tokenize(text: string, lang: Lang): Tokens {
  return lang === 'en' ? tokenizeEnglish(text) : tokenizeChinese(text);
}

function tokenizeEnglish(text: string): Tokens {
  const words: string[] = [];
  const lemmas: string[] = [];
  const parts = text.split(SPLITTER);
  for (let p = 0; p < parts.length; p++) {
    const t = parts[p];
    // Exactly wink-nlp's test: runs of spaces (with or without non-breaking ones) only separate.
    if (!t || t.charCodeAt(0) === 32 || NBSP.test(t)) continue;
    let piece = pieces.get(t);
    if (piece === undefined || !unchanged(piece)) piece = readPiece(t);
    for (let i = 0; i < piece.words.length; i++) {
      words.push(piece.words[i]);
      lemmas.push(piece.lemmas[i]);
    }
  }
  return { words, lemmas };
}

function unchanged(piece: Piece): boolean {
  const absent = piece.absent;
  if (absent === null) return true;
  for (let i = 0; i < absent.length; i++) if (lexemes[absent[i]] !== undefined) return false;
  return true;
}

function readPiece(text: string): Piece {
  const gen = generation;
  misses = [];
  let doc: ReturnType<typeof nlp.readDoc>;
  let absent: string[];
  try {
    doc = nlp.readDoc(text);
  } finally {
    absent = misses;
    misses = null;
  }
  const normal = doc.tokens().out(its.normal) as string[];
  const words: string[] = [];
  const lemmas: string[] = [];
  for (let i = 0; i < normal.length; i++) {
    const w = normal[i];
    let lemma = english.get(w);
    if (lemma === undefined) {
      lemma = newEnglishWord(w, doc.tokens().itemAt(i));
      if (english.size >= MAX_CACHED_WORDS) {
        english.clear();
        pieces.clear();
        generation++;
      }
      english.set(w, lemma);
    }
    // Emoticons and emoji carry sentiment, so they stay; plain punctuation does not.
    if (lemma === null) continue;
    words.push(w);
    lemmas.push(lemma);
  }
  const piece: Piece = { words, lemmas, absent: absent.length ? absent : null };
  // A piece read across a fresh start of the lemma cache holds lemmas from before it: not kept.
  if (gen === generation) {
    if (pieces.size >= MAX_CACHED_PIECES) pieces.clear();
    pieces.set(text, piece);
  }
  return piece;
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
