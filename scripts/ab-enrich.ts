/**
 * Same-process A/B of the enricher at two source trees, for a busy machine where separate runs are
 * not comparable: both enrichers are loaded in this process, warmed on the odd rows, then timed on the
 * even rows (never seen by either) in alternating blocks, so load changes hit both alike.
 *
 *   npx tsx scripts/ab-enrich.ts <sentiment data dir> <root A, e.g. a git archive of main> [root B = .] [--lang en|zh] [--passes 2]
 *
 * Prints per language and pass (pass 0: unseen, later passes: repeated) msgs per CPU-second of A and B
 * and their ratio B / A.
 *
 * Each pass starts after a full garbage collection (and a pause for V8's concurrent sweeping): before
 * 2026-11-24 the first block, always A's turn, paid for the previous pass's garbage and a collection of a
 * heap holding both trees' models, which showed as a bias for B — A/A runs (two copies of main, load 10–16)
 * gave B / A ×1.09–1.16 on the Chinese unseen pass and ×1.13–1.26 on the English repeat pass; with the
 * collection ×1.03–1.05 and ×0.96–1.08 (within this host's noise). Swapping the roots remains a cheap check.
 */
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
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
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
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
  // alternate which enricher reads a warm-up message first, as the timed blocks do
  warm.forEach((d, i) => { if (i % 2) { wb(d); wa(d); } else { wa(d); wb(d); } });
  for (let pass = 0; pass < passes; pass++) {
    const ea = A(), eb = B();
    // Collect now: otherwise the first block (A's turn) pays for the garbage of the previous pass and of
    // these enrichers' allocation (a full collection of a heap holding both trees' models).
    collectGarbage();
    collectGarbage();
    // and let V8's concurrent sweeping finish before the clock starts
    await new Promise((r) => setTimeout(r, 200));
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
