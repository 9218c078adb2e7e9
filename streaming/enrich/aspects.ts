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
  // Each clause is scored at most once, however many topics it mentions (NaN = not scored yet).
  const clauseScores = new Float64Array(clauses.length).fill(NaN);
  const mentioned: number[] = [];
  let whole: number | undefined;
  const out: number[] = [];
  for (const topic of topics) {
    mentioned.length = 0;
    for (const s of spans) {
      if (s.topic !== topic || s.start >= clauseOfToken.length) continue;
      const c = clauseOfToken[s.start];
      if (!mentioned.includes(c)) mentioned.push(c);
    }
    if (mentioned.length === 0) {
      out.push((whole ??= score(text, tokens)));
      continue;
    }
    let sum = 0;
    for (const c of mentioned) {
      if (Number.isNaN(clauseScores[c])) {
        const { start, end, charStart, charEnd } = clauses[c];
        const words = tokens.words.slice(start, end);
        // Chinese tokens are their own lemmas (one array): one slice serves both, as in the message.
        const lemmas = tokens.lemmas === tokens.words ? words : tokens.lemmas.slice(start, end);
        clauseScores[c] = score(text.slice(charStart, charEnd), { words, lemmas });
      }
      sum += clauseScores[c];
    }
    out.push(sum / mentioned.length);
  }
  return out;
}
