import type { Lang } from '../../../schemas/feedback.ts';
import type { Tokens } from '../tokens.ts';
import { extractEnglish } from './features-en.ts';
import { extractChinese } from './features-zh.ts';
import type { SentimentModel } from './model.ts';
import type { FeatureVector } from './vector.ts';

/** Which of the two trained models reads a message; 'other' languages get none (score 0, neutral). */
export function modelFor(lang: Lang): 'zh' | 'en' | null {
  if (lang === 'en') return 'en';
  // Mixed messages are Chinese with embedded Latin words (app names, "bug", "app"), tokenised by jieba.
  if (lang === 'zh' || lang === 'mixed') return 'zh';
  return null;
}

export function extractFeatures(
  text: string,
  which: 'zh' | 'en',
  tokens: Tokens,
  model: Pick<SentimentModel, 'zh' | 'en'>,
  out: FeatureVector
): void {
  out.reset();
  if (which === 'en') extractEnglish(text, tokens, model.en.lexicon, model.en.options, out, model.en.opinion);
  else extractChinese(text, tokens, model.zh.options, out, model.zh.opinion);
}
