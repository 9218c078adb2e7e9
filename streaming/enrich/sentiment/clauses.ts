/**
 * The shared tokens drop punctuation, but punctuation ends a negation's scope ("not cheap, but good"),
 * stops n-grams from bridging two clauses and bounds a contrast ("…, but …") to its own sentence. This
 * re-finds each token in the original text and records what kind of break precedes it.
 */

export const NO_BREAK = 0;
export const CLAUSE_BREAK = 1;
export const SENTENCE_BREAK = 2;

/** 2 for characters that end a sentence, 1 for those that end a clause, else 0. */
export function breakKind(code: number): number {
  switch (code) {
    case 0x2e: case 0x21: case 0x3f: case 0x0a: case 0x0d: case 0x3002: case 0xff01: case 0xff1f:
    case 0x2026: case 0xff0e:
      return SENTENCE_BREAK;
    case 0x2c: case 0x3b: case 0x3a: case 0xff0c: case 0xff1b: case 0xff1a: case 0x3001:
    case 0xff5e: case 0x7e: case 0x28: case 0x29: case 0xff08: case 0xff09:
      return CLAUSE_BREAK;
    default:
      return NO_BREAK;
  }
}

/**
 * One entry per word: the strongest break between it and the previous word. Words that cannot be found
 * verbatim (wink-nlp normalises some forms, e.g. "n't") get NO_BREAK, the safe default.
 */
export function tokenBreaks(
  text: string,
  words: readonly string[],
  out: Uint8Array,
  positions?: Int32Array
): Uint8Array {
  const kinds = out.length >= words.length ? out : new Uint8Array(words.length * 2);
  const lower = text.toLowerCase();
  let cursor = 0;
  for (let i = 0; i < words.length; i++) {
    kinds[i] = NO_BREAK;
    const w = words[i];
    const pos = lower.indexOf(w, cursor);
    if (positions) positions[i] = cursor;
    // A far-away match is a different occurrence; searching on from there would skip real breaks.
    if (pos < 0 || pos - cursor > 200) continue;
    if (positions) positions[i] = pos;
    if (i > 0) {
      let kind = NO_BREAK;
      for (let k = cursor; k < pos && kind !== SENTENCE_BREAK; k++) kind = Math.max(kind, breakKind(lower.charCodeAt(k)));
      kinds[i] = kind;
    }
    cursor = pos + w.length;
  }
  return kinds;
}

/**
 * Per-token weights for contrast: within the sentence of a contrast word, tokens before it get `before`
 * and tokens after it get `after` ("the room was nice but the staff were rude" is a complaint). Sentences
 * without a contrast word keep weight 1, so a long review's other sentences are untouched.
 */
export function contrastWeights(
  words: readonly string[],
  contrast: ReadonlySet<string>,
  kinds: Uint8Array,
  before: number,
  after: number,
  out: Float32Array
): Float32Array {
  const n = words.length;
  const w = out.length >= n ? out : new Float32Array(n * 2);
  let sentenceStart = 0;
  for (let i = 0; i <= n; i++) {
    if (i < n && (i === 0 || kinds[i] !== SENTENCE_BREAK)) continue;
    // [sentenceStart, i) is one sentence; the last contrast word in it splits it.
    let at = -1;
    for (let k = sentenceStart; k < i; k++) if (contrast.has(words[k])) at = k;
    for (let k = sentenceStart; k < i; k++) w[k] = at < 0 || k === at ? 1 : k < at ? before : after;
    sentenceStart = i;
  }
  return w;
}
