import type { Bilingual } from './taxonomy.ts';

/**
 * Display names of the customer regions producers commonly send. Region codes are free text in the
 * feedback contract, so an unknown code is shown as it is rather than rejected.
 */
export const REGION_LABELS: Record<string, Bilingual> = {
  east: { zh: '华东', en: 'East China' },
  north: { zh: '华北', en: 'North China' },
  south: { zh: '华南', en: 'South China' },
  central: { zh: '华中', en: 'Central China' },
  west: { zh: '西部', en: 'West China' },
  southwest: { zh: '西南', en: 'Southwest China' },
  northwest: { zh: '西北', en: 'Northwest China' },
  northeast: { zh: '东北', en: 'Northeast China' },
  overseas: { zh: '海外', en: 'Overseas' }
};

export function regionLabel(code: string, lang: 'zh' | 'en'): string {
  return REGION_LABELS[code.toLowerCase()]?.[lang] ?? code;
}
