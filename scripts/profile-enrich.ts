/**
 * CPU profile of the enricher's unseen pass, as the eval times it: one enricher warmed on the odd short
 * rows, profiled (node:inspector) over the even rows. Prints the top self-time functions and their
 * share, and writes the .cpuprofile for a viewer.
 *
 *   npx tsx scripts/profile-enrich.ts <sentiment data dir> --lang en|zh [--out /tmp/en.cpuprofile] [--top 30] [--repeat]
 *
 * --repeat profiles a second pass over the same rows with a fresh enricher instead (words cached).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createEnricher } from '../streaming/enrich/index.ts';
import { loadSentimentModel } from '../streaming/enrich/sentiment/index.ts';
import { loadEvalFiles } from './eval-sentiment.ts';
import { shortTexts } from './lib/enrich-speed.ts';
import { feedbackFromText } from './lib/feedback-doc.ts';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : dflt;
};
const lang = opt('--lang', 'en') as 'en' | 'zh';
const out = opt('--out', `/tmp/enrich-${lang}.cpuprofile`);
const top = Number(opt('--top', '30'));
const repeat = args.includes('--repeat');
const dir = args.find((a) => !a.startsWith('--'))!;

loadSentimentModel();
const texts = shortTexts(loadEvalFiles(dir), lang, 20_000);
const docs = texts.map((t, i) => feedbackFromText(t, `p-${i}`, 1_763_900_000_000 + i * 1000));
const warm = docs.filter((_, i) => i % 2 === 1);
const timed = docs.filter((_, i) => i % 2 === 0);
const enrich = createEnricher();
for (const d of warm) enrich(d);
if (repeat) for (const d of timed) enrich(d);
const e2 = repeat ? createEnricher() : enrich;

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
const t0 = process.cpuUsage();
for (const d of timed) e2(d);
const dt = process.cpuUsage(t0);
const { profile } = await session.post('Profiler.stop');
writeFileSync(out, JSON.stringify(profile));

const us = (dt.user + dt.system) / timed.length;
console.log(`${lang} ${repeat ? 'repeat' : 'unseen'} pass: ${timed.length} messages, ${us.toFixed(1)} µs CPU per message (${Math.round(1e6 / us)}/s, profiler on)`);
// self time per function (name + file:line), from sample counts
const self = new Map<number, number>();
for (const s of profile.samples ?? []) self.set(s, (self.get(s) ?? 0) + 1);
const byFn = new Map<string, number>();
let total = 0;
for (const node of profile.nodes) {
  const n = self.get(node.id) ?? 0;
  if (!n) continue;
  const cf = node.callFrame;
  const file = cf.url.replace(/^.*\/(node_modules\/[^/]+|streaming|scripts)\//, '$1/');
  const key = `${cf.functionName || '(anon)'} ${file}:${cf.lineNumber + 1}`;
  byFn.set(key, (byFn.get(key) ?? 0) + n);
  total += n;
}
const rows = [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top);
for (const [k, n] of rows) console.log(`${((100 * n) / total).toFixed(1).padStart(5)} %  ${k}`);
// by file
const byFile = new Map<string, number>();
for (const [k, n] of byFn) {
  const f = k.split(' ').slice(1).join(' ').replace(/:\d+$/, '');
  byFile.set(f, (byFile.get(f) ?? 0) + n);
}
console.log('--- by file');
for (const [k, n] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${((100 * n) / total).toFixed(1).padStart(5)} %  ${k}`);
