import { describe, expect, it } from 'vitest';
import { regionLabel } from './regions.ts';

describe('regionLabel', () => {
  it('names known regions in both languages and shows unknown codes as sent', () => {
    expect(regionLabel('east', 'zh')).toBe('华东');
    expect(regionLabel('East', 'en')).toBe('East China');
    expect(regionLabel('hk-island', 'zh')).toBe('hk-island');
  });
});
