import type { Lang } from '../../schemas/feedback.ts';
import type { Tokens } from './tokens.ts';
import { matchTopicSpans, segmentClauses, type TopicSpan } from './topics.ts';

/**
 * Aspect sentiment: one score per topic, from the clauses that mention it, so "送餐很快，但是菜是凉的"
 * gives delivery a positive and food temperature a negative score instead of one blurred average.
 *
 * The sentiment model is injected as `score` (the pipeline passes its scoreSentiment), which keeps this
 * step independent of how sentiment is computed. Clause tokens are slices of the message's tokens —
 * tokens are in text order — so nothing is tokenised twice.
 */
export type ClauseScorer = (clauseText: string, clauseTokens: Tokens) => number;

/**
 * Scores in the same order as `topics`. A topic with no mention found in the text (e.g. assigned by a
 * rule upstream) gets the whole message's score.
 */
export function aspectSentiments(
  text: string,
  lang: Lang,
  tokens: Tokens,
  topics: string[],
  score: ClauseScorer,
  spans: TopicSpan[] = matchTopicSpans(text, lang, tokens)
): number[] {
  if (topics.length === 0) return [];
  const { clauses, clauseOfToken } = segmentClauses(text, lang, tokens, true);
  const cache = new Map<number, number>();
  const clauseScore = (c: number): number => {
    let s = cache.get(c);
    if (s === undefined) {
      const { start, end, charStart, charEnd } = clauses[c];
      s = score(text.slice(charStart, charEnd), {
        words: tokens.words.slice(start, end),
        lemmas: tokens.lemmas.slice(start, end)
      });
      cache.set(c, s);
    }
    return s;
  };
  let whole: number | undefined;
  return topics.map((topic) => {
    const mentioned = new Set<number>();
    for (const s of spans) if (s.topic === topic && s.start < clauseOfToken.length) mentioned.add(clauseOfToken[s.start]);
    if (mentioned.size === 0) return (whole ??= score(text, tokens));
    let sum = 0;
    for (const c of mentioned) sum += clauseScore(c);
    return sum / mentioned.size;
  });
}
