import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { numberOption, stringOption } from './lib/args.ts';
import { readCsvRecords } from './lib/csv.ts';
import type { Lang } from '../schemas/feedback.ts';
import { LEAF_IDS } from '../schemas/taxonomy.ts';
import { tokenize, type Tokens } from '../streaming/enrich/tokens.ts';
import { matchRuleTopics, TOPIC_CHECK_FILE } from '../streaming/enrich/topics.ts';
import { compileTopicCheck } from '../streaming/enrich/topic-check.ts';

/**
 * Cost of the learned topic check on top of the rules: tokens precomputed over short dev messages, the
 * rules alone and the rules + check interleaved in one process, CPU µs per message, median of rounds.
 *
 *   npx tsx scripts/bench-topic-check.ts [--model file] [--per-file 3000] [--rounds 15]
 */
const dataDir = '/work/shared/data/sentiment';
const perFile = numberOption('per-file', 3000);
const rounds = numberOption('rounds', 15);
const check = compileTopicCheck(JSON.parse(readFileSync(stringOption('model', TOPIC_CHECK_FILE), 'utf8')), LEAF_IDS);
for (const langs of [['zh_waimai', 'zh_hotel', 'zh_shopping10'], ['en_amazon', 'en_tweets']]) {
  const msgs: { text: string; lang: Lang; tokens: Tokens }[] = [];
  for (const source of langs) {
    const lang = source.slice(0, 2) as Lang;
    let k = 0;
    for (const r of readCsvRecords(join(dataDir, `${source}.dev.csv`))) {
      const text = r.text.trim();
      if (!text || text.length >= 200) continue;
      if (k++ >= perFile) break;
      msgs.push({ text, lang, tokens: tokenize(text, lang) });
    }
  }
  const time = (withCheck: boolean) => {
    const t0 = process.cpuUsage();
    let sink = 0;
    for (const m of msgs) {
      const fired = matchRuleTopics(m.text, m.lang, m.tokens);
      sink += withCheck && fired.length ? check.keep(m.tokens, m.lang, fired).size : fired.length;
    }
    const d = process.cpuUsage(t0);
    return { us: (d.user + d.system) / msgs.length, sink };
  };
  time(true);
  time(false);
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < rounds; r++) {
    a.push(time(false).us);
    b.push(time(true).us);
  }
  const med = (x: number[]) => x.sort((p, q) => p - q)[Math.floor(x.length / 2)];
  console.log(JSON.stringify({ lang: langs[0].slice(0, 2), messages: msgs.length, rulesUs: +med(a).toFixed(2), rulesPlusCheckUs: +med(b).toFixed(2), checkUs: +(med(b) - med(a)).toFixed(2) }));
}
