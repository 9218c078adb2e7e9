/**
 * Builds streaming/enrich/lemmas-alone.json: the lemma wink-nlp gives each word of its English model's
 * vocabulary tagged on its own (tokens.ts lemmaOf), where that differs from the word. Re-run after
 * upgrading wink-nlp or wink-eng-lite-web-model (the file records both versions; with other versions
 * tokens.ts ignores it and tags words as they come).
 *
 *   npx tsx scripts/build-lemmas.ts
 */
import { writeFileSync } from 'node:fs';
import model from 'wink-eng-lite-web-model';
import { LEMMAS_ALONE_FILE, WINK_VERSIONS, tagAlone, type WinkModel } from '../streaming/enrich/tokens.ts';

const core = (model as unknown as WinkModel).core();
const words = core.features.lexeme.list.slice(0, core.features.lexeme.intrinsicSize);
const lemmas: Record<string, string> = {};
for (const w of words) {
  const l = tagAlone(w);
  if (l !== w) lemmas[w] = l;
}
writeFileSync(LEMMAS_ALONE_FILE, JSON.stringify({ versions: WINK_VERSIONS, lemmas }) + '\n');
console.error(`${words.length} words, ${Object.keys(lemmas).length} with a lemma of their own → ${LEMMAS_ALONE_FILE}`);
