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
// Only the tokenizer and POS tagger are needed for lemmas; skipping NER and sentence boundaries keeps
// wink-nlp fast enough for the per-core throughput target.
const nlp = winkNLP(model, ['pos']);
const its = nlp.its;

const WORDLIKE = /[\p{L}\p{N}]/u;

export function tokenize(text: string, lang: Lang): Tokens {
  if (lang === 'en') {
    const doc = nlp.readDoc(text);
    const normal = doc.tokens().out(its.normal) as string[];
    // wink-nlp's typings give its.lemma a wider signature than out() accepts; at run time it is an its function.
    const lemma = doc.tokens().out(its.lemma as unknown as typeof its.normal) as string[];
    const type = doc.tokens().out(its.type) as string[];
    const words: string[] = [];
    const lemmas: string[] = [];
    for (let i = 0; i < normal.length; i++) {
      // Emoticons and emoji carry sentiment, so they stay; plain punctuation does not.
      if (type[i] === 'punctuation' || type[i] === 'tabCRLF' || type[i] === 'space') continue;
      words.push(normal[i]);
      lemmas.push(lemma[i] ?? normal[i]);
    }
    return { words, lemmas };
  }
  const words: string[] = [];
  for (const w of jieba.cut(text, true)) {
    if (!WORDLIKE.test(w) && !isEmojiOrEmoticon(w)) continue;
    words.push(w.toLowerCase());
  }
  return { words, lemmas: words };
}

function isEmojiOrEmoticon(w: string): boolean {
  return /\p{Extended_Pictographic}/u.test(w);
}
