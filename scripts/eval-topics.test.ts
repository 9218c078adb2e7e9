import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evalTopics, predictTopics, type Labelled } from './eval-topics.ts';

function fixtureOf(rows: Labelled[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'eval-topics-')), 'f.jsonl');
  writeFileSync(path, rows.map((r) => JSON.stringify(r)).join('\n'));
  return path;
}

describe('eval-topics', () => {
  it('scores a match in the wrong leaf as a miss on leaves but a hit on the first level', () => {
    const text = '送餐太慢了，等了两个小时';
    const predicted = predictTopics({ source: 't', text, lang: 'zh', topics: [] });
    expect(predicted.some((t) => t.startsWith('delivery.'))).toBe(true);
    // Labelled under a delivery leaf the matcher does not give: wrong leaf, right parent.
    const wrongLeaf = predicted.includes('delivery.damaged') ? 'delivery.late' : 'delivery.damaged';
    const rows = evalTopics(fixtureOf([{ source: 't', text, lang: 'zh', topics: [wrongLeaf], set: 'x' }]));
    const leaf = rows.find((r) => r.topic === 'micro' && r.set === 'x')!;
    const parent = rows.find((r) => r.topic === 'micro-parent' && r.set === 'x')!;
    expect(leaf.recall).toBe(0);
    expect(parent).toMatchObject({ precision: 1, recall: 1, support: 1, n: 1 });
    // The overall leaf row stays last, as readers of the output expect.
    expect(rows.at(-1)).toMatchObject({ topic: 'micro', set: 'all' });
  });

  it('scores the hold-outs in the default list, holdout-g, holdout-h, holdout-i, holdout-j and holdout-k after holdout-e', () => {
    const sets = evalTopics()
      .filter((r) => r.topic === 'micro' && r.set !== 'all')
      .map((r) => [r.set, r.n]);
    expect(sets).toEqual([['tuned', 413], ['blind-a', 200], ['holdout-b', 150], ['holdout-c', 200], ['pool-d', 600], ['holdout-e', 300], ['holdout-g', 300], ['holdout-h', 300], ['holdout-i', 300], ['holdout-j', 300], ['holdout-k', 300]]);
  });
});
