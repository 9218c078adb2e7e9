/**
 * CPU cost of the sentiment step alone (scoreSentiment with tokens given: features, margin, any hidden
 * layer, the register / gate / verdict readings) at two source trees, interleaved in one process so load
 * changes hit both alike:
 *
 *   npx tsx scripts/lib/bench-sentiment-step.ts <sentiment data dir> <root A> [root B = .] [--lang zh,en] [--rounds 7]
 *
 * Short (< 200 characters) dev messages, tokenised once up front; both trees score every message once to
 * warm up, then alternate in blocks of 500 (alternating which goes first). Prints per language and round
 * µs of CPU per message for A and B, and the median of the rounds' ratios B / A.
 */
import { join, resolve } from 'node:path';
import { loadEvalFiles } from '../eval-sentiment.ts';
import { shortTexts } from './enrich-speed.ts';
import { tokenize } from '../../streaming/enrich/tokens.ts';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : dflt;
};
const langs = opt('--lang', 'zh,en').split(',') as ('zh' | 'en')[];
const rounds = Number(opt('--rounds', '7'));
const [dir, rootA, rootB = '.'] = args;

type Score = (text: string, lang: 'zh' | 'en', tokens: unknown) => { score: number };
async function load(root: string): Promise<{ score: Score; version: string }> {
  const s = await import(join(resolve(root), 'streaming/enrich/sentiment/index.ts'));
  const m = s.loadSentimentModel();
  return { score: s.scoreSentiment, version: m.version };
}
const A = await load(rootA);
const B = await load(rootB);
console.error(`A ${A.version} (${rootA}), B ${B.version} (${rootB})`);
const files = loadEvalFiles(dir);
const cpu = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
for (const lang of langs) {
  const texts = shortTexts(files, lang, 20_000);
  const tokens = texts.map((t) => tokenize(t, lang));
  let changed = 0;
  for (let i = 0; i < texts.length; i++) {
    const a = A.score(texts[i], lang, tokens[i]).score;
    const b = B.score(texts[i], lang, tokens[i]).score;
    if (Math.sign(a) !== Math.sign(b)) changed++;
  }
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    let ta = 0;
    let tb = 0;
    const BLOCK = 500;
    for (let s = 0; s < texts.length; s += BLOCK) {
      const end = Math.min(s + BLOCK, texts.length);
      for (const which of (s / BLOCK) % 2 === 0 ? [0, 1] : [1, 0]) {
        const f = which === 0 ? A.score : B.score;
        const t0 = cpu();
        for (let i = s; i < end; i++) f(texts[i], lang, tokens[i]);
        const dt = cpu() - t0;
        if (which === 0) ta += dt;
        else tb += dt;
      }
    }
    ratios.push(tb / ta);
    console.log(JSON.stringify({ lang, round, n: texts.length, usA: +(ta / texts.length).toFixed(2), usB: +(tb / texts.length).toFixed(2), ratio: +(tb / ta).toFixed(3) }));
  }
  console.log(JSON.stringify({ lang, n: texts.length, signChanged: changed, medianRatio: +median(ratios).toFixed(3) }));
}
