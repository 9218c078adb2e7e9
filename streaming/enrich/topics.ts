import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Lang } from '../../schemas/feedback.ts';
import { LEAF_IDS, TAXONOMY, type DomainRef, type Taxonomy, type TopicTerms } from '../../schemas/taxonomy.ts';
import { compileTopicCheck, type TopicCheck, type TopicCheckModel } from './topic-check.ts';
import type { Tokens } from './tokens.ts';

/**
 * Topic matching: which taxonomy leaves a message is *about*. Polarity is not our business here — "no
 * delivery problems" and "送餐很快" are both on delivery.late, and the aspect step says whether that is
 * praise or complaint. So negation never removes a topic; `exclude` terms only veto another *sense* of a
 * word in the same clause ("快" in "开机很快" is not delivery speed, "cold" in "fighting a cold" is not
 * food temperature).
 *
 * Matching works on the pipeline's tokens, never on raw substrings, so "凉" does not fire inside "凉快":
 * - English: a term matches a word or its lemma; "battery life" is a phrase of consecutive tokens.
 * - Chinese: a term matches one jieba word or several consecutive ones ("快递/员" → 快递员). jieba glues
 *   compounds that the taxonomy cannot list ("商品质量", "价格合理"), so a term of two or more
 *   characters also matches inside a longer word when no whole-word term does; one-character terms
 *   ("凉", "慢", "贵") always need a word of their own.
 * - "A…B" (both languages) matches A followed by B within a few tokens of one clause: "没…送" for
 *   "没给我送", not for "没打蜡，快递送来".
 * At each position the longest match wins, so "sound quality" (features) shadows "quality".
 *
 * Domain checks (`context`, `notIn` in the taxonomy) run after that, at message scope, and only when a
 * leaf that has one fired: one Map lookup per token over the tokens already there, no second scan of
 * the text. They keep a word used by another kind of review (a hotel room's 味道, a camera's "features
 * i haven't checked out") off the leaves of this one.
 */

export interface TopicSpan {
  /** leaf id */
  topic: string;
  /** token range [start, end) */
  start: number;
  end: number;
}

export interface TopicMatcher {
  /** leaf ids in order of first mention */
  match(text: string, lang: Lang, tokens: Tokens): string[];
  /** every surviving mention, for aspect sentiment; `text` is needed for clause-scoped exclusions */
  spans(text: string, lang: Lang, tokens: Tokens): TopicSpan[];
}

interface Entry {
  leaf: number;
  exclude: boolean;
  /** an `excludeSentence` term: its veto reaches its whole sentence, whatever the leaf's `excludeScope` */
  wide: boolean;
  /** a `mentions` term: counts only with one of the leaf's `about` words in its sentence */
  weak: boolean;
}

interface Pattern {
  /**
   * Chinese: the rest of the first part when jieba splits it ("没了…换" is also kept under 没 with "了"
   * here), to be matched by the words right after the key
   */
  lead?: string;
  /** parts after the first */
  rest: string[];
  /** parts may have up to GAP tokens between them */
  gap: boolean;
  entries: Entry[];
}

/** Everything known about one key, so the hot loop does a single Map lookup per token. */
interface Node {
  /** terms equal to the key (for Chinese: possibly several words joined) */
  exact?: Entry[];
  /** multi-part terms whose first part is the key, longest first */
  patterns?: Pattern[];
  /** Chinese: where the key leaves off in the character trie, when some longer term starts with it */
  trie?: TrieNode;
}

/** Character trie of the Chinese terms, walked across word boundaries without building strings. */
interface TrieNode {
  next: Map<number, TrieNode>;
  exact?: Entry[];
}

interface Lexicon {
  nodes: Map<string, Node>;
  /** longest single-part term in characters */
  maxChars: number;
  /** Chinese: terms span several jieba words and may sit inside a compound word */
  joinWords: boolean;
  trie: TrieNode;
}

interface Hit {
  leaf: number;
  exclude: boolean;
  wide: boolean;
  weak: boolean;
  start: number;
  end: number;
}

/** Most distinct context/notIn word lists: they are bits of one 32-bit mask per message. */
const MAX_DOMAIN_GROUPS = 31;

const GAP = 3;
/** how many tokens either side of a `mentions` word its verdict may lie (and in the same clause) */
const ABOUT_REACH = 8;
const MAX_CONCAT_WORDS = 4;
const GAP_MARK = /\s*(?:…|\.\.\.)\s*/;

export function createTopicMatcher(taxonomy: Taxonomy): TopicMatcher {
  const leaves: string[] = [];
  const zh = emptyLexicon(true);
  const en = emptyLexicon(false);
  const domains = new DomainWords();
  // Per leaf: the bit of its context group and of its notIn group (0 = none); sentence-scoped exclusions.
  const needBit: number[] = [];
  const vetoBit: number[] = [];
  const sentenceScope: boolean[] = [];
  const aboutWords: (AboutWords | null)[] = [];
  // Per leaf: the leaves it gives way to in its clause (resolved to indices once every leaf is known).
  const yieldNames: (string[] | undefined)[] = [];
  for (const parent of taxonomy.topics) {
    for (const leaf of parent.children) {
      const idx = leaves.push(leaf.id) - 1;
      const kinds: [TopicTerms | undefined, Omit<Entry, 'leaf'>][] = [
        [leaf.terms, { exclude: false, wide: false, weak: false }],
        [leaf.exclude, { exclude: true, wide: false, weak: false }],
        [leaf.excludeSentence, { exclude: true, wide: true, weak: false }],
        [leaf.mentions, { exclude: false, wide: false, weak: true }]
      ];
      for (const [terms, kind] of kinds) {
        for (const t of terms?.zh ?? []) addTerm(zh, t, { leaf: idx, ...kind });
        for (const t of terms?.en ?? []) addTerm(en, t, { leaf: idx, ...kind });
      }
      aboutWords.push(leaf.mentions ? aboutSet(leaf.about, leaf.id) : null);
      needBit.push(domains.group(domainWords(taxonomy, leaf.context ?? parent.context, leaf.id)));
      vetoBit.push(domains.group(domainWords(taxonomy, leaf.notIn ?? parent.notIn, leaf.id)));
      sentenceScope.push(leaf.excludeScope === 'sentence');
      yieldNames.push(leaf.yieldsTo);
    }
  }
  const yieldsTo: (Set<number> | null)[] = yieldNames.map((names, i) => {
    if (!names?.length) return null;
    return new Set(
      names.map((n) => {
        const j = leaves.indexOf(n);
        if (j < 0 || j === i) throw new Error(`taxonomy: ${leaves[i]} yields to an unknown leaf "${n}"`);
        return j;
      })
    );
  });
  const yields = yieldsTo.map((y) => y !== null);
  const checked = needBit.map((b, i) => b !== 0 || vetoBit[i] !== 0);
  for (const lex of [zh, en]) for (const node of lex.nodes.values()) node.patterns?.sort((a, b) => b.rest.length - a.rest.length);
  // Compound-word lookups repeat endlessly over a stream (the vocabulary is finite), so remember them.
  const inWord = new Map<string, Entry[] | null>();
  // One per matcher, reset per message: the check is rare, its allocation would not be.
  const clauses = new LazyClauses();

  function lexiconsFor(lang: Lang): Lexicon[] {
    if (lang === 'en') return [en];
    if (lang === 'zh') return [zh];
    return [zh, en];
  }

  function hitsOf(text: string, lang: Lang, tokens: Tokens): Hit[] {
    const hits: Hit[] = [];
    clauses.reset(text, lang, tokens);
    for (const lex of lexiconsFor(lang)) scan(lex, tokens, hits, inWord, clauses);
    return hits;
  }

  // Scratch marks per leaf, reused across calls: 1 = a term fired, 2 = an exclusion fired.
  const marks = new Uint8Array(leaves.length);

  function vetoExclusions(text: string, lang: Lang, tokens: Tokens, hits: Hit[]): Hit[] {
    let anyExclude = false;
    let contested = false;
    let sentences = false;
    for (const h of hits) marks[h.leaf] |= h.exclude ? 2 : 1;
    for (const h of hits) {
      if (h.exclude) anyExclude = true;
      if (marks[h.leaf] === 3) {
        contested = true;
        if (sentenceScope[h.leaf]) sentences = true;
      }
      if (h.wide) sentences = true;
      marks[h.leaf] = 0;
    }
    if (!anyExclude) return hits;
    // Clause boundaries cost more than the matching, so they are computed only when an exclusion
    // and a term of the same leaf both fired — rare, even though exclusion words themselves are common.
    if (!contested) return hits.filter((h) => !h.exclude);
    const clauseOf = segmentClauses(text, lang, tokens, false).clauseOfToken;
    const sentenceOf = sentences ? segmentClauses(text, lang, tokens, false, 'sentence').clauseOfToken : clauseOf;
    // A term is vetoed by an exclusion in its clause (in its sentence with `excludeScope: "sentence"`), or
    // by an `excludeSentence` term anywhere in its sentence. Clause keys are even, sentence keys odd.
    const vetoed = new Set<number>();
    const clauseKey = (h: Hit) => (h.leaf * 65_536 + clauseOf[h.start]) * 2;
    const sentenceKey = (h: Hit) => (h.leaf * 65_536 + sentenceOf[h.start]) * 2 + 1;
    for (const h of hits) if (h.exclude) vetoed.add(h.wide || sentenceScope[h.leaf] ? sentenceKey(h) : clauseKey(h));
    return hits.filter((h) => !h.exclude && !vetoed.has(clauseKey(h)) && !vetoed.has(sentenceKey(h)));
  }

  /**
   * Drops `mentions` hits whose clause says nothing about them ("机场到酒店的出租车费" is no verdict on
   * the location; "离机场很近" is). Clauses are segmented only when such a hit is there.
   */
  function keepAbout(tokens: Tokens, hits: Hit[]): Hit[] {
    if (!anyHit(hits, WEAK)) return hits;
    const n = tokens.words.length;
    return hits.filter((h) => {
      if (!h.weak) return true;
      // A verdict near the mention, in its clause. Nearby words are checked first, so the tokens are
      // located in the text (the costly part) only when one of them is a verdict.
      const about = aboutWords[h.leaf]!;
      for (let k = Math.max(0, h.start - ABOUT_REACH); k < Math.min(n, h.end + ABOUT_REACH); k++) {
        if (k >= h.start && k < h.end) continue;
        if (isAbout(about, tokens, k) && (k < h.start ? clauses.same(k, h.end - 1) : clauses.same(h.start, k))) return true;
      }
      return false;
    });
  }

  /**
   * Drops the hits of a leaf that gives way (`yieldsTo`) when a leaf it yields to survived in the same
   * clause. Clauses are segmented only when both are there.
   */
  function giveWay(text: string, lang: Lang, tokens: Tokens, hits: Hit[]): Hit[] {
    let contested = false;
    for (let i = 0; i < hits.length && !contested; i++) {
      const y = yieldsTo[hits[i].leaf];
      if (y !== null) for (let k = 0; k < hits.length; k++) if (y.has(hits[k].leaf)) contested = true;
    }
    if (!contested) return hits;
    const clauseOf = segmentClauses(text, lang, tokens, false).clauseOfToken;
    return hits.filter((h) => {
      const y = yieldsTo[h.leaf];
      return y === null || !hits.some((o) => y.has(o.leaf) && clauseOf[o.start] === clauseOf[h.start]);
    });
  }

  function resolve(text: string, lang: Lang, tokens: Tokens): Hit[] {
    let hits = keepAbout(tokens, vetoExclusions(text, lang, tokens, hitsOf(text, lang, tokens)));
    if (anyHit(hits, CHECKED)) {
      const mask = domains.maskOf(tokens);
      hits = hits.filter((h) => (needBit[h.leaf] === 0 || (mask & needBit[h.leaf]) !== 0) && (mask & vetoBit[h.leaf]) === 0);
    }
    return anyHit(hits, YIELDS) ? giveWay(text, lang, tokens, hits) : hits;
  }

  // Loops rather than some/map with arrow functions: these run on every message, and a closure per call
  // costs more than the few hits it looks at.
  const WEAK = 0;
  const CHECKED = 1;
  const YIELDS = 2;
  function anyHit(hits: Hit[], what: number): boolean {
    for (let i = 0; i < hits.length; i++) if (what === WEAK ? hits[i].weak : what === CHECKED ? checked[hits[i].leaf] : yields[hits[i].leaf]) return true;
    return false;
  }

  function spans(text: string, lang: Lang, tokens: Tokens): TopicSpan[] {
    const hits = resolve(text, lang, tokens);
    const out: TopicSpan[] = new Array(hits.length);
    for (let i = 0; i < hits.length; i++) out[i] = { topic: leaves[hits[i].leaf], start: hits[i].start, end: hits[i].end };
    return out;
  }
  return { match: (text, lang, tokens) => topicsOf(spans(text, lang, tokens)), spans };
}

/** A leaf's `about` words: whole tokens or lemmas; Chinese ones also inside a longer word ("很近" holds 近). */
interface AboutWords {
  words: Set<string>;
  /** longest Chinese about word, for the substring lookups */
  maxCjk: number;
  /** word → whether it is an about word */
  seen: Map<string, boolean>;
}

function aboutSet(about: TopicTerms | undefined, leaf: string): AboutWords {
  const all = [...(about?.zh ?? []), ...(about?.en ?? [])].map((w) => w.trim().toLowerCase()).filter(Boolean);
  if (all.length === 0) throw new Error(`taxonomy: ${leaf} has \`mentions\` but no \`about\` words`);
  return { words: new Set(all), maxCjk: Math.max(0, ...all.filter(isCjk).map((w) => w.length)), seen: new Map() };
}

/** Whether token k is one of the about words (its word or lemma; remembered per word: the vocabulary is finite). */
function isAbout(about: AboutWords, tokens: Tokens, k: number): boolean {
  const w = tokens.words[k];
  let yes = about.seen.get(w);
  if (yes === undefined) {
    yes = about.words.has(w) || about.words.has(tokens.lemmas[k]) || (w.length > 1 && isCjk(w) && holdsCjk(about, w));
    if (about.seen.size > 50_000) about.seen.clear();
    about.seen.set(w, yes);
  }
  return yes;
}

/** Chinese: an about word inside a longer word ("很近" holds 近). */
function holdsCjk(about: AboutWords, w: string): boolean {
  for (let len = Math.min(about.maxCjk, w.length - 1); len >= 1; len--) {
    for (let s = 0; s + len <= w.length; s++) if (about.words.has(w.slice(s, s + len))) return true;
  }
  return false;
}

/** The words of a `context`/`notIn` setting: inline lists, or the pooled lists of named domains. */
function domainWords(taxonomy: Taxonomy, ref: DomainRef | undefined, leaf: string): TopicTerms | undefined {
  if (ref === undefined || (typeof ref === 'object' && !Array.isArray(ref))) return ref;
  const out: TopicTerms = { zh: [], en: [] };
  for (const name of [ref].flat()) {
    const d = taxonomy.domains?.[name];
    if (!d) throw new Error(`taxonomy: ${leaf} names an unknown domain "${name}"`);
    out.zh.push(...d.zh);
    out.en.push(...d.en);
  }
  return out;
}

/**
 * The taxonomy's context/notIn word lists, each a bit; a message's mask is the OR of its tokens' bits.
 * Lists with the same words share a bit, so a parent's list inherited by nine leaves costs one.
 */
class DomainWords {
  private bits = new Map<string, number>();
  private groups = new Map<string, number>();
  private maxChars = 0;
  /** Chinese compound words → bits of the context words inside them ("该酒店" → 酒店) */
  private inside = new Map<string, number>();

  /** The bit of a word list, 0 for none or an empty one. */
  group(terms: TopicTerms | undefined): number {
    const words = [...(terms?.zh ?? []), ...(terms?.en ?? [])].map((w) => w.trim().toLowerCase()).filter(Boolean);
    if (words.length === 0) return 0;
    const key = [...new Set(words)].sort().join('\n');
    let bit = this.groups.get(key);
    if (bit === undefined) {
      if (this.groups.size >= MAX_DOMAIN_GROUPS) throw new Error(`taxonomy: more than ${MAX_DOMAIN_GROUPS} distinct context/notIn lists`);
      bit = 1 << this.groups.size;
      this.groups.set(key, bit);
      for (const w of words) {
        this.bits.set(w, (this.bits.get(w) ?? 0) | bit);
        if (isCjk(w)) this.maxChars = Math.max(this.maxChars, w.length);
      }
    }
    return bit;
  }

  maskOf(tokens: Tokens): number {
    const { words, lemmas } = tokens;
    let mask = 0;
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      const b = this.bits.get(w);
      if (b !== undefined) mask |= b;
      else if (lemmas[i] !== w) mask |= this.bits.get(lemmas[i]) ?? 0;
      else if (w.length >= 3 && isCjk(w)) mask |= this.insideWord(w);
    }
    return mask;
  }

  private insideWord(word: string): number {
    let mask = this.inside.get(word);
    if (mask !== undefined) return mask;
    mask = 0;
    for (let len = 2; len <= Math.min(this.maxChars, word.length - 1); len++) {
      for (let s = 0; s + len <= word.length; s++) mask |= this.bits.get(word.slice(s, s + len)) ?? 0;
    }
    if (this.inside.size > 200_000) this.inside.clear();
    this.inside.set(word, mask);
    return mask;
  }
}

const isCjk = (w: string) => w.charCodeAt(0) >= 0x2e80;

function emptyLexicon(joinWords: boolean): Lexicon {
  return { nodes: new Map(), maxChars: 1, joinWords, trie: trieNode() };
}

const trieNode = (): TrieNode => ({ next: new Map(), exact: undefined });

function nodeOf(lex: Lexicon, key: string): Node {
  let node = lex.nodes.get(key);
  // Every node gets all three fields, in one order: one object shape keeps the scan's loads monomorphic
  // (nodes filled in different orders had several shapes).
  if (!node) lex.nodes.set(key, (node = { exact: undefined, patterns: undefined, trie: undefined }));
  return node;
}

function addTerm(lex: Lexicon, raw: string, entry: Entry): void {
  const term = raw.trim().toLowerCase();
  if (!term) return;
  const gap = GAP_MARK.test(term);
  const parts = gap ? term.split(GAP_MARK) : lex.joinWords ? [term] : term.split(/\s+/);
  if (parts.length === 1) {
    const node = nodeOf(lex, term);
    (node.exact ??= []).push(entry);
    lex.maxChars = Math.max(lex.maxChars, term.length);
    if (lex.joinWords) {
      let t = lex.trie;
      for (let k = 0; k < term.length; k++) {
        const c = term.charCodeAt(k);
        let child = t.next.get(c);
        if (!child) t.next.set(c, (child = trieNode()));
        t = child;
        if (k < term.length - 1) nodeOf(lex, term.slice(0, k + 1)).trie = child;
      }
      (t.exact ??= []).push(entry);
    }
    return;
  }
  addPattern(lex, parts[0], undefined, parts.slice(1), gap, entry);
  // jieba may split a Chinese first part ("没了" → 没 / 了): keep the pattern under each leading piece
  // too, the rest of the part to be read off the following words.
  if (gap && lex.joinWords) for (let k = 1; k < parts[0].length; k++) addPattern(lex, parts[0].slice(0, k), parts[0].slice(k), parts.slice(1), gap, entry);
}

function addPattern(lex: Lexicon, key: string, lead: string | undefined, rest: string[], gap: boolean, entry: Entry): void {
  const list = (nodeOf(lex, key).patterns ??= []);
  let p = list.find((x) => x.gap === gap && x.lead === lead && x.rest.join(' ') === rest.join(' '));
  if (!p) list.push((p = { lead, rest, gap, entries: [] }));
  p.entries.push(entry);
}

function tokenIs(tokens: Tokens, i: number, part: string, prefix: boolean): boolean {
  const w = tokens.words[i];
  return w === part || tokens.lemmas[i] === part || (prefix && w.startsWith(part));
}

/**
 * Whether two tokens lie in one clause. "A…B" patterns bridge a few words, but tokens carry no
 * punctuation, so without this check they would also bridge clauses: "没打蜡，快递送来" is no "没…送"
 * (nothing delivered). Tokens are located in the text on first use and only as far as asked, the way
 * `segmentClauses` locates them (same punctuation, same handling of tokens it cannot find), so only
 * messages where such a pattern matched pay for it.
 */
class LazyClauses {
  private text = '';
  private lang: Lang = 'zh';
  private tokens: Tokens = { words: [], lemmas: [] };
  private lower?: string;
  /** character offset where each located token starts and ends */
  private starts?: Int32Array;
  private ends?: Int32Array;
  private located = 0;
  private cursor = 0;
  reset(text: string, lang: Lang, tokens: Tokens): void {
    this.text = text;
    this.lang = lang;
    this.tokens = tokens;
    this.lower = undefined;
    this.located = 0;
    this.cursor = 0;
  }
  /** Whether a clause break lies between token k-1 and token k (k ≥ 1). */
  breakAt(k: number): boolean {
    this.locate(k);
    return hasBreak(this.lower!, this.ends![k - 1], this.starts![k], this.lang === 'en' ? CLAUSE_PUNCT : CLAUSE_PUNCT_ZH);
  }
  same(a: number, b: number): boolean {
    this.locate(b);
    const punct = this.lang === 'en' ? CLAUSE_PUNCT : CLAUSE_PUNCT_ZH;
    // Only the text between tokens counts: "2.5" is one token, its "." ends nothing.
    for (let k = a + 1; k <= b; k++) if (hasBreak(this.lower!, this.ends![k - 1], this.starts![k], punct)) return false;
    return true;
  }
  private locate(upTo: number): void {
    const words = this.tokens.words;
    if (!this.lower) {
      this.lower = this.text.toLowerCase();
      this.starts = new Int32Array(words.length);
      this.ends = new Int32Array(words.length);
    }
    for (; this.located <= upTo; this.located++) {
      const w = words[this.located];
      const at = this.lower.indexOf(w, this.cursor);
      const found = at >= 0 && (this.lang !== 'en' || at - this.cursor < 64);
      const start = found ? at : this.cursor;
      this.starts![this.located] = start;
      if (found) this.cursor = start + w.length;
      this.ends![this.located] = this.cursor;
    }
  }
}

/** Longest match at each position, left to right; a match consumes its tokens. */
function scan(lex: Lexicon, tokens: Tokens, out: Hit[], inWord: Map<string, Entry[] | null>, clauses: LazyClauses): void {
  const { words, lemmas } = tokens;
  const n = words.length;
  let i = 0;
  while (i < n) {
    let end = -1;
    let entries: Entry[] | undefined;
    const w = words[i];
    let node = lex.nodes.get(w);
    if (!node && !lex.joinWords && lemmas[i] !== w) node = lex.nodes.get(lemmas[i]);
    if (node?.patterns) {
      for (const p of node.patterns) {
        const e = matchPattern(tokens, i, p, lex.joinWords);
        if (e > end && (!p.gap || clauses.same(i, e - 1))) { end = e; entries = p.entries; }
      }
    }
    // "sent" begins "sent back" but "sent mine back" is the lemma's "send…back": when the surface word
    // has a node of its own, the lemma's patterns are tried too.
    if (!lex.joinWords && node && lemmas[i] !== w) {
      const byLemma = lex.nodes.get(lemmas[i]);
      if (byLemma?.patterns) {
        for (const p of byLemma.patterns) {
          const e = matchPattern(tokens, i, p, false);
          if (e > end && (!p.gap || clauses.same(i, e - 1))) { end = e; entries = p.entries; }
        }
      }
    }
    if (node?.exact && i + 1 > end) { end = i + 1; entries = node.exact; }
    if (lex.joinWords) {
      // Words glued back together, while the characters so far still begin some term.
      let t = node?.trie;
      for (let j = i + 1; t && j < n && j < i + MAX_CONCAT_WORDS; j++) {
        const next = words[j];
        for (let k = 0; t && k < next.length; k++) t = t.next.get(next.charCodeAt(k));
        // On a tie the listed word sequence beats a gap pattern: "还没送到" is late, not missing.
        if (t?.exact && j + 1 >= end) { end = j + 1; entries = t.exact; }
      }
      if (end < 0 && w.length >= 3) {
        const e = termsInsideWord(lex, w, inWord);
        if (e) { end = i + 1; entries = e; }
      } else if (end < 0 && w.length === 2) {
        const e = gluedTerm(lex, w);
        if (e) { end = i + 1; entries = e; }
      }
    } else if (!node?.exact && lemmas[i] !== w && end < 0) {
      const e = lex.nodes.get(lemmas[i])?.exact;
      if (e) { end = i + 1; entries = e; }
    }
    if (end < 0 || !entries) { i++; continue; }
    // One object shape for every hit, so the steps reading them stay monomorphic.
    for (const en of entries) out.push({ leaf: en.leaf, exclude: en.weak ? false : en.exclude, wide: en.wide, weak: en.weak, start: i, end });
    i = end;
  }
}

/**
 * Chinese parts after a gap may begin a longer word: "没…送" covers 没给我送过来. A Chinese part may also
 * span several words, as jieba splits it in context: "告诉我…没有了" over 没有 / 了, "使用…不方便" over
 * 不 / 方便 (`joined` is the Chinese lexicon: parts are read across word boundaries).
 */
function matchPattern(tokens: Tokens, start: number, p: Pattern, joined: boolean): number {
  let pos = start + 1;
  if (p.lead !== undefined) {
    pos = partAt(tokens, pos, p.lead, false);
    if (pos < 0) return -1;
  }
  for (const part of p.rest) {
    const limit = p.gap ? Math.min(tokens.words.length, pos + GAP + 1) : Math.min(tokens.words.length, pos + 1);
    let found = -1;
    for (let k = pos; k < limit && found < 0; k++) {
      if (tokenIs(tokens, k, part, joined && p.gap)) found = k + 1;
      else if (joined) found = partAt(tokens, k, part, p.gap);
    }
    if (found < 0) return -1;
    pos = found;
  }
  return pos;
}

/**
 * Where `part` ends when it is spelt by the words from `k` on, glued (at most MAX_CONCAT_WORDS), or -1;
 * with `prefix` the last word may run on past it, as a single word may after a gap.
 */
function partAt(tokens: Tokens, k: number, part: string, prefix: boolean): number {
  let s = '';
  for (let j = k; j < tokens.words.length && j < k + MAX_CONCAT_WORDS; j++) {
    s += tokens.words[j];
    if (s === part || (prefix && s.startsWith(part))) return j + 1;
    if (!part.startsWith(s)) return -1;
  }
  return -1;
}

/**
 * Degree words and sentence particles jieba glues to a one-character term ("太腻", "咸了", "温的"):
 * such a two-character word counts as the term. Not 最 ("最近" is recently, "最少" at least) and not
 * 不 ("不少" is many); "好坏" is good-or-bad, no fault; "偏偏" is "of all things"; a hotel, a location or a
 * book is "太烂" and a room "太冷" far more often than food (dev text). Checked by character code first:
 * most Chinese words have two characters, and a Map lookup for each of them cost a third of the matching.
 */
const GLUED_BEFORE = 1;
const GLUED_AFTER = 2;
/** per UTF-16 code unit: whether it glues before (1) and/or after (2) a one-character term */
const GLUE = new Uint8Array(65_536);
for (const c of '太很好挺超真蛮偏巨特较更忒贼') GLUE[c.charCodeAt(0)] |= GLUED_BEFORE;
for (const c of '了啦啊呀的') GLUE[c.charCodeAt(0)] |= GLUED_AFTER;
const NOT_GLUED = new Set(['好坏', '好好', '好的', '的的', '偏偏', '太烂', '超烂', '很烂', '真烂', '好烂', '挺烂', '太冷', '很冷', '挺冷', '好冷', '真冷', '太近']);

function gluedTerm(lex: Lexicon, word: string): Entry[] | undefined {
  let e: Entry[] | undefined;
  if (GLUE[word.charCodeAt(0)] & GLUED_BEFORE) e = lex.nodes.get(word[1])?.exact;
  if (!e && GLUE[word.charCodeAt(1)] & GLUED_AFTER) e = lex.nodes.get(word[0])?.exact;
  return e && !NOT_GLUED.has(word) ? e : undefined;
}

/** Terms of 2+ characters inside a compound word ("商品质量" → 质量), longest first, non-overlapping. */
function termsInsideWord(lex: Lexicon, word: string, memo: Map<string, Entry[] | null>): Entry[] | null {
  const cached = memo.get(word);
  if (cached !== undefined) return cached;
  let found: Entry[] | null = null;
  {
    const taken = new Array<boolean>(word.length).fill(false);
    for (let len = Math.min(lex.maxChars, word.length - 1); len >= 2; len--) {
      for (let s = 0; s + len <= word.length; s++) {
        if (taken[s] || taken[s + len - 1]) continue;
        const e = lex.nodes.get(word.slice(s, s + len))?.exact;
        if (!e) continue;
        for (let k = s; k < s + len; k++) taken[k] = true;
        found = found ? found.concat(e) : e.slice();
      }
    }
  }
  if (memo.size > 200_000) memo.clear();
  memo.set(word, found);
  return found;
}

// ---------------------------------------------------------------------------------------------------------
// Clauses: shared with aspect sentiment, which needs the same boundaries the exclusions use.

export interface Clause {
  /** token range [start, end) */
  start: number;
  end: number;
  /** character range in the original text */
  charStart: number;
  charEnd: number;
}

export interface Clauses {
  clauses: Clause[];
  /** clause index of each token */
  clauseOfToken: Int32Array;
}

// Clause punctuation as lookup tables over UTF-16 code units: this runs between every pair of tokens.
const table = (chars: string) => {
  const t = new Uint8Array(0x10000);
  for (const c of chars) t[c.charCodeAt(0)] = 1;
  return t;
};
const CLAUSE_PUNCT = table('，。！？；,.!?;…\n');
// Chinese reviews often separate clauses with plain spaces ("物流就不要说 客服也不要说").
const CLAUSE_PUNCT_ZH = table('，。！？；,.!?;…\n\r\t 　、～~');
// Sentence ends, for exclusions scoped to a sentence; commas and spaces do not end one.
const SENTENCE_PUNCT = table('。！？；.!?;…\n\r');

const isDigit = (c: number) => c >= 48 && c <= 57;
const DOT = 46;

/**
 * Whether the text between two tokens holds clause punctuation. A dot between digits is part of a number,
 * not a clause end: jieba cuts a version "5.12.2" into "5.12" / "2", and reading that dot as a break cut
 * "更新到5.12.2之后一打开就闪退" into three clauses, out of an exclusion's reach.
 */
function hasBreak(text: string, from: number, to: number, punct: Uint8Array): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (punct[c] === 1 && !(c === DOT && k > 0 && isDigit(text.charCodeAt(k - 1)) && isDigit(text.charCodeAt(k + 1)))) return true;
  }
  return false;
}
const CONTRAST = new Set(['但是', '但', '却', '可是', '不过', '然而', '只是', 'but', 'however', 'although', 'though', 'yet']);

/**
 * Splits a message into clauses on punctuation (or, with scope "sentence", into sentences) and, when `contrast` is set, before contrast words
 * ("送餐很快，但是菜是凉的": the 但是-clause carries its own polarity). Tokens carry no offsets, so they
 * are located in the text in order; a token that cannot be found (wink-nlp expands some contractions)
 * stays in the current clause.
 */
export function segmentClauses(text: string, lang: Lang, tokens: Tokens, contrast = true, scope: 'clause' | 'sentence' = 'clause'): Clauses {
  const lower = text.toLowerCase();
  const punct = scope === 'sentence' ? SENTENCE_PUNCT : lang === 'en' ? CLAUSE_PUNCT : CLAUSE_PUNCT_ZH;
  const n = tokens.words.length;
  const clauseOfToken = new Int32Array(n);
  const clauses: Clause[] = [];
  let cursor = 0;
  let current: Clause | null = null;
  for (let i = 0; i < n; i++) {
    const w = tokens.words[i];
    const at = lower.indexOf(w, cursor);
    const found = at >= 0 && (lang !== 'en' || at - cursor < 64);
    const start = found ? at : cursor;
    const breaks = current !== null && ((found && hasBreak(lower, cursor, start, punct)) || (contrast && CONTRAST.has(w)));
    if (current === null || breaks) {
      if (current) current.charEnd = Math.max(current.charStart, start);
      current = { start: i, end: i, charStart: current ? start : 0, charEnd: text.length };
      clauses.push(current);
    }
    current.end = i + 1;
    clauseOfToken[i] = clauses.length - 1;
    if (found) cursor = start + w.length;
  }
  if (clauses.length === 0) clauses.push({ start: 0, end: 0, charStart: 0, charEnd: text.length });
  return { clauses, clauseOfToken };
}

// ---------------------------------------------------------------------------------------------------------

const ruleMatcher = createTopicMatcher(TAXONOMY);

/**
 * The learned check over the rules' matches (topic-check.ts, trained by scripts/train-topic-check.ts): it
 * drops a fired leaf the message's words make unlikely. Off unless `TOPIC_CHECK=1`: on the hold-outs it
 * bought +2.2 / +2.5 points of precision for −1.2 / −1.9 of recall (BENCHMARKS.md), and recall there is
 * already under the 80 % floor.
 */
export const TOPIC_CHECK_FILE = fileURLToPath(new URL('./topic-check.json', import.meta.url));

/** The shipped check compiled for this taxonomy, or null when its file is missing. */
export function loadTopicCheck(file = TOPIC_CHECK_FILE): TopicCheck | null {
  return existsSync(file) ? compileTopicCheck(JSON.parse(readFileSync(file, 'utf8')) as TopicCheckModel, LEAF_IDS) : null;
}

const topicCheck: TopicCheck | null = process.env.TOPIC_CHECK === '1' ? loadTopicCheck() : null;

/** The rules' spans, less those of leaves `check` vetoes. */
export function checkedSpans(text: string, lang: Lang, tokens: Tokens, check: TopicCheck | null = topicCheck): TopicSpan[] {
  const spans = ruleMatcher.spans(text, lang, tokens);
  if (!check || spans.length === 0) return spans;
  const kept = check.keep(tokens, lang, topicsOf(spans));
  return spans.filter((s) => kept.has(s.topic));
}

/** Leaf topic ids of a message, from the shared tokens (never re-tokenises). */
export function matchTopics(text: string, lang: Lang, tokens: Tokens): string[] {
  return topicsOf(checkedSpans(text, lang, tokens));
}

/** The taxonomy's rules alone, whatever `TOPIC_CHECK` says (what the check is trained on). */
export function matchRuleTopics(text: string, lang: Lang, tokens: Tokens): string[] {
  return ruleMatcher.match(text, lang, tokens);
}

/** The distinct leaves of `spans`, in order of first mention: what `match` returns for the same message. */
export function topicsOf(spans: readonly TopicSpan[]): string[] {
  const ids: string[] = [];
  for (const s of spans) if (!ids.includes(s.topic)) ids.push(s.topic);
  return ids;
}

export function matchTopicSpans(text: string, lang: Lang, tokens: Tokens): TopicSpan[] {
  return checkedSpans(text, lang, tokens);
}
