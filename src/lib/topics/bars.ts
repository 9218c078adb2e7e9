import { scaleLinear } from 'd3-scale';
import type { KeywordCount } from '../../../schemas/topics.ts';

/** A keyword rising this much inside its topic is highlighted: it is the "why" of a topic's spike. */
export const RISING_RATIO = 2;

export interface KeywordBar extends KeywordCount {
  /** bar length, % of the row */
  width: number;
  rising: boolean;
}

/** The ranked bars of one topic: lengths on a shared zero-based scale, most frequent first. */
export function keywordBars(keywords: readonly KeywordCount[], max = 8): KeywordBar[] {
  const top = [...keywords].sort((a, b) => b.count - a.count || (a.keyword < b.keyword ? -1 : 1)).slice(0, max);
  const x = scaleLinear().domain([0, top[0]?.count || 1]).range([0, 100]);
  return top.map((k) => ({ ...k, width: x(k.count), rising: k.ratio >= RISING_RATIO }));
}
