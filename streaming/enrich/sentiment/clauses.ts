/**
 * The shared tokens drop punctuation, but punctuation ends a negation's scope ("not cheap, but good") and
 * stops n-grams from bridging two clauses. This re-finds each token in the original text and flags the
 * tokens that follow a clause break.
 */

/** True for characters that end a clause: ASCII and CJK punctuation, whitespace runs with newlines. */
export function isClauseBreak(code: number): boolean {
  switch (code) {
    case 0x2c: case 0x2e: case 0x21: case 0x3f: case 0x3b: case 0x3a: case 0x0a: case 0x0d:
    case 0xff0c: case 0x3002: case 0xff01: case 0xff1f: case 0xff1b: case 0xff1a: case 0x3001:
    case 0x2026: case 0xff5e: case 0x7e: case 0xff0e: case 0x28: case 0x29: case 0xff08: case 0xff09:
      return true;
    default:
      return false;
  }
}

/**
 * Returns one flag per word: 1 if a clause break lies between it and the previous word. Words that cannot
 * be found verbatim (wink-nlp normalises some forms, e.g. "n't") inherit "no break", the safe default.
 */
export function clauseStarts(text: string, words: readonly string[], out: Uint8Array): Uint8Array {
  const flags = out.length >= words.length ? out : new Uint8Array(words.length * 2);
  const lower = text.toLowerCase();
  let cursor = 0;
  for (let i = 0; i < words.length; i++) {
    flags[i] = 0;
    const w = words[i];
    const pos = lower.indexOf(w, cursor);
    if (pos < 0 || pos - cursor > 200) continue;
    for (let k = cursor; k < pos; k++) {
      if (isClauseBreak(lower.charCodeAt(k))) {
        flags[i] = i > 0 ? 1 : 0;
        break;
      }
    }
    cursor = pos + w.length;
  }
  return flags;
}
