/**
 * Seeded uniform random numbers in [0, 1): mulberry32, 32-bit state, fast, statistically good enough
 * for simulation, resampling and shuffling training data (never for secrets). One implementation so
 * every seeded result in the project (simulator, bootstrap, training) is reproducible the same way.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
