import { describe, expect, it } from 'vitest';
import { createRng } from '../../sim/rng.ts';
import { addCount, COUNT_5M_OPTIONS, createBlockSum } from './fivemin.ts';
import { addTotals, createMeasureWatcher, type SliceTotals } from './measures.ts';
import { createRunner, MEASURE_TABLE, runOrder, upgradeSnapshot } from './table.ts';
import { createSliceWatcher } from './watcher.ts';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 5);

function minute(rng: ReturnType<typeof createRng>, i: number) {
  const n = 60 + Math.floor(rng.next() * 20);
  let neg = 0;
  for (let k = 0; k < n; k++) if (rng.next() < 0.2) neg++;
  const totals = new Map<string, SliceTotals>([['region:east', { n, neg, sentimentSum: -0.8 * neg, npsN: 30, detractors: Math.floor(rng.next() * 10) }]]);
  const counts = new Map([['region:east', neg], ['all:', neg + (i % 3)]]);
  return { counts, totals };
}

describe('measure table', () => {
  it('runs 1-minute measures before 5-minute ones, complaint counts before rates, else as configured', () => {
    expect(runOrder(['sentiment_5m', 'neg_5m', 'detractor_share', 'neg_share', 'neg_share'])).toEqual(['detractor_share', 'neg_share', 'neg_5m', 'sentiment_5m']);
    for (const m of Object.keys(MEASURE_TABLE) as (keyof typeof MEASURE_TABLE)[]) expect(MEASURE_TABLE[m].resolution).toBe(m.endsWith('_5m') ? 5 : 1);
  });

  it('a 5-minute measure scores the block sum once, at the block\'s last minute', () => {
    const rng = createRng('table-1');
    const r = createRunner('neg_share_5m');
    const plain = createMeasureWatcher('neg_share_5m');
    const block = createBlockSum(addTotals<SliceTotals>);
    const base = Math.floor(T0 / (5 * MIN)) * 5 * MIN;
    for (let i = 0; i < 3000; i++) {
      const t = base + i * MIN;
      const m = minute(rng, i);
      const sum = block.push(t, m.totals);
      if (i < 2500) { r.learn(t, m); if (sum) plain.learn(t, sum); continue; }
      const out = r.observe(t, m);
      expect(out === null).toBe(sum === null);
      if (sum) expect(out).toEqual(plain.observe(t, sum));
    }
  });

  it('reads a snapshot written before the table (rates / count5 / blocks) and carries on exactly', () => {
    const rng = createRng('table-2');
    // The loop as it was: one watcher per measure, and one shared half-full block per input.
    const share = createMeasureWatcher('neg_share'), share5 = createMeasureWatcher('neg_share_5m'), count5 = createSliceWatcher(COUNT_5M_OPTIONS);
    const totalsBlock = createBlockSum(addTotals<SliceTotals>), countBlock = createBlockSum(addCount);
    const base = Math.floor(T0 / (5 * MIN)) * 5 * MIN;
    let i = 0;
    for (; i < 1442; i++) {
      const t = base + i * MIN, m = minute(rng, i);
      share.learn(t, m.totals);
      const s = totalsBlock.push(t, m.totals), c = countBlock.push(t, m.counts);
      if (s) share5.learn(t, s);
      if (c) count5.learn(t, c);
    }
    // Saved mid-block (1442 is not a multiple of 5), through JSON as Redis keeps it.
    const legacy = JSON.parse(JSON.stringify({
      rates: { neg_share: share.snapshot(), neg_share_5m: share5.snapshot() }, count5: count5.snapshot(),
      blocks: { counts: countBlock.snapshot(), totals: totalsBlock.snapshot() }
    }));
    const saved = upgradeSnapshot(legacy);
    expect(Object.keys(saved).sort()).toEqual(['neg_5m', 'neg_share', 'neg_share_5m']);
    const runners = (['neg_share', 'neg_5m', 'neg_share_5m'] as const).map((m) => createRunner(m, saved[m]));
    for (; i < 1460; i++) {
      const t = base + i * MIN, m = minute(rng, i);
      const s = totalsBlock.push(t, m.totals), c = countBlock.push(t, m.counts);
      expect(runners[0].observe(t, m)).toEqual(share.observe(t, m.totals));
      expect(runners[1].observe(t, m)).toEqual(c ? count5.observe(t, c) : null);
      expect(runners[2].observe(t, m)).toEqual(s ? share5.observe(t, s) : null);
    }
    // A snapshot in the table's own shape is read as it is; entries it cannot use are left out.
    const now = { neg_share: runners[0].snapshot() };
    expect(upgradeSnapshot({ measures: now })).toEqual(now);
    expect(upgradeSnapshot({ measures: { ...now, neg_5m: { watcher: 42 }, nps_10m: now.neg_share } as never })).toEqual(now);
    // A measure the old snapshot did not have is simply absent (the loop warms it up from history).
    expect(upgradeSnapshot({ rates: {} })).toEqual({});
  });
});
