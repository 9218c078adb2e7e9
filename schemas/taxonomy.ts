import taxonomyJson from './taxonomy.json' with { type: 'json' };

/**
 * The bilingual two-level topic taxonomy the team edits (schemas/taxonomy.json). The browser uses the
 * labels; the processors use the terms to match messages.
 */
export interface Bilingual {
  zh: string;
  en: string;
}

export interface TopicTerms {
  zh: string[];
  en: string[];
}

export interface LeafTopic {
  /** "<parent>.<leaf>", stable: stored with every message */
  id: string;
  label: Bilingual;
  /** words/lemmas (English) or words (Chinese) that signal the topic */
  terms: TopicTerms;
  /** words that veto the match in the same clause (e.g. "delivery" in "delivery of the speech") */
  exclude?: TopicTerms;
}

export interface ParentTopic {
  id: string;
  label: Bilingual;
  children: LeafTopic[];
}

export interface Taxonomy {
  version: number;
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
