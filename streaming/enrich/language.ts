import type { Lang } from '../../schemas/feedback.ts';

/**
 * Language by script share. Customer messages are short and our languages use different scripts, so
 * counting Han characters against Latin words is both faster and more reliable on two-word reviews than
 * a statistical model. Digits, punctuation, emoji, URLs and e-mail addresses carry no language and are
 * skipped.
 *
 * Units: one Han character vs one Latin word, weighted ×1.5 (an English word carries roughly as much as
 * one to two characters). "mixed" needs substantial amounts of both *and* English grammar (a function
 * word), so a Chinese sentence naming "iPhone 15 Pro Max" or "App" stays zh.
 */

// A message is mixed only when the minority language has at least this share of the units.
const MIXED_MIN_SHARE = 0.25;
const MIXED_MIN_HAN = 4;
const MIXED_MIN_WORDS = 3;
const WORD_WEIGHT = 1.5;
// Japanese mixes kana into Han text; a stray "の" in Chinese slang must not make it Japanese.
const KANA_MIN_SHARE = 0.15;
// Latin-script text where many letters carry diacritics is Vietnamese, French, German…, not English.
const DIACRITIC_MAX_SHARE = 0.08;

// The first couple of thousand characters decide the language as well as the whole text does.
const MAX_SCAN = 2000;
const LATIN_WORD = /[A-Za-z]+(?:['\u2019][A-Za-z]+)?/g;
const APOSTROPHE = /['\u2019]/;
// Bounded and anchored on the start of the local part, so a long run of letters before an "@" stays linear.
const URL_OR_EMAIL = /(?:https?:\/\/|www\.)\S+|(?<![\w.+-])[\w.+-]{1,64}@[\w-]+\.[\w.-]+/gi;

const FUNCTION_WORDS = new Set(
  ('a an the i me my we our you your he she it its they them their this that these those is am are was ' +
    'were be been being do does did have has had will would can could should not no and or but so if ' +
    'of to in on at for with from by about very really too just what when why how which who there here ' +
    'than then get got dont cant wont didnt doesnt isnt im ive also still even because after before')
    .split(' ')
);

interface ScriptCounts {
  han: number;
  kana: number;
  /** other scripts' letters: hangul, Cyrillic, Arabic, Thai, … */
  foreign: number;
  latinWords: number;
  latinLetters: number;
  diacritics: number;
}

export function detectLanguage(text: string): Lang {
  const plain = text.includes('@') || text.includes('http') || text.includes('www.') ? text.replace(URL_OR_EMAIL, ' ') : text;
  const c = countScripts(plain);
  const zh = c.han;
  const en = c.latinWords * WORD_WEIGHT;
  const total = zh + en + c.kana + c.foreign;
  if (total === 0) return 'other';
  if (c.kana > 0 && c.kana / (c.kana + c.han) >= KANA_MIN_SHARE) return 'other';
  if (c.foreign >= zh + en) return 'other';
  if (zh === 0) {
    return c.diacritics >= 2 && c.diacritics / c.latinLetters > DIACRITIC_MAX_SHARE ? 'other' : 'en';
  }
  if (en === 0) return 'zh';
  // Only text with both scripts needs the (slower) look for English grammar.
  const grammar = hasFunctionWord(plain);
  const minority = Math.min(zh, en) / (zh + en);
  if (grammar && minority >= MIXED_MIN_SHARE && c.han >= MIXED_MIN_HAN && c.latinWords >= MIXED_MIN_WORDS) return 'mixed';
  // Without English grammar, Latin words inside Han text are names of products, brands and features.
  if (!grammar && c.han >= 2) return 'zh';
  return zh >= en ? 'zh' : 'en';
}

function countScripts(text: string): ScriptCounts {
  const c: ScriptCounts = { han: 0, kana: 0, foreign: 0, latinWords: 0, latinLetters: 0, diacritics: 0 };
  let wordStart = -1;
  const n = Math.min(text.length, MAX_SCAN);
  for (let i = 0; i <= n; i++) {
    const ch = i < n ? text.charCodeAt(i) : 32;
    const k = SCRIPT[ch];
    const latin = k <= LATIN_MARKED;
    // Apostrophes stay inside a word so "don't" is one word.
    if (latin || (wordStart >= 0 && (ch === 39 || ch === 0x2019) && i + 1 < n && SCRIPT[text.charCodeAt(i + 1)] <= LATIN_MARKED)) {
      if (wordStart < 0) wordStart = i;
      if (latin) {
        c.latinLetters++;
        if (k === LATIN_MARKED) c.diacritics++;
      }
      continue;
    }
    if (wordStart >= 0) {
      c.latinWords++;
      wordStart = -1;
    }
    if (k === HAN) c.han++;
    else if (k === KANA) c.kana++;
    else if (k === FOREIGN) c.foreign++;
  }
  return c;
}

function hasFunctionWord(text: string): boolean {
  for (const m of text.matchAll(LATIN_WORD)) {
    if (FUNCTION_WORDS.has(m[0].toLowerCase().replace(APOSTROPHE, ''))) return true;
  }
  return false;
}

function isLatin(ch: number): boolean {
  return (
    (ch >= 97 && ch <= 122) ||
    (ch >= 65 && ch <= 90) ||
    (ch >= 0xc0 && ch <= 0x24f && ch !== 0xd7 && ch !== 0xf7) ||
    (ch >= 0xff21 && ch <= 0xff3a) ||
    (ch >= 0xff41 && ch <= 0xff5a)
  );
}

const LETTER = /\p{L}/u;

// What countScripts counts a UTF-16 unit as, decided once per unit (64 KB): a lookup per character
// instead of a chain of range tests. The chain's rare branches (Cyrillic, kana, hangul…) had no type
// feedback after the common ones, so the first such character deoptimised countScripts and the
// enricher it was inlined into, which V8 then compiled again (seen in the eval's timed pass).
const LATIN_PLAIN = 0;
/** a Latin letter at or above U+00C0 (accented, or full-width) */
const LATIN_MARKED = 1;
const HAN = 2;
const KANA = 3;
const FOREIGN = 4;
const NONE = 5;
const SCRIPT = new Uint8Array(0x10000);
for (let ch = 0; ch < 0x10000; ch++) SCRIPT[ch] = scriptOf(ch);

function scriptOf(ch: number): number {
  if (isLatin(ch)) return ch >= 0xc0 ? LATIN_MARKED : LATIN_PLAIN;
  if (ch < 0x250) return NONE;
  if ((ch >= 0x4e00 && ch <= 0x9fff) || (ch >= 0x3400 && ch <= 0x4dbf) || (ch >= 0xf900 && ch <= 0xfaff)) return HAN;
  if (ch >= 0xd840 && ch <= 0xd87f) return HAN; // high surrogate of CJK extension B–F
  if ((ch >= 0x3040 && ch <= 0x30ff) || (ch >= 0x31f0 && ch <= 0x31ff) || (ch >= 0xff66 && ch <= 0xff9f)) {
    // The prolonged-sound mark and middle dot also appear in Chinese text (e.g. "·" in names).
    return ch !== 0x30fb && ch !== 0x30fc ? KANA : NONE;
  }
  if (ch >= 0x370 && ch < 0x2000 && LETTER.test(String.fromCharCode(ch))) return FOREIGN;
  if ((ch >= 0xac00 && ch <= 0xd7af) || (ch >= 0x3130 && ch <= 0x318f)) return FOREIGN;
  return NONE;
}
