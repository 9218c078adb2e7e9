import taxonomyJson from './taxonomy.json' with { type: 'json' };

/**
 * The bilingual two-level topic taxonomy the team edits (schemas/taxonomy.json). The browser uses the
 * labels; the processors use the terms to match messages.
 */
export interface Bilingual {
  zh: string;
  en: string;
}

/**
 * Term syntax, matched on the pipeline's tokens (streaming/enrich/topics.ts), never on raw substrings:
 * - English: a word or lemma ("refund" covers refunded), or a phrase of consecutive tokens
 *   ("battery life");
 * - Chinese: one or more consecutive jieba words ("快递员" also matches 快递/员); terms of two or more
 *   characters also match inside a longer compound word, one-character terms ("凉") only a whole word;
 * - either: "A…B" is A followed by B within three tokens of the same clause ("没…送" for 没给我送, not
 *   for "没打蜡，快递送来").
 * Terms are lower-case; the longest match at a position wins.
 */
export interface TopicTerms {
  zh: string[];
  en: string[];
}

export interface LeafTopic {
  /** "<parent>.<leaf>", stable: stored with every message */
  id: string;
  label: Bilingual;
  /** what the message is *about*, whatever its polarity: "送餐很快" and "送餐太慢" are both delivery.late */
  terms: TopicTerms;
  /**
   * Other senses of the terms: a match vetoes this leaf in the same clause ("快" beside "开机",
   * "cold" beside "fighting"). Negation is deliberately not an exclusion — "no delivery problems" is
   * still about delivery; the aspect sentiment carries the polarity.
   */
  exclude?: TopicTerms;
  /**
   * How far an exclusion reaches: "clause" (default — between commas) or "sentence" (between 。！？.!?;
   * and line breaks), for senses settled by a neighbouring clause ("入住那天，等了很久" is not delivery).
   */
  excludeScope?: 'clause' | 'sentence';
  /**
   * Exclusions that reach the whole sentence (past commas), whatever `excludeScope` says: a sense settled
   * by a word anywhere in it ("客服电话一直占线，等了二十分钟" and "waited 40 minutes, no reply" are
   * waits on the support line, not on a delivery). For words that rarely share a sentence with the
   * leaf's own sense: the veto takes every term of the leaf in that sentence.
   */
  excludeSentence?: TopicTerms;
  /**
   * Words that name the leaf's subject but are as often said in passing ("机场到酒店的出租车费", "the
   * button located on the remote"): each counts only when its clause also holds, within eight words, one of the `about`
   * words — a verdict on it ("离机场很近", "close to the station"). The rest of `terms` count anyway.
   */
  mentions?: TopicTerms;
  /** the verdict words for `mentions` (whole tokens or lemmas; Chinese ones also inside a longer word) */
  about?: TopicTerms;
  /**
   * Message-level domain checks, for words shared by several kinds of review (a hotel room's 味道 is no
   * food taste, "checked out the features" is no hotel check-out). Context words are whole tokens (word
   * or lemma; Chinese ones of two or more characters also inside a compound word such as 该酒店);
   * the leaf's own terms do not count unless listed.
   * - `context`: the leaf is kept only if the message also mentions one of these words;
   * - `notIn`: the leaf is dropped if the message mentions any of these words.
   * Either inline word lists or names of the taxonomy's `domains` (their words are pooled).
   * A leaf without its own `context`/`notIn` inherits the parent's; an empty list switches it off.
   */
  context?: DomainRef;
  notIn?: DomainRef;
  /**
   * More specific leaves this one gives way to: a hit of this leaf is dropped when one of theirs survives
   * in the same clause. For a catch-all leaf whose nouns are often only the object of a narrower topic —
   * "the sound worked but the video quit" is a fault, "transfer songs with the software" is the software,
   * "recharges via usb" the battery, not product.features.
   */
  yieldsTo?: string[];
}

/** Names of `Taxonomy.domains` ("hotel", ["electronics", "personal_care"]) or inline word lists. */
export type DomainRef = string | string[] | TopicTerms;

export interface ParentTopic {
  id: string;
  label: Bilingual;
  children: LeafTopic[];
  /** defaults for the children's `context` and `notIn` (see LeafTopic) */
  context?: DomainRef;
  notIn?: DomainRef;
}

export interface Taxonomy {
  version: number;
  /** named word lists for `context`/`notIn`, so one list of hotel words serves several leaves */
  domains?: Record<string, TopicTerms>;
  topics: ParentTopic[];
}

export const TAXONOMY = taxonomyJson as Taxonomy;

const labels = new Map<string, Bilingual>();
for (const p of TAXONOMY.topics) {
  labels.set(p.id, p.label);
  for (const c of p.children) labels.set(c.id, c.label);
}

export function topicLabel(id: string, lang: 'zh' | 'en'): string {
  return labels.get(id)?.[lang] ?? id;
}

export const parentOf = (id: string): string => id.split('.')[0];

/** Every leaf id, in taxonomy order (for pickers and for validating stored ids). */
export const LEAF_IDS: readonly string[] = TAXONOMY.topics.flatMap((p) => p.children.map((c) => c.id));
