import type { Lang } from '../../../schemas/feedback.ts';

const HAN = /\p{Script=Han}/u;
const MAX_CACHED = 50_000;

/**
 * "Does the taxonomy already cover this phrase?" — the phrase run through the pipeline's own tokenizer
 * and topic matcher, so the answer is exactly what the processors would tag. Loaded on first use: the
 * segmenters are heavy and only the emerging-topics job needs them on a web node. Phrases repeat run
 * after run, so answers are remembered.
 */
export async function loadCoverage(): Promise<(phrase: string) => boolean> {
  const [{ tokenize }, { matchTopics }] = await Promise.all([
    import('../../../streaming/enrich/tokens.ts'),
    import('../../../streaming/enrich/topics.ts')
  ]);
  const cache = new Map<string, boolean>();
  return (phrase) => {
    let hit = cache.get(phrase);
    if (hit === undefined) {
      const lang: Lang = HAN.test(phrase) ? 'zh' : 'en';
      hit = matchTopics(phrase, lang, tokenize(phrase, lang)).length > 0;
      if (cache.size >= MAX_CACHED) cache.clear();
      cache.set(phrase, hit);
    }
    return hit;
  };
}
