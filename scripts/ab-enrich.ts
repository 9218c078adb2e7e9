/**
 * Same-process A/B of the enricher at two source trees, for a busy machine where separate runs are
 * not comparable: both enrichers are loaded in this process, warmed on the odd rows, then timed on the
 * even rows (never seen by either) in alternating blocks, so load changes hit both alike.
 *
 *   npx tsx scripts/ab-enrich.ts <sentiment data dir> <root A, e.g. a git archive of main> [root B = .] [--lang en|zh] [--passes 2]
 *
 * Prints per language and pass (pass 0: unseen, later passes: repeated) msgs per CPU-second of A and B
 * and their ratio B / A.
 */
import { join, resolve } from 'node:path';
import { loadEvalFiles } from './eval-sentiment.ts';
import { shortTexts } from './lib/enrich-speed.ts';
import { feedbackFromText } from './lib/feedback-doc.ts';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : dflt;
};
const langs = opt('--lang', 'zh,en').split(',') as ('zh' | 'en')[];
const passes = Number(opt('--passes', '2'));
const [dir, rootA, rootB = '.'] = args;

async function load(root: string) {
  const r = resolve(root);
  const { createEnricher } = await import(join(r, 'streaming/enrich/index.ts'));
  const s = await import(join(r, 'streaming/enrich/sentiment/index.ts'));
  s.loadSentimentModel();
  return createEnricher as () => (f: unknown) => unknown;
}
const A = await load(rootA);
const B = await load(rootB);
const files = loadEvalFiles(dir);
const cpu = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
for (const lang of langs) {
  const texts = shortTexts(files, lang, 20_000);
  const docs = texts.map((t, i) => feedbackFromText(t, `ab-${i}`, 1_763_900_000_000 + i * 1000));
  const warm = docs.filter((_, i) => i % 2 === 1);
  const timed = docs.filter((_, i) => i % 2 === 0);
  const wa = A(), wb = B();
  for (const d of warm) { wa(d); wb(d); }
  for (let pass = 0; pass < passes; pass++) {
    const ea = A(), eb = B();
    let ta = 0, tb = 0;
    const BLOCK = 250;
    for (let s = 0; s < timed.length; s += BLOCK) {
      const block = timed.slice(s, s + BLOCK);
      // alternate which goes first, so neither always runs right after the other's cache traffic
      const first = (s / BLOCK) % 2 === 0;
      for (const which of first ? [0, 1] : [1, 0]) {
        const e = which === 0 ? ea : eb;
        const t0 = cpu();
        for (const d of block) e(d);
        const dt = cpu() - t0;
        if (which === 0) ta += dt; else tb += dt;
      }
    }
    const a = Math.round(timed.length / (ta / 1e6)), b = Math.round(timed.length / (tb / 1e6));
    console.log(JSON.stringify({ lang, pass, n: timed.length, A: a, B: b, ratio: +(b / a).toFixed(3) }));
  }
}
