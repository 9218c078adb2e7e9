import { describe, expect, it } from 'vitest';
import { childValue, contains, parseSlice, related, sliceKey, specificity } from './slices.ts';

describe('slice keys', () => {
  it('writes one key per slice whatever the order of the parts', () => {
    expect(sliceKey({ region: 'east', topic: 'app.slow' })).toBe('topic:app.slow|region:east');
    expect(sliceKey({})).toBe('all:');
    expect(parseSlice('topic:app.slow|region:east')).toEqual({ topic: 'app.slow', region: 'east' });
    expect(parseSlice('all:')).toEqual({});
  });

  it('knows containment, topic hierarchy included', () => {
    expect(contains('topic:app', 'topic:app.slow|region:east')).toBe(true);
    expect(contains('region:east', 'topic:app.slow|region:east')).toBe(true);
    expect(contains('topic:app.slow|region:east', 'topic:app.slow')).toBe(false);
    expect(contains('topic:app', 'topic:application')).toBe(false);
    expect(specificity('topic:app.slow|region:east')).toBeGreaterThan(specificity('topic:app.slow'));
  });

  it('relates nested and sibling cuts of one value, not disjoint or merely overlapping slices', () => {
    expect(related('topic:app.slow|region:east', 'topic:app.slow|channel:in_app')).toBe(true);
    expect(related('topic:app.slow|region:east', 'topic:payment.failed|region:east')).toBe(false);
    expect(related('region:east', 'topic:payment.failed')).toBe(false);
    expect(related('region:east', 'topic:payment.failed|region:east')).toBe(true);
    expect(childValue('topic:app.slow', 'topic:app.slow|channel:chat', 'channel')).toBe('chat');
    expect(childValue('topic:app.slow', 'topic:app.slow|channel:chat|region:east', 'channel')).toBe(null);
  });
});
