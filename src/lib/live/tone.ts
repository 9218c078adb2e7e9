/**
 * Colour levels for the wall. Fixed cut-offs until the server sends a usual negative share per hour;
 * every level is also spelled out in text, so colour is never the only signal.
 */
export type Level = 'ok' | 'warn' | 'bad' | 'none';
export type Tone = 'negative' | 'neutral' | 'positive' | 'none';

export const WARN_SHARE = 0.2;
export const BAD_SHARE = 0.35;
/** |mean| below this reads as neutral: scores are in [-1, 1] and hover near 0 for plain statements */
export const NEUTRAL_BAND = 0.1;

export function shareLevel(share: number | null): Level {
  if (share === null) return 'none';
  return share >= BAD_SHARE ? 'bad' : share >= WARN_SHARE ? 'warn' : 'ok';
}

export function sentimentTone(mean: number | null): Tone {
  if (mean === null) return 'none';
  return mean <= -NEUTRAL_BAND ? 'negative' : mean >= NEUTRAL_BAND ? 'positive' : 'neutral';
}
