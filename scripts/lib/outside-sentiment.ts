import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { LabelledText } from '../../streaming/enrich/sentiment/dataset.ts';

/**
 * English review sentences from sources the model never trains on: the "Sentiment Labelled Sentences"
 * (Kotzias, Denil, de Freitas & Smyth, KDD 2015; 1,000 each from Amazon, IMDb and Yelp, labelled 0/1),
 * as shipped in the test fixtures of the `sentiment` npm package (MIT; a dev dependency, also a peer in
 * eval-sentiment). Only ever read to check the model — the "other sources" — never to train or
 * tune it.
 */
export function loadOutsideSentiment(): { name: string; rows: LabelledText[] }[] {
  const dir = join(dirname(createRequire(import.meta.url).resolve('sentiment/package.json')), 'test', 'fixtures');
  return ['amazon', 'imdb', 'yelp'].map((name) => ({
    name: `uci_${name}`,
    // each file ends with an empty, unlabelled row
    rows: (JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as { text: string; class: number | null }[])
      .filter((r) => (r.class === 0 || r.class === 1) && r.text.trim() !== '')
      .map((r) => ({ text: r.text, label: r.class as 0 | 1, strength: 1 }))
  }));
}
