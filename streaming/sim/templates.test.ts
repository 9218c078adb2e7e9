import { describe, expect, it } from 'vitest';
import { en } from './phrases.en.ts';
import { zh } from './phrases.zh.ts';
import { createRng } from './rng.ts';
import { SCENARIO_KEYS } from './scenarios.ts';
import { computedSlots } from './slots.ts';
import { compile, compileBank, type RenderCtx } from './templates.ts';
import { customerOf } from './world.ts';

const ctx = (seed = 1): RenderCtx => ({ rng: createRng(seed), customer: customerOf(1), mood: 'negative', body: '' });

describe('templates', () => {
  it('fills slots and picks among alternatives', () => {
    const render = compile('[又|再次]等了{mins}分钟', { mins: () => '40' });
    const seen = new Set(Array.from({ length: 50 }, (_, i) => render(ctx(i))));
    expect(seen).toEqual(new Set(['又等了40分钟', '再次等了40分钟']));
  });

  it('allows empty alternatives and slots inside alternatives', () => {
    const render = compile('a[|{x}]b', { x: () => 'X' });
    const seen = new Set(Array.from({ length: 50 }, (_, i) => render(ctx(i))));
    expect(seen).toEqual(new Set(['ab', 'aXb']));
  });

  it('rejects unknown slots and unclosed brackets at compile time', () => {
    expect(() => compile('等了{minutes}分钟', {})).toThrow(/unknown slot \{minutes\}/);
    expect(() => compile('等了[很久', {})).toThrow(/unclosed/);
    expect(() => compile('好评[赞]', {})).toThrow(/single branch/);
  });

  it.each([['zh', zh], ['en', en]] as const)('compiles the %s bank and covers every scenario', (lang, bank) => {
    const compiled = compileBank(bank, computedSlots(lang));
    for (const key of SCENARIO_KEYS) {
      expect(compiled.say[key].length, `${lang} ${key} say`).toBeGreaterThan(0);
      expect(compiled.note[key].length, `${lang} ${key} note`).toBeGreaterThan(0);
      for (const render of [...compiled.say[key], ...compiled.note[key]]) {
        expect(render(ctx()).trim().length).toBeGreaterThan(0);
      }
    }
  });
});
