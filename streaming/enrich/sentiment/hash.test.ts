import { describe, expect, it } from 'vitest';
import { NS, charHash, combine } from './hash.ts';

describe('charHash', () => {
  it('is combine(NS.char, c) for every UTF-16 unit, as unsigned 32-bit', () => {
    for (let c = 0; c < 0x10000; c++) {
      if (charHash(c) !== combine(NS.char, c)) throw new Error(`differs at ${c}`);
    }
    expect(charHash(0x23)).toBe(combine(NS.char, 0x23));
    expect(charHash(0xffff)).toBeGreaterThanOrEqual(0);
  });
});
