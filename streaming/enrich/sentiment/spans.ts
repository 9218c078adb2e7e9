/** [start, end) character spans of a text, as the short-message readings (register, requests, resolution) mark them. */
export type Span = [number, number];

/**
 * Appends the span of every match of a global regex. `search` first: most texts hold no match, and
 * matchAll copies the regex on every call.
 */
export function matchSpans(text: string, re: RegExp, into: Span[]): Span[] {
  if (text.search(re) < 0) return into;
  for (const m of text.matchAll(re)) into.push([m.index!, m.index! + m[0].length]);
  return into;
}

export const inSpans = (at: number, spans: readonly Span[]): boolean => spans.some(([s, e]) => at >= s && at < e);
