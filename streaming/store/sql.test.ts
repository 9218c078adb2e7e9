import { describe, expect, it } from 'vitest';
import { ident, literal, sql } from './sql.ts';

describe('literal', () => {
  it('escapes quotes, backslashes and control characters so a string cannot end early', () => {
    expect(literal("x' OR 1=1 --")).toBe("'x\\' OR 1=1 --'");
    expect(literal('a\\')).toBe("'a\\\\'");
    expect(literal('line\nbreak\ttab\0nul')).toBe("'line\\nbreak\\ttab\\0nul'");
    expect(literal("\\' ; DROP TABLE feedback")).toBe("'\\\\\\' ; DROP TABLE feedback'");
  });
  it('renders numbers, booleans, null, dates and arrays', () => {
    expect(literal(42)).toBe('42');
    expect(literal(-0.5)).toBe('-0.5');
    expect(literal(true)).toBe('1');
    expect(literal(null)).toBe('NULL');
    expect(literal(new Date(1_700_000_000_123))).toBe('toDateTime(1700000000)');
    expect(literal(['a', "b'"])).toBe("['a', 'b\\'']");
  });
  it('refuses values that have no SQL literal', () => {
    expect(() => literal(Number.NaN)).toThrow();
    expect(() => literal(Infinity)).toThrow();
  });
});

describe('sql template', () => {
  it('quotes interpolated values and splices identifiers from the allow-list', () => {
    const col = ident('channel', ['channel', 'region'] as const);
    expect(sql`SELECT ${col} FROM t WHERE ${col} = ${"chat'"} LIMIT ${10}`.text).toBe(
      "SELECT channel FROM t WHERE channel = 'chat\\'' LIMIT 10"
    );
  });
  it('rejects identifiers outside the allow-list', () => {
    expect(() => ident('channel; DROP TABLE x', ['channel'])).toThrow(/not allowed/);
  });
});

describe('list', () => {
  it('renders an IN list of literals, and an empty list that matches nothing', async () => {
    const { list } = await import('./sql.ts');
    expect(sql`x IN ${list(['a', "b'"])}`.text).toBe("x IN ('a', 'b\\'')");
    expect(sql`x IN ${list([])}`.text).toBe('x IN (NULL)');
  });
});
