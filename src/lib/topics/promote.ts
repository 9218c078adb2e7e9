import type { EmergingTopic } from '../../../schemas/topics.ts';
import type { LeafTopic, Taxonomy } from '../../../schemas/taxonomy.ts';

/**
 * Turning an emerging candidate into a taxonomy leaf an editor can paste into schemas/taxonomy.json.
 * The page only *produces* the entry: editing the taxonomy stays a reviewed human change.
 */

export interface PromoteDraft {
  parent: string;
  /** the part after "<parent>." */
  slug: string;
  labelZh: string;
  labelEn: string;
  /** comma-separated, as typed */
  termsZh: string;
  termsEn: string;
}

export type PromoteProblem = 'id' | 'taken' | 'labels' | 'terms';

const SLUG = /^[a-z][a-z0-9_]*$/;
const HAN = /\p{Script=Han}/u;

/** An id part from English words: "Mystery box odds" → "mystery_box_odds". */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^(\d)/, 'n$1')
    .slice(0, 40);
}

/** Phrases offered as terms at first: the strongest; weaker ones are often generic ("首页", "全是"). */
export const DRAFT_TERMS = 5;

export function draftFor(c: EmergingTopic, taxonomy: Taxonomy): PromoteDraft {
  const parents = taxonomy.topics.map((p) => p.id);
  const parent = c.suggestedParent && parents.includes(c.suggestedParent) ? c.suggestedParent : parents[0] ?? '';
  const en = c.terms.en[0] ?? '';
  const zh = c.terms.zh[0] ?? '';
  return {
    parent,
    slug: slugify(en) || 'new_topic',
    labelZh: zh || c.label,
    labelEn: en || (HAN.test(c.label) ? '' : c.label),
    termsZh: c.terms.zh.slice(0, DRAFT_TERMS).join(', '),
    termsEn: c.terms.en.slice(0, DRAFT_TERMS).join(', ')
  };
}

/** Terms as the taxonomy wants them: lower-case, trimmed, distinct, in the order typed. */
export function parseTerms(raw: string): string[] {
  const out: string[] = [];
  for (const part of raw.split(/[,，、;；\n]/)) {
    const t = part.trim().toLowerCase();
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}

export function promotionEntry(d: PromoteDraft): LeafTopic {
  return {
    id: `${d.parent}.${d.slug}`,
    label: { zh: d.labelZh.trim(), en: d.labelEn.trim() },
    terms: { zh: parseTerms(d.termsZh), en: parseTerms(d.termsEn) }
  };
}

export function problemsOf(d: PromoteDraft, taxonomy: Taxonomy): PromoteProblem[] {
  const out: PromoteProblem[] = [];
  const entry = promotionEntry(d);
  if (!SLUG.test(d.slug) || !taxonomy.topics.some((p) => p.id === d.parent)) out.push('id');
  else if (taxonomy.topics.some((p) => p.children.some((c) => c.id === entry.id))) out.push('taken');
  if (!entry.label.zh || !entry.label.en) out.push('labels');
  if (entry.terms.zh.length + entry.terms.en.length === 0) out.push('terms');
  return out;
}

/** Laid out like the leaves of schemas/taxonomy.json, ready to paste. */
export function entryJson(entry: LeafTopic): string {
  const j = JSON.stringify;
  return [
    `{ "id": ${j(entry.id)}, "label": ${j(entry.label)},`,
    `  "terms": {`,
    `    "zh": ${j(entry.terms.zh)},`,
    `    "en": ${j(entry.terms.en)}`,
    `  } }`
  ].join('\n');
}
