import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Lang } from '../../schemas/feedback.ts';

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
// The message is only tokenised: wink-nlp's POS tagger (which its lemmas depend on) cost more than
// the rest of the enrichment together. Lemmas come from lemmaOf below, once per distinct word.
const nlp = winkNLP(model, []);
// Used only to lemmatise a new word on its own (see lemmaOf), never on a whole message.
const tagger = winkNLP(model, ['pos']);
const its = nlp.its;

// What the English tokens keep of each distinct normal form: its lemma, or null for punctuation and
// whitespace. A token's type and lemma are functions of its normal form here, so they are computed
// once per vocabulary word instead of once per occurrence.
const english = new Map<string, string | null>();
// A stream's vocabulary keeps growing (typos, handles, numbers); past this many words start afresh.
const MAX_CACHED_WORDS = 200_000;

export function tokenize(text: string, lang: Lang): Tokens {
  return lang === 'en' ? tokenizeEnglish(text) : tokenizeChinese(text);
}

function tokenizeEnglish(text: string): Tokens {
  const doc = nlp.readDoc(text);
  const normal = doc.tokens().out(its.normal) as string[];
  const words: string[] = [];
  const lemmas: string[] = [];
  for (let i = 0; i < normal.length; i++) {
    const w = normal[i];
    let lemma = english.get(w);
    if (lemma === undefined) {
      lemma = newEnglishWord(w, doc.tokens().itemAt(i));
      if (english.size >= MAX_CACHED_WORDS) english.clear();
      english.set(w, lemma);
    }
    // Emoticons and emoji carry sentiment, so they stay; plain punctuation does not.
    if (lemma === null) continue;
    words.push(w);
    lemmas.push(lemma);
  }
  return { words, lemmas };
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
const require = createRequire(import.meta.url);
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
