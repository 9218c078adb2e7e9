/**
 * Where the enrichment's time goes, stage by stage, and the whole enricher's speed — for comparing two
 * revisions side by side on a busy machine (give each a root directory, e.g. a `git archive` of main):
 *
 *   npx tsx scripts/bench-enrich-stages.ts <sentiment data dir> [root …] [--rounds 3]
 *
 * Every root runs in its own child process (fresh heap, like the eval's speed child), alternating over
 * the rounds so load changes hit all of them alike. Like the eval, each child warms up on the odd rows
 * and times the even rows (never seen before). Stage times come from a separate pass that calls each
 * stage as enrich does and brackets it with the clock (a few % of clock overhead included).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuSeconds, shortTexts } from './lib/enrich-speed.ts';
import { feedbackFromText } from './lib/feedback-doc.ts';

type Lang = 'zh' | 'en';

async function child(root: string, input: string, lang: Lang) {
  const imp = (p: string) => import(join(root, p));
  const { createEnricher } = await imp('streaming/enrich/index.ts');
  const s = await imp('streaming/enrich/sentiment/index.ts');
  const { normaliseText } = await imp('streaming/enrich/normalise.ts');
  const { redactPii } = await imp('streaming/enrich/pii.ts');
  const { detectLanguage } = await imp('streaming/enrich/language.ts');
  const { classifyNoise } = await imp('streaming/enrich/noise.ts');
  const { tokenize } = await imp('streaming/enrich/tokens.ts');
  const { matchTopicSpans, topicsOf } = await imp('streaming/enrich/topics.ts');
  const { extractKeywords } = await imp('streaming/enrich/keywords.ts');
  const { aspectSentiments } = await imp('streaming/enrich/aspects.ts');
  const { NearDuplicateIndex } = await imp('streaming/enrich/neardup.ts');
  s.loadSentimentModel();
  const texts = (JSON.parse(readFileSync(input, 'utf8')) as string[]);
  const docs = texts.map((text, i) => feedbackFromText(text, `b-${i}`, 1_763_900_000_000 + i * 1000));
  const warm = docs.filter((_, i) => i % 2 === 1);
  const timed = docs.filter((_, i) => i % 2 === 0);
  const w = createEnricher();
  for (const d of warm) w(d);
  const cpu = cpuSeconds;
  const e1 = createEnricher();
  const unseen = Math.round(timed.length / cpu(() => { for (const d of timed) e1(d); }));
  const e2 = createEnricher();
  const repeat = Math.round(timed.length / cpu(() => { for (const d of timed) e2(d); }));
  // Stage split (words now cached, as in the repeat pass): each stage in its own loop over the inputs
  // enrich would hand it, timed with CPU time; the sum is close to the repeat pass's per-message time.
  const names = ['normalise', 'pii', 'language', 'noise', 'tokens', 'sentiment', 'topics', 'aspects', 'keywords', 'neardup'];
  const t = new Float64Array(names.length);
  const n = timed.length;
  const norm: string[] = new Array(n), red: string[] = new Array(n), langs: string[] = new Array(n), noise: string[] = new Array(n), toks: { words: string[] }[] = new Array(n);
  t[0] = cpu(() => { for (let i = 0; i < n; i++) norm[i] = normaliseText(timed[i].text); });
  t[1] = cpu(() => { for (let i = 0; i < n; i++) red[i] = redactPii(norm[i]).text; });
  t[2] = cpu(() => { for (let i = 0; i < n; i++) langs[i] = detectLanguage(red[i]); });
  t[3] = cpu(() => { for (let i = 0; i < n; i++) noise[i] = classifyNoise(red[i]); });
  t[4] = cpu(() => { for (let i = 0; i < n; i++) toks[i] = tokenize(red[i], langs[i]); });
  t[5] = cpu(() => { for (let i = 0; i < n; i++) s.scoreSentiment(red[i], langs[i], toks[i]); });
  const spans: unknown[][] = new Array(n), topics: string[][] = new Array(n), scores: number[] = new Array(n);
  for (let i = 0; i < n; i++) scores[i] = s.scoreSentiment(red[i], langs[i], toks[i]).score;
  t[6] = cpu(() => { for (let i = 0; i < n; i++) if (!noise[i]) topics[i] = topicsOf((spans[i] = matchTopicSpans(red[i], langs[i], toks[i]))); });
  // as enrich scores clauses: a clause of every token reuses the message's score
  let cur = 0;
  const clauseScore = (clause: string, ct: { words: string[] }) => (ct.words.length === toks[cur].words.length ? scores[cur] : s.scoreSentiment(clause, langs[cur], ct).score);
  t[7] = cpu(() => { for (cur = 0; cur < n; cur++) if (!noise[cur] && topics[cur].length) aspectSentiments(red[cur], langs[cur], toks[cur], topics[cur], clauseScore, spans[cur]); });
  t[8] = cpu(() => { for (let i = 0; i < n; i++) if (!noise[i]) extractKeywords(toks[i], langs[i]); });
  const nd = new NearDuplicateIndex({ maxEntries: 200_000 });
  t[9] = cpu(() => { for (let i = 0; i < n; i++) if (!noise[i]) nd.check(timed[i].id, red[i], timed[i].ts); });
  for (let i = 0; i < t.length; i++) t[i] *= 1e3;
  const stages = Object.fromEntries(names.map((n, i) => [n, +((t[i] * 1000) / timed.length).toFixed(2)]));
  // What the split leaves out: aspect sentiments, building the record, and the loop itself.
  const rest = +(1e6 / repeat - [...t].reduce((x, y) => x + y, 0) * 1000 / n).toFixed(2);
  console.log(JSON.stringify({ unseen, repeat, stages, rest }));
}

async function main() {
  const args = process.argv.slice(2);
  const ri = args.indexOf('--rounds');
  const rounds = ri >= 0 ? Number(args.splice(ri, 2)[1]) : 3;
  const [dir, ...rootsArg] = args;
  const roots = (rootsArg.length ? rootsArg : ['.']).map((r) => resolve(r));
  const { loadEvalFiles } = await import('./eval-sentiment.ts');
  const files = loadEvalFiles(dir);
  const tmp = mkdtempSync(join(tmpdir(), 'bench-stages-'));
  for (const lang of ['zh', 'en'] as const) {
    const texts = shortTexts(files, lang, 20_000);
    const input = join(tmp, `${lang}.json`);
    writeFileSync(input, JSON.stringify(texts));
    for (let r = 0; r < rounds; r++) {
      for (const root of roots) {
        const c = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', root, input, lang], { encoding: 'utf8' });
        if (c.status !== 0) throw new Error(c.stderr);
        console.log(JSON.stringify({ lang, round: r, root, ...JSON.parse(c.stdout.trim().split('\n').pop()!) }));
      }
    }
  }
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4], process.argv[5] as Lang);
else await main();
