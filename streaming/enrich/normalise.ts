/**
 * The "clean" step that runs before every other enrichment: the same customer sentence typed on a phone
 * with a full-width keyboard, pasted from a web page with zero-width joiners, or wrapped over lines must
 * reach language detection, PII redaction and de-duplication as one and the same string.
 */

// Zero-width space/non-joiner, word joiner, BOM, soft hyphen and bidi marks are invisible and only break
// matching. The zero-width joiner is kept when it glues an emoji sequence (👨‍👩‍👧), where it is meaningful.
const INVISIBLE = /[\u200B\u200C\u200E\u200F\u2060\uFEFF\u00AD]|\u200D(?!\p{Extended_Pictographic})/gu;
const WHITESPACE_RUN = /\s+/g;

// Full-width punctuation is correct typography in Chinese (，！？：；（）～): NFKC would turn it into ASCII,
// and the wall and the stored record would show "饭都凉了,差评!" instead of what the customer wrote.
const CJK_PUNCTUATION = /([\uFF0C\uFF01\uFF1F\uFF1A\uFF1B\uFF08\uFF09\uFF5E])/;

/** NFKC (full-width letters and digits → ASCII, ligatures, compatibility forms) except Chinese
 * punctuation, invisible characters removed, whitespace runs collapsed to one space, trimmed. Idempotent. */
export function normaliseText(text: string): string {
  return alreadyNormal(text) ? text : normaliseSlowly(text);
}

// Its own function, called by few messages, so V8 does not inline it into the enricher: the first
// message whose string is built differently (two-byte, say) used to deoptimise this code and with it
// the whole of `enrich`, the largest compile there is (--trace-deopt, once per process).
function normaliseSlowly(text: string): string {
  const folded = text
    .split(CJK_PUNCTUATION)
    .map((part, i) => (i % 2 ? part : part.normalize('NFKC')))
    .join('');
  return folded.replace(INVISIBLE, '').replace(WHITESPACE_RUN, ' ').trim();
}

/**
 * Most messages — printable ASCII, common Han characters and the usual Chinese punctuation, single
 * spaces — are already in the normal form; one pass over the char codes says so without running NFKC,
 * which costs more than the rest of the cleaning step. Anything else takes the full path.
 */
function alreadyNormal(text: string): boolean {
  const n = text.length;
  if (n === 0) return true;
  if (text.charCodeAt(0) === 0x20 || text.charCodeAt(n - 1) === 0x20) return false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x20 && c < 0x7f) continue;
    if (c === 0x20) {
      if (text.charCodeAt(i + 1) === 0x20) return false;
      continue;
    }
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) continue;
    if (!STABLE_PUNCTUATION.has(c)) return false;
  }
  return true;
}

// Characters NFKC leaves alone (、。“”‘’《》「」【】·) or that the normal form keeps on purpose (CJK_PUNCTUATION).
const STABLE_PUNCTUATION = new Set(
  [0x3001, 0x3002, 0x201c, 0x201d, 0x2018, 0x2019, 0x300a, 0x300b, 0x300c, 0x300d, 0x3010, 0x3011, 0xb7,
    0xff0c, 0xff01, 0xff1f, 0xff1a, 0xff1b, 0xff08, 0xff09, 0xff5e]
);
