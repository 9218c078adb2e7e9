import { CLAUSE_BREAK } from './clauses.ts';

/**
 * Review constructions whose tone the word-level features read backwards, found reading the CV errors
 * of en_amazon (sent-2026.11-13). Each is counted on words and lemmas within one clause and enters the
 * model as a learned dense feature, so its weight comes from training, not from this file:
 *
 * - a *return*: the product sent, taken or shipped back, or returned ("had to send it back", "I will
 *   return it for an exchange"). Reviews tell it as a plain story with no opinion word, often beside
 *   the praise the buyer had hoped for; on the dev data every such amazon row is negative.
 * - *unbeatable*: a negated comparative or "enough" ("couldn't be easier", "it doesn't get any better",
 *   "what more could you ask for", "I can't recommend it enough", "you can't go wrong"). The negator
 *   flips the praise word in every other feature, so the strongest praise read as a complaint.
 * - *elsewhere*: advice to buy something better or keep one's money ("get better headphones", "you can
 *   find a much better player", "save your money", "stay away") — the praise word is for another product.
 * - *failure*: a product that worked only for a while ("quit after one day", "worked for two weeks",
 *   "stopped working", "no longer works", "nice while it lasted"), often beside the early praise.
 */

const RETURN_VERBS = new Set(['send', 'ship', 'take', 'bring', 'mail']);
const OBJECTS = new Set(['it', 'them', 'this', 'that', 'one', 'mine', 'the', 'my', 'a', 'both', 'all', 'unit', 'player', 'phone', 'camera', 'item', 'product']);
const NEGATORS = new Set(['not', "n't", 'never', 'cannot', 'no']);
const COMPARATIVES = new Set(['better', 'easier', 'happier', 'nicer', 'simpler']);
const MODALS = new Set(['could', 'can', 'ca', 'would']);
const ENOUGH_VERBS = new Set(['recommend', 'say', 'stress', 'praise', 'thank', 'rave', 'speak']);

const SHOP_VERBS = new Set(['get', 'buy', 'find', 'consider', 'choose', 'invest', 'spend', 'pick']);
const BUY_COMPARATIVES = new Set(['better', 'cheaper', 'nicer']);
const FAIL_VERBS = new Set(['quit', 'die', 'break', 'fail', 'stop', 'crash']);
const NUMBERS = new Set(['a', 'an', 'one', 'two', 'three', 'four', 'five', 'six', 'few', 'couple', 'first']);
const SPANS = new Set(['day', 'week', 'month']);
const HOW_WELL = new Set(['fine', 'great', 'well', 'perfectly', 'ok', 'okay']);

// Every lemma a rule below starts at ('good' for "better off"): most tokens are none, and one lookup
// skips them.
const STARTS = new Set([...RETURN_VERBS, 'return', ...NEGATORS, ...SHOP_VERBS, 'save', 'stay', 'good', ...FAIL_VERBS, 'cease', 'longer', 'work', 'while', 'what']);

/** A count word or a number: "two", "a few", "10". */
const isCount = (w: string) => NUMBERS.has(w) || /^[0-9]+$/.test(w);

/** No clause break between tokens i and j (i < j). */
function sameClause(kinds: Uint8Array, i: number, j: number): boolean {
  for (let k = i + 1; k <= j; k++) if (kinds[k] >= CLAUSE_BREAK) return false;
  return true;
}

export interface EnReadings {
  returns: number;
  unbeatable: number;
  /** advice to buy something better or to keep one's money: "get a better one", "save your money", "stay away" */
  elsewhere: number;
  /** a product that worked for a while: "quit after one day", "worked for two weeks", "stopped working" */
  failure: number;
}

/** Counts of the four constructions in one message (words: surface forms, lemmas: their lemmas). */
export function readEnglish(words: readonly string[], lemmas: readonly string[], kinds: Uint8Array): EnReadings {
  let returns = 0;
  let unbeatable = 0;
  let elsewhere = 0;
  let failure = 0;
  let negatedClause = false;
  const n = lemmas.length;
  for (let i = 0; i < n; i++) {
    const l = lemmas[i];
    if (kinds[i] >= CLAUSE_BREAK) negatedClause = false;
    if (!STARTS.has(l)) continue;
    // get / buy / find … a better one, unless negated ("it doesn't get better") or the comparative ends its
    // clause or takes "at" / "and" ("we will get better", "get better at blogging", "getting better and
    // better": to improve)
    if (SHOP_VERBS.has(l) && !negatedClause) {
      for (let j = i + 1; j < n && j <= i + 4; j++) {
        if (kinds[j] >= CLAUSE_BREAK) break;
        if (BUY_COMPARATIVES.has(words[j])) {
          if (j + 1 < n && kinds[j + 1] < CLAUSE_BREAK && words[j + 1] !== 'at' && words[j + 1] !== 'and') elsewhere++;
          break;
        }
      }
    }
    // "save your money / cash", "stay away", "better off"
    if ((l === 'save' && i + 2 < n && (lemmas[i + 1] === 'your' || lemmas[i + 1] === 'the') && (lemmas[i + 2] === 'money' || lemmas[i + 2] === 'cash') && sameClause(kinds, i, i + 2)) ||
      (l === 'stay' && i + 1 < n && lemmas[i + 1] === 'away' && sameClause(kinds, i, i + 1)) ||
      (words[i] === 'better' && i + 1 < n && words[i + 1] === 'off' && sameClause(kinds, i, i + 1))) elsewhere++;
    // stopped / quit working; quit / died / broke after|within|in a few days; no longer works
    if (FAIL_VERBS.has(l) || l === 'cease') {
      let j = i + 1;
      if (j < n && kinds[j] < CLAUSE_BREAK && (lemmas[j] === 'work' || lemmas[j] === 'function') && l !== 'break' && l !== 'die') failure++;
      else {
        if (j < n && lemmas[j] === 'work') j++;
        if (j + 1 < n && (words[j] === 'after' || words[j] === 'within' || words[j] === 'in') && sameClause(kinds, i, j + 1) && (isCount(words[j + 1]) || words[j + 1] === 'about' || words[j + 1] === 'only' || words[j + 1] === 'just')) failure++;
      }
    }
    if (l === 'longer' && i > 0 && words[i - 1] === 'no' && i + 1 < n && (lemmas[i + 1] === 'work' || lemmas[i + 1] === 'function') && sameClause(kinds, i, i + 1)) failure++;
    // worked (fine) for two weeks / for the first month; "while it lasted"
    // (not "lasted for 10 hours": a battery's life is praise)
    if (l === 'work' && i + 1 < n) {
      let j = i + 1;
      if (HOW_WELL.has(words[j])) j++;
      if (j < n && words[j] === 'for' && sameClause(kinds, i, j)) {
        for (let k = j + 1; k < n && k <= j + 4; k++) {
          if (kinds[k] >= CLAUSE_BREAK) break;
          if (SPANS.has(lemmas[k])) {
            if (isCount(words[k - 1]) || (k >= 2 && isCount(words[k - 2]))) failure++;
            break;
          }
        }
      }
    }
    if (l === 'while' && i + 2 < n && lemmas[i + 1] === 'it' && lemmas[i + 2] === 'last' && sameClause(kinds, i, i + 2)) failure++;
    // send/ship/take … back, with at most three words between ("sent the player back")
    if (RETURN_VERBS.has(l)) {
      for (let j = i + 1; j < n && j <= i + 4; j++) {
        if (kinds[j] >= CLAUSE_BREAK) break;
        if (lemmas[j] === 'back') {
          returns++;
          break;
        }
      }
    } else if (l === 'return' && i + 1 < n && OBJECTS.has(lemmas[i + 1]) && sameClause(kinds, i, i + 1)) {
      // the verb with its object: "return it", not "in return" or "return policy"
      returns++;
    }
    if (NEGATORS.has(l)) {
      negatedClause = true;
      // a negated comparative after a modal, or with "any": "could not be easier", "can't ask for more",
      // "it doesn't get any better" — not "it is not better" nor "not as good as" (the product losing),
      // and not "couldn't be more disappointed" ("more" counts only as what one could ask for)
      const modal = l === 'cannot' || (i > 0 && MODALS.has(lemmas[i - 1]) && sameClause(kinds, i - 1, i));
      let any = false;
      for (let j = i + 1; j < n && j <= i + 4; j++) {
        if (kinds[j] >= CLAUSE_BREAK || words[j] === 'as') break;
        if (words[j] === 'any') any = true;
        const w = words[j];
        if ((modal || any) && (COMPARATIVES.has(w) || (w === 'more' && lemmas[j - 1] === 'for' && j >= 2 && lemmas[j - 2] === 'ask'))) {
          unbeatable++;
          break;
        }
      }
      // "can't recommend it enough", "cannot say enough good things"
      if (i + 1 < n && ENOUGH_VERBS.has(lemmas[i + 1])) {
        for (let j = i + 2; j < n && j <= i + 6; j++) {
          if (kinds[j] >= CLAUSE_BREAK) break;
          if (lemmas[j] === 'enough') {
            unbeatable++;
            break;
          }
        }
      }
      // "you can't go wrong"
      if (i + 2 < n && lemmas[i + 1] === 'go' && lemmas[i + 2] === 'wrong' && sameClause(kinds, i, i + 2)) unbeatable++;
    }
    // "what more could you ask for", "what more can I say"
    if (l === 'what' && i + 2 < n && words[i + 1] === 'more' && (lemmas[i + 2] === 'could' || lemmas[i + 2] === 'can') && sameClause(kinds, i, i + 2)) unbeatable++;
  }
  return { returns, unbeatable, elsewhere, failure };
}
