/** `--name value` options of the benchmark and evaluation scripts. */

export function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export const stringOption = (name: string, fallback: string): string => option(name) ?? fallback;

export function numberOption(name: string, fallback: number): number {
  const v = option(name);
  return v === undefined ? fallback : Number(v);
}

export function requiredOption(name: string): string {
  const v = option(name);
  if (v === undefined) throw new Error(`missing --${name}`);
  return v;
}
