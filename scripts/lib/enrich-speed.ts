import { createEnricher } from '../../streaming/enrich/index.ts';
import type { Feedback } from '../../schemas/feedback.ts';
import type { EvalFile } from '../eval-sentiment.ts';
import { feedbackFromText } from './feedback-doc.ts';

export interface SpeedRow {
  section: 'enrichment-speed';
  lang: 'zh' | 'en';
  method: string;
  n: number;
  /** messages per second of this process's CPU time: honest on a shared machine */
  msgsPerCpuSec: number;
  avgChars: number;
}

const cpuSeconds = (run: () => void) => {
  const t0 = process.cpuUsage();
  run();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1e6;
};

/**
 * Full enrichment (normalise, PII, language, tokens, sentiment, topics with aspects, keywords, near-dup,
 * noise) on short real messages (< 200 characters), one thread, next to the English peers' sentiment
 * alone on the same texts.
 */
export function evalEnrichmentSpeed(files: readonly EvalFile[], peers: Record<string, (t: string) => number>, maxPerLang = 20_000): SpeedRow[] {
  const rows: SpeedRow[] = [];
  for (const lang of ['zh', 'en'] as const) {
    const texts = files
      .filter((f) => f.lang === lang)
      .flatMap((f) => f.rows.map((r) => r.text))
      .filter((t) => t.length > 0 && t.length < 200)
      .slice(0, maxPerLang);
    const docs: Feedback[] = texts.map((text, i) => feedbackFromText(text, `eval-${lang}-${i}`, 1_763_900_000_000 + i * 1000));
    const avgChars = Math.round(texts.reduce((s, t) => s + t.length, 0) / Math.max(1, texts.length));
    const warm = createEnricher();
    for (const d of docs.slice(0, 2000)) warm(d);
    const enrich = createEnricher();
    const secs = cpuSeconds(() => {
      for (const d of docs) enrich(d);
    });
    rows.push({ section: 'enrichment-speed', lang, method: 'voc-pulse (full enrichment)', n: docs.length, msgsPerCpuSec: Math.round(docs.length / secs), avgChars });
    if (lang !== 'en') continue;
    for (const [method, score] of Object.entries(peers)) {
      for (const t of texts.slice(0, 500)) score(t);
      const s = cpuSeconds(() => {
        for (const t of texts) score(t);
      });
      rows.push({ section: 'enrichment-speed', lang, method: `${method} (sentiment only)`, n: texts.length, msgsPerCpuSec: Math.round(texts.length / s), avgChars });
    }
  }
  return rows;
}
