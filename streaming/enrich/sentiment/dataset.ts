import type { Lang } from '../../../schemas/feedback.ts';

/**
 * The labelled sentiment CSVs come in three shapes, told apart by their header:
 *   label,text            — 1 positive / 0 negative
 *   category,label,text   — same, with a product category
 *   rating,text           — mean human rating; only |rating| ≥ 0.5 is polar, the rest has no gold sign
 */
export interface LabelledText {
  text: string;
  /** 1 positive, 0 negative */
  label: 0 | 1;
  /** |rating| for rated files (how strongly people agreed on the sign), 1 for labelled ones */
  strength: number;
  /** the product category of a category-label file (a training domain), else absent */
  category?: string;
}

export type CsvFormat = 'label' | 'category-label' | 'rating';

export const POLAR_RATING = 0.5;

export function detectFormat(header: readonly string[]): CsvFormat | null {
  const h = header.map((c) => c.trim().toLowerCase()).join(',');
  if (h === 'label,text') return 'label';
  if (h === 'category,label,text') return 'category-label';
  if (h === 'rating,text') return 'rating';
  return null;
}

/** Polar rows only: the ones whose gold sign is defined. */
export function polarRows(records: readonly Record<string, string>[], format: CsvFormat): LabelledText[] {
  const out: LabelledText[] = [];
  for (const r of records) {
    const text = r.text ?? '';
    if (text.trim() === '') continue;
    if (format === 'rating') {
      const rating = Number(r.rating);
      if (!Number.isFinite(rating) || Math.abs(rating) < POLAR_RATING) continue;
      out.push({ text, label: rating > 0 ? 1 : 0, strength: Math.abs(rating) });
    } else {
      const label = r.label?.trim();
      if (label !== '0' && label !== '1') continue;
      const row: LabelledText = { text, label: label === '1' ? 1 : 0, strength: 1 };
      if (format === 'category-label' && r.category?.trim()) row.category = r.category.trim();
      out.push(row);
    }
  }
  return out;
}

/** Language of a data file: from its name prefix (zh_…, en_…), else from the share of CJK characters. */
export function fileLang(name: string, sample: readonly LabelledText[]): Lang {
  if (name.startsWith('zh_')) return 'zh';
  if (name.startsWith('en_')) return 'en';
  let cjk = 0;
  let letters = 0;
  for (const { text } of sample.slice(0, 200)) {
    for (const ch of text) {
      if (/\p{Script=Han}/u.test(ch)) cjk++;
      else if (/\p{L}/u.test(ch)) letters++;
    }
  }
  return cjk > letters ? 'zh' : letters > 0 ? 'en' : 'other';
}
