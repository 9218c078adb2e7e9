import type { InsightExample, InsightFocus } from '../../../schemas/insights.ts';
import { inConcentration } from './concentrate.ts';
import { aspectOf, isCounted, type InsightMessage, type InsightOptions } from './message.ts';

/**
 * Typical messages for an insight: clearly negative about the topic, from the focus slice when there is
 * one (they should illustrate the statement), most representative first — the most of the topic's
 * distinctive keywords — then the most negative. Copies (dup_of) and near-identical texts are skipped; the
 * text is shown as stored, already PII-redacted.
 */
export function pickExamples(
  topic: string,
  rows: readonly InsightMessage[],
  keywords: readonly string[],
  focus: InsightFocus | null,
  o: Pick<InsightOptions, 'negativeAt' | 'maxExamples' | 'utcOffsetHours'>
): InsightExample[] {
  const wanted = new Set(keywords);
  const scored = rows
    .filter((m) => isCounted(m) && m.id && m.text && aspectOf(m, topic) <= o.negativeAt)
    .map((m) => ({
      m,
      inFocus: focus ? focus.concentrations.every((c) => inConcentration(m, c, o.utcOffsetHours)) : false,
      overlap: (m.keywords ?? []).filter((k) => wanted.has(k)).length,
      s: aspectOf(m, topic)
    }))
    .sort(
      (a, b) =>
        Number(b.inFocus) - Number(a.inFocus) || b.overlap - a.overlap || a.s - b.s || (a.m.id! < b.m.id! ? -1 : a.m.id! > b.m.id! ? 1 : 0)
    );
  const out: InsightExample[] = [];
  const chosen: Set<string>[] = [];
  for (const { m, s } of scored) {
    const grams = bigrams(m.text!);
    if (chosen.some((g) => overlap(g, grams) >= SAME_TEXT)) continue;
    chosen.push(grams);
    out.push({ id: m.id!, ts: m.ts, channel: m.channel, text: m.text!, sentiment: s });
    if (out.length >= o.maxExamples) break;
  }
  return out;
}

// Template-like complaints ("餐盒被压扁了，兰州拉面成了一坨" / "您好，餐盒被压扁了，肠粉成了一坨！") differ in a
// dish, a number or a greeting; showing two of them wastes a slot. Two texts count as one when half the
// character bigrams of the shorter one occur in the other (overlap over the smaller set, not Jaccard,
// because a greeting or a sign-off inflates the union).
const SAME_TEXT = 0.5;

function bigrams(text: string): Set<string> {
  const t = text.toLowerCase().replace(/[\s\p{P}\p{S}\d]+/gu, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < t.length; i++) out.add(t.slice(i, i + 2));
  return out;
}

function overlap(a: Set<string>, b: Set<string>): number {
  let both = 0;
  for (const x of a) if (b.has(x)) both++;
  const smaller = Math.min(a.size, b.size);
  return smaller > 0 ? both / smaller : 1;
}
