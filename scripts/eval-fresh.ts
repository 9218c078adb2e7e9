/**
 * The enricher against tests/fixtures/voc-fresh.jsonl: 135 short food-delivery / e-commerce / app messages
 * (70 en, 65 zh) written for this measurement and labelled by reading — three-class sentiment and taxonomy
 * leaves — before any model output on them was seen (the fixture's commit precedes every rule change it
 * measured). They are the registers the review-trained model never saw: complaints phrased as wishes or
 * requests ("please fix the login, I can't get in", "希望早日修复"), bare failures ("broken since Tuesday",
 * "用不了"), sarcasm, praise of a fix, questions and mixed reviews.
 *
 * Label conventions: a request to fix or sort out something presupposes a fault that hurts the customer, so
 * it is negative even without a failure word ("hoping for a fix soon", "希望早日修复"); a wish for something
 * new ("hope you add a dark mode", "建议增加…功能") and a question are neutral; a mixed review takes the side
 * of its last clause ("味道不错，就是送得太慢了" negative). Topics follow scripts/eval-topics.ts's conventions
 * ("fix" in a request is no aftersales.repair: only a repair service is).
 *
 * The fixture is split by line parity: even lines (0-based) are the "tune" half, whose errors may be read
 * while changing rules; odd lines are the "test" half, read only through its figures — the honest one.
 *
 *   npx tsx scripts/eval-fresh.ts [--root <other source tree, e.g. a git archive of main>] [--errors tune]
 *
 * stdout: one JSON line per (tree, half, language) with n, three-class label accuracy, and topic micro
 * precision / recall over the messages' topic sets; --errors <half> prints that half's misreads instead.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { feedbackFromText } from './lib/feedback-doc.ts';

interface Row {
  text: string;
  lang: 'zh' | 'en';
  label: 'negative' | 'neutral' | 'positive';
  topics: string[];
}

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const otherRoot = opt('--root');
const errorsOf = opt('--errors');
const file = args[0] ?? fileURLToPath(new URL('../tests/fixtures/voc-fresh.jsonl', import.meta.url));
const rows: Row[] = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const halfOf = (i: number) => (i % 2 === 0 ? 'tune' : 'test');

async function enricherAt(root: string) {
  const r = resolve(root);
  const { createEnricher } = await import(join(r, 'streaming/enrich/index.ts'));
  return (createEnricher as () => (f: unknown) => { sentiment: number; sentiment_label: string; topics: string[] })();
}

const trees: [string, string][] = otherRoot ? [['old', otherRoot], ['new', '.']] : [['new', '.']];
const round = (x: number) => Math.round(x * 1000) / 1000;
for (const [tree, root] of trees) {
  const enrich = await enricherAt(root);
  const out = rows.map((r, i) => enrich(feedbackFromText(r.text, `fresh-${i}`, 1_763_900_000_000 + i * 1000)));
  if (errorsOf) {
    rows.forEach((r, i) => {
      if (halfOf(i) !== errorsOf) return;
      const e = out[i];
      const missed = r.topics.filter((t) => !e.topics.includes(t));
      const extra = e.topics.filter((t) => !r.topics.includes(t));
      if (e.sentiment_label === r.label && !missed.length && !extra.length) return;
      console.log(JSON.stringify({ tree, i, text: r.text, label: r.label, got: e.sentiment_label, score: round(e.sentiment), missed, extra }));
    });
    continue;
  }
  for (const half of ['tune', 'test', 'all']) {
    for (const lang of ['zh', 'en', 'both']) {
      let n = 0, correct = 0, tp = 0, pred = 0, gold = 0;
      rows.forEach((r, i) => {
        if ((half !== 'all' && halfOf(i) !== half) || (lang !== 'both' && r.lang !== lang)) return;
        const e = out[i];
        n++;
        if (e.sentiment_label === r.label) correct++;
        tp += e.topics.filter((t) => r.topics.includes(t)).length;
        pred += e.topics.length;
        gold += r.topics.length;
      });
      console.log(JSON.stringify({ tree, half, lang, n, accuracy: round(correct / n), topicP: round(pred ? tp / pred : 0), topicR: round(gold ? tp / gold : 0), predicted: pred, support: gold }));
    }
  }
}
