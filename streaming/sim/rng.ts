import { mulberry32 } from '../random.ts';

export { mulberry32 };
/**
 * Seeded randomness for the simulator. Everything random flows from one `Rng` so that a seed replays
 * the exact same feed; never call Math.random in sim code.
 */

export interface Rng {
  /** uniform in [0, 1) */
  next(): number;
  /** integer in [0, n) */
  int(n: number): number;
  /** integer in [lo, hi] inclusive */
  between(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  poisson(mean: number): number;
}


/** Seeds may be given as text on the command line; FNV-1a turns any string into a 32-bit seed. */
export function seedOf(seed: number | string): number {
  if (typeof seed === 'number' && Number.isFinite(seed)) return seed >>> 0;
  let h = 0x811c9dc5;
  for (const ch of String(seed)) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A stateless 32-bit mix (murmur3 finaliser): the same key always maps to the same uniform. */
export function hashUnit(key: number, salt: number): number {
  let h = (key ^ Math.imul(salt, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

export function createRng(seed: number | string): Rng {
  const next = mulberry32(seedOf(seed));
  const rng: Rng = {
    next,
    int: (n) => Math.floor(next() * n),
    between: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    poisson: (mean) => poisson(next, mean)
  };
  return rng;
}

/**
 * Knuth's product method is exact but O(mean); above 50 the normal approximation (with continuity
 * correction) is within a fraction of a percent and keeps backfill of large windows O(1).
 */
function poisson(next: () => number, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean < 50) {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = next();
    while (p > limit) {
      k++;
      p *= next();
    }
    return k;
  }
  // Box–Muller; 1 - u keeps the log argument away from zero.
  const z = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
}

/** Cumulative table for weighted choice; build once, sample with `pickWeighted`. */
export interface WeightedTable<T> {
  items: T[];
  cumulative: Float64Array;
}

export function weighted<T>(entries: ReadonlyArray<readonly [T, number]>): WeightedTable<T> {
  const positive = entries.filter(([, w]) => w > 0);
  if (positive.length === 0) throw new Error('weighted table needs at least one positive weight');
  const total = positive.reduce((s, [, w]) => s + w, 0);
  const cumulative = new Float64Array(positive.length);
  let acc = 0;
  positive.forEach(([, w], i) => {
    acc += w / total;
    cumulative[i] = acc;
  });
  cumulative[positive.length - 1] = 1;
  return { items: positive.map(([item]) => item), cumulative };
}

export function pickWeighted<T>(table: WeightedTable<T>, u: number): T {
  const c = table.cumulative;
  let lo = 0;
  let hi = c.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (u < c[mid]) hi = mid;
    else lo = mid + 1;
  }
  return table.items[lo];
}
