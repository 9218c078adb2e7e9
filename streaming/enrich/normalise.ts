/**
 * The "clean" step that runs before every other enrichment: the same customer sentence typed on a phone
 * with a full-width keyboard, pasted from a web page with zero-width joiners, or wrapped over lines must
 * reach language detection, PII redaction and de-duplication as one and the same string.
 */

// Zero-width space/non-joiner, word joiner, BOM, soft hyphen and bidi marks are invisible and only break
// matching. The zero-width joiner is kept when it glues an emoji sequence (👨‍👩‍👧), where it is meaningful.
const INVISIBLE = /[\u200B\u200C\u200E\u200F\u2060\uFEFF\u00AD]|\u200D(?!\p{Extended_Pictographic})/gu;
const WHITESPACE_RUN = /\s+/g;
// Most messages are plain printable ASCII; they need neither NFKC nor the invisible-character pass.
const PLAIN_ASCII = /^[\x21-\x7E]+(?: [\x21-\x7E]+)*$/;

/** NFKC (full-width ASCII → ASCII, ligatures, compatibility forms), invisible characters removed,
 * whitespace runs collapsed to one space, trimmed. Idempotent. */
export function normaliseText(text: string): string {
  if (PLAIN_ASCII.test(text)) return text;
  return text.normalize('NFKC').replace(INVISIBLE, '').replace(WHITESPACE_RUN, ' ').trim();
}
