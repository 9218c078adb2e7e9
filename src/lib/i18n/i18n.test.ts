import { describe, expect, it } from 'vitest';
import { DICTIONARIES, createT, pickLang } from './index.ts';
import { createFormatters } from './format.ts';
import { CHANNELS } from '../../../schemas/feedback.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('zh and en have exactly the same keys, none empty', () => {
    expect(Object.keys(DICTIONARIES.zh).sort()).toEqual(Object.keys(DICTIONARIES.en).sort());
    for (const dict of Object.values(DICTIONARIES)) for (const v of Object.values(dict)) expect(v.trim()).not.toBe('');
  });

  it('names every channel of the ingestion contract', () => {
    for (const c of CHANNELS) expect(Object.keys(DICTIONARIES.en)).toContain(`channel.${c}`);
  });

  it('each string uses the same placeholders in both languages', () => {
    for (const [key, value] of Object.entries(DICTIONARIES.en)) {
      expect(placeholders(DICTIONARIES.zh[key as keyof typeof DICTIONARIES.zh]), key).toEqual(placeholders(value));
    }
  });
});

describe('t()', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(createT('en')('status.attempt', { n: 3 })).toBe('attempt 3');
    expect(createT('zh')('status.attempt', { n: 3 })).toBe('第 3 次');
    expect(createT('en')('status.attempt')).toBe('attempt {n}');
  });
});

describe('pickLang', () => {
  it('prefers ?lang=, then the browser order, then English', () => {
    expect(pickLang('zh', ['en-US'])).toBe('zh');
    expect(pickLang('EN', ['zh-CN'])).toBe('en');
    expect(pickLang('fr', ['de-DE', 'zh-Hans-CN', 'en'])).toBe('zh');
    expect(pickLang(null, ['en-GB', 'zh-CN'])).toBe('en');
    expect(pickLang(null, ['de'])).toBe('en');
  });
});

describe('formatters', () => {
  it('format per locale and show a dash for missing values', () => {
    const f = createFormatters('en', createT('en'));
    expect(f.int(12345)).toBe('12,345');
    expect(f.percent(0.234)).toBe('23%');
    expect(f.percent(null)).toBe('—');
    expect(f.sentiment(0.1234)).toBe('+0.12');
    expect(f.sentiment(-0.5)).toBe('\u22120.50');
    expect(f.age(30_000)).toBe('30 s');
    expect(f.age(300_000)).toBe('5 min');
    expect(createFormatters('zh', createT('zh')).age(300_000)).toBe('5 分钟');
  });
});

describe('t() at runtime', () => {
  it('shows an unknown key as itself instead of throwing', () => {
    expect(createT('zh')('channel.fax' as never)).toBe('channel.fax');
  });
});
