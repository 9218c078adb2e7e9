/** Right / total per key, for the fixture scripts that print one accuracy line per group. */
export function createTally() {
  const groups = new Map<string, { n: number; right: number }>();
  return {
    add(key: string, ok: boolean): void {
      const g = groups.get(key) ?? { n: 0, right: 0 };
      g.n++;
      if (ok) g.right++;
      groups.set(key, g);
    },
    /** the groups sorted by key, each with its share of rights */
    sorted: () => [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, g]) => ({ key, n: g.n, share: g.right / g.n }))
  };
}
