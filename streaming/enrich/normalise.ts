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

// Full-width punctuation is correct typography in Chinese (，！？：；（）～): NFKC would turn it into ASCII,
// and the wall and the stored record would show "饭都凉了,差评!" instead of what the customer wrote.
const CJK_PUNCTUATION = /([\uFF0C\uFF01\uFF1F\uFF1A\uFF1B\uFF08\uFF09\uFF5E])/;

/** NFKC (full-width letters and digits → ASCII, ligatures, compatibility forms) except Chinese
 * punctuation, invisible characters removed, whitespace runs collapsed to one space, trimmed. Idempotent. */
export function normaliseText(text: string): string {
  if (PLAIN_ASCII.test(text)) return text;
  const folded = text
    .split(CJK_PUNCTUATION)
    .map((part, i) => (i % 2 ? part : part.normalize('NFKC')))
    .join('');
  return folded.replace(INVISIBLE, '').replace(WHITESPACE_RUN, ' ').trim();
}
