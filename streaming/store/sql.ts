/**
 * The only place values become SQL text. ClickHouse 18.16 (our oldest supported server) has no query
 * parameters, so every value is rendered as a literal here, and identifiers never come from input at all:
 * callers pick them from allow-lists with `ident`.
 */

export type SqlValue = string | number | boolean | null | Date | readonly SqlValue[];

/** A fragment of SQL that is already safe to splice into a query. */
export class Sql {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '\0': '\\0',
  '\b': '\\b',
  '\f': '\\f',
  '\r': '\\r',
  '\n': '\\n',
  '\t': '\\t'
};

export function literal(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`cannot render non-finite number ${value} as SQL`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (value instanceof Date) return `toDateTime(${Math.floor(value.getTime() / 1000)})`;
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  return `'${String(value).replace(/[\\'\0\b\f\r\n\t]/g, (c) => ESCAPES[c])}'`;
}

/**
 * Tagged template: `sql\`SELECT * FROM feedback WHERE id = ${id}\`` renders each interpolated value as a
 * literal, except Sql fragments (from `ident` or nested `sql`) which are spliced as they are.
 */
export function sql(strings: TemplateStringsArray, ...values: (SqlValue | Sql)[]): Sql {
  let text = strings[0];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    text += (v instanceof Sql ? v.text : literal(v)) + strings[i + 1];
  }
  return new Sql(text);
}

/** An identifier, accepted only if it is one of the allowed names. */
export function ident<T extends string>(name: string, allowed: readonly T[]): Sql {
  if (!(allowed as readonly string[]).includes(name)) throw new Error(`identifier not allowed: ${JSON.stringify(name)}`);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`malformed identifier in allow-list: ${name}`);
  return new Sql(name);
}

export const join = (parts: Sql[], sep = ', '): Sql => new Sql(parts.map((p) => p.text).join(sep));

/** `(v1, v2, …)` for `x IN ${list(values)}`; an empty list becomes `(NULL)`, which matches nothing. */
export const list = (values: readonly SqlValue[]): Sql => new Sql(values.length ? `(${values.map(literal).join(', ')})` : '(NULL)');
