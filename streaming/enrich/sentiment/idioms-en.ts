import { CLAUSE_BREAK } from './clauses.ts';

/**
 * Set phrases whose tone is not the sum of their words, matched on lemmas. Litotes ("not bad", "can't
 * complain") are praise in customer feedback, yet a word-level model reads a negator plus a negative word,
 * and the dev data is too thin to learn each phrase. Kept short on purpose: only phrases whose reading
 * does not depend on context belong here.
 */
const IDIOMS: readonly (readonly [number, readonly string[]])[] = [
  [1, ['not', 'bad']],
  [1, ['not', 'too', 'bad']],
  [1, ['not', 'that', 'bad']],
  [1, ['no', 'complaint']],
  [1, ['can', 'not', 'complain']],
  [1, ['cannot', 'complain']],
  [1, ['nothing', 'to', 'complain']],
  [1, ['no', 'problem']],
  [1, ['could', 'not', 'be', 'happy']],
  [1, ['could', 'not', 'be', 'good']],
  [1, ['never', 'disappoint']],
  [1, ['not', 'disappoint']],
  [1, ['will', 'not', 'regret']],
  [1, ['highly', 'recommend']],
  [-1, ['do', 'not', 'like']],
  [-1, ['do', 'not', 'work']],
  [-1, ['not', 'work']],
  [-1, ['would', 'not', 'recommend']],
  [-1, ['do', 'not', 'recommend']],
  [-1, ['never', 'again']],
  [-1, ['waste', 'of', 'money']],
  [-1, ['waste', 'of', 'time']],
  [-1, ['not', 'worth']]
];

const BY_FIRST = new Map<string, (readonly [number, readonly string[]])[]>();
for (const idiom of IDIOMS) {
  const list = BY_FIRST.get(idiom[1][0]) ?? [];
  list.push(idiom);
  BY_FIRST.set(idiom[1][0], list);
}

/** Sum of the polarities of the set phrases in the text, each weighted like its first token. */
export function idiomScore(lemmas: readonly string[], kinds: Uint8Array, weights: Float32Array): number {
  let score = 0;
  for (let i = 0; i < lemmas.length; i++) {
    const candidates = BY_FIRST.get(lemmas[i]);
    if (!candidates) continue;
    for (const [polarity, phrase] of candidates) {
      if (i + phrase.length > lemmas.length) continue;
      let k = 1;
      // A phrase must lie within one clause: "not bad, problem …" is not "not bad problem".
      while (k < phrase.length && lemmas[i + k] === phrase[k] && kinds[i + k] < CLAUSE_BREAK) k++;
      if (k === phrase.length) score += polarity * weights[i];
    }
  }
  return score;
}
