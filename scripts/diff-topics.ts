import { execFileSync } from 'node:child_process';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readCsvRecords } from './lib/csv.ts';
import type { Lang } from '../schemas/feedback.ts';
import { TAXONOMY, type Taxonomy } from '../schemas/taxonomy.ts';
import { tokenize } from '../streaming/enrich/tokens.ts';
import { createTopicMatcher } from '../streaming/enrich/topics.ts';

/**
 * What a taxonomy edit changes on unlabelled dev text: the working tree's taxonomy against another
 * revision's (default `main`), over the first N short (< 200 characters) messages of each dev file, with
 * a few sampled texts per gained and lost leaf for reading. This is the check every topic round runs before
 * keeping a change: a rule that fixes labelled rows but mostly fires in another sense on real traffic
 * is dropped. The other side is the revision's matcher code too (streaming/enrich/topics.ts, loaded from
 * a temporary copy beside the working one), so a matcher change shows up as well as a taxonomy edit.
 *
 *   npx tsx scripts/diff-topics.ts <data dir> [--rev main] [--per-file 6000] [--samples 4] [--skip <fixture.jsonl>]
 *
 * --skip leaves out the texts of a labelled fixture (comma-separated for several): a blind hold-out is
 * drawn from these same dev files, so without it a round would read the matcher's output on it here.
 */

const args = process.argv.slice(2);
const opt = (name: string, d: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : d;
};
const rev = opt('--rev', 'main');
const perFile = Number(opt('--per-file', '6000'));
const samples = Number(opt('--samples', '4'));
const skip = opt('--skip', '');
const skipped = new Set(
  skip
    .split(',')
    .filter(Boolean)
    .flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((l) => l.trim()))
    .map((l) => (JSON.parse(l) as { text: string }).text.trim().replace(/\s+/g, ' '))
);
const dataDir = args[0] ?? '/work/shared/data/sentiment';

const before: Taxonomy = JSON.parse(execFileSync('git', ['show', `${rev}:schemas/taxonomy.json`], { encoding: 'utf8' }));
// The revision's matcher, beside the working one so its relative imports resolve.
const oldMatcher = fileURLToPath(new URL(`../streaming/enrich/.topics-${process.pid}.tmp.ts`, import.meta.url));
writeFileSync(oldMatcher, execFileSync('git', ['show', `${rev}:streaming/enrich/topics.ts`], { encoding: 'utf8' }));
let createOld: typeof createTopicMatcher;
try {
  createOld = ((await import(pathToFileURL(oldMatcher).href)) as { createTopicMatcher: typeof createTopicMatcher }).createTopicMatcher;
} finally {
  unlinkSync(oldMatcher);
}
const a = createOld(before);
const b = createTopicMatcher(TAXONOMY);
const gained = new Map<string, string[]>();
const lost = new Map<string, string[]>();
let n = 0;
let changed = 0;
for (const source of ['zh_waimai', 'zh_hotel', 'zh_shopping10', 'en_amazon', 'en_tweets']) {
  const lang = source.slice(0, 2) as Lang;
  let taken = 0;
  for (const r of readCsvRecords(join(dataDir, `${source}.dev.csv`))) {
    const text = r.text.trim();
    if (!text || text.length >= 200) continue;
    if (taken++ >= perFile) break;
    if (skipped.has(text.replace(/\s+/g, ' '))) continue;
    n++;
    const tokens = tokenize(text, lang);
    const x = new Set(a.match(text, lang, tokens));
    const y = new Set(b.match(text, lang, tokens));
    let diff = false;
    for (const t of y) if (!x.has(t)) { (gained.get(t) ?? gained.set(t, []).get(t)!).push(`${source}: ${text}`); diff = true; }
    for (const t of x) if (!y.has(t)) { (lost.get(t) ?? lost.set(t, []).get(t)!).push(`${source}: ${text}`); diff = true; }
    if (diff) changed++;
  }
}
console.log(JSON.stringify({ messages: n, changed }));
for (const [kind, m] of [['gained', gained], ['lost', lost]] as const) {
  for (const [t, list] of [...m].sort((x, y) => y[1].length - x[1].length)) {
    console.log(`${kind} ${t}: ${list.length}`);
    // Evenly spaced samples, so one file's run of similar texts does not fill them.
    for (let k = 0; k < Math.min(samples, list.length); k++) console.log(`    ${list[Math.floor((k * list.length) / Math.min(samples, list.length))].slice(0, 140)}`);
  }
}
