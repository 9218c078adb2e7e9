import { describe, expect, it } from 'vitest';
import { sentimentTone, shareLevel } from './tone.ts';

describe('tone', () => {
  it('levels negative share at the cut-offs, inclusive', () => {
    expect([null, 0, 0.19, 0.2, 0.34, 0.35, 1].map(shareLevel)).toEqual(['none', 'ok', 'ok', 'warn', 'warn', 'bad', 'bad']);
  });
  it('reads small means as neutral', () => {
    expect([null, -0.5, -0.1, -0.05, 0.05, 0.1, 0.8].map(sentimentTone)).toEqual([
      'none',
      'negative',
      'negative',
      'neutral',
      'neutral',
      'positive',
      'positive'
    ]);
  });
});
