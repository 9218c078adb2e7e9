/**
 * Two verdict constructions the review-trained models read wrongly in short messages:
 *
 * - Resolution: a problem said to be over ("不再转圈了", "恢复正常了", "终于能下单了", "no more crashes",
 *   "works again", "fixed now") is praise of the fix, but the problem word (转圈, crash) carries the
 *   model's negative weight. The executive impact view counts the rise of exactly this praise after a
 *   launch. Look-alikes stay with the model: a negated non-problem ("不再相信你们了", "no more orders from
 *   me"), an arrival at last ("终于送到了", "finally arrived"), a resolution doubted or contradicted
 *   ("恢复正常？还是打不开", "still", a problem word left outside the resolved phrase: "不再转圈了，直接白屏").
 * - Lukewarm: a short verdict that is neither (不好不坏, 中规中矩, 一般般, so-so, nothing special). The
 *   models, trained on binary reviews, put these on one side with confidence (−0.92 for "不好不坏，跟别家
 *   差不多"); only the margin's size is changed, never its sign, so binary decisions are untouched.
 *
 * Read only in short texts (register.ts's limits): a review weighs such phrases against much else.
 */
import { SHORT_EN, SHORT_ZH, countUpTo } from './register.ts';
import { inSpans, matchSpans, type Span } from './spans.ts';

/** Margin a resolution sets the score to at least (tanh(2.5/2) ≈ 0.85), the weight of one speech act. */
export const RESOLVED_MARGIN = 2.5;
/** Factor on the margin of a lukewarm verdict: keeps the sign, lands inside the neutral band. */
export const LUKEWARM_FACTOR = 0.1;
/** A lukewarm phrase decides only a message this short (Han characters / words): a verdict, not a review. */
const LUKEWARM_ZH = 16;
const LUKEWARM_EN = 12;

// ── Chinese ──
const ZH_PROBLEM = '连不上|连接不上|登不上|转圈|卡顿|卡住|卡死|卡|闪退|崩溃|报错|出错|白屏|黑屏|掉线|断线|延迟|加载不出来?|打不开|死机|乱码|失败|bug|BUG|重复扣款|扣两次|超时|转菊花';
const ZH_RESOLVED = new RegExp(
  [
    // "不再转圈了", "再也没有白屏了", "没再闪退"
    `(?:不再|再也不|再也没有?|没有再|没再|不会再)(?:会|出现|有|报)?(?:${ZH_PROBLEM})`,
    // "不卡了", "不转圈了": bare 不 only with 了, so "不卡" in a list of wishes is not read
    `不(?:再)?(?:${ZH_PROBLEM})了`,
    '恢复正常(?!价)|已恢复|恢复了|修好了|修复了|已修复|已经修复|已经好了|搞定了|正常了',
    // "终于能正常下单了", "终于可以用了", "终于不卡顿了" — not "终于送到了" (an arrival at last)
    '终于(?:能|可以|不|正常|好了|修好|恢复)',
  ].join('|'),
  'g'
);
const ZH_PROBLEM_RE = new RegExp(ZH_PROBLEM, 'g');
// Contradiction or doubt anywhere: the fix did not hold.
const ZH_STILL = /还是|仍然|依然|仍旧|照样|又开始|又出现|结果|并没有|没修好|根本没|哪里|[?？]/;

// "登录问题解决了": the problem itself said to be solved, not asked about ("解决了吗"); not a service that
// "解决了" what arrived spoiled ("有几个烂的，不过客服都给解决了": the goods are still the verdict). Kept out of
// ZH_RESOLVED and looked for only in a text holding 解决: one more alternative there slowed every message's
// verdict scan (scripts/ab-enrich.ts, en −3.5 % for the two additions together).
const ZH_SOLVED = /(?:问题|故障|毛病|bug|BUG)(?:已经?|都|终于|总算)?(?:解决了|解决好了|已解决)(?![吗么])/g;

// ── English ──
const EN_PROBLEM =
  'spinning(?: wheel)?|spinner|crash(?:es|ing)?|freez(?:e|es|ing)|frozen|lag(?:s|ging|gy)?|errors?|bugs?|glitch(?:es|y)?|' +
  'double charges?|timeouts?|blank screen|white screen|black screen|delays?|failed payments?|failures?|loading issues?|buffering|disconnects?';
const EN_WORKS = '(?:works?|working|loads?|loading|runs?|running|opens?|go(?:es)? through|is fine)';
const EN_RESOLVED = new RegExp(
  [
    `\\bno more (?:\\w+ ){0,1}(?:${EN_PROBLEM})\\b`,
    `\\bno longer (?:\\w+ ){0,1}(?:${EN_PROBLEM})\\b`,
    `\\b(?:not|n't|never) (?:\\w+ ){0,1}(?:${EN_PROBLEM}) any ?more\\b`,
    `\\b(?:${EN_PROBLEM}) (?:is|are|has|have)(?: been)? (?:gone|stopped|fixed|resolved)\\b`,
    `\\b${EN_WORKS} (?:fine |properly |normally |perfectly |smoothly )?again\\b`,
    '\\b(?:fixed now|now fixed|is fixed|are fixed|been fixed|got fixed|finally fixed|back to normal|issue resolved|problem solved)\\b',
    `\\bfinally (?:${EN_WORKS}|able to|fixed|loads?|runs?)\\b`,
  ].join('|'),
  'gi'
);
// Thanks for a fix, with what was fixed ("thanks for fixing the crash so quickly"), not for fixing nothing;
// looked for only in a text holding "for fixing" / "for sorting" / "for resolving" (see ZH_SOLVED).
const EN_THANKED_FIX = new RegExp(
  `\\b(?:thanks|thank you|thx) (?:\\w+ ){0,2}for (?:fixing|sorting(?: out)?|resolving)(?! nothing)(?: (?:the|that|this|my|those|these|it))?(?: \\w+)?(?: (?:${EN_PROBLEM}))?\\b`,
  'gi'
);
const EN_PROBLEM_RE = new RegExp(`\\b(?:${EN_PROBLEM})\\b`, 'gi');
const EN_STILL = /\b(?:still|but|yet|not really|nope|no,|broken|cannot|can't|won't)\b|\?/i;

const ZH_LUKEWARM = /不好不坏|不好也不坏|中规中矩|一般般|马马虎虎|凑合|不过不失|平平无奇|平平淡淡|没什么特别|没有什么特别|没啥特别|没有惊喜也没有失望|(?:跟|和|与)(?:别家|别的|其他|平常|以前|之前)[^，。！？]{0,4}差不多/;
const EN_LUKEWARM =
  /\b(?:so-so|so so|nothing special|nothing to write home about|neither good nor bad|not bad,? not great|not great,? not bad|middle of the road|average|meh|(?:okay|ok|fine),? i guess|about the same as)\b/i;

export interface Verdict {
  /** a resolution phrase that is not doubted or contradicted */
  resolved: boolean;
  /** a lukewarm verdict deciding a short message */
  lukewarm: boolean;
}

const NONE: Verdict = Object.freeze({ resolved: false, lukewarm: false });

/** True when every problem word in the text lies inside one of the resolved spans. */
function problemsAllResolved(text: string, problem: RegExp, spans: readonly Span[]): boolean {
  for (const m of text.matchAll(problem)) if (!inSpans(m.index!, spans)) return false;
  return true;
}

export function readVerdict(text: string, which: 'zh' | 'en'): Verdict {
  const zh = which === 'zh';
  const n = countUpTo(text, which, zh ? SHORT_ZH : SHORT_EN);
  if (n === 0 || n > (zh ? SHORT_ZH : SHORT_EN)) return NONE;
  const resolvedRe = zh ? ZH_RESOLVED : EN_RESOLVED;
  const spans = matchSpans(text, resolvedRe, []);
  if (zh ? text.includes('解决') : text.includes('for fixing') || text.includes('for sorting') || text.includes('for resolving')) matchSpans(text, zh ? ZH_SOLVED : EN_THANKED_FIX, spans);
  const resolved =
    spans.length > 0 && !(zh ? ZH_STILL : EN_STILL).test(text) && problemsAllResolved(text, zh ? ZH_PROBLEM_RE : EN_PROBLEM_RE, spans);
  const lukewarm = !resolved && n <= (zh ? LUKEWARM_ZH : LUKEWARM_EN) && (zh ? ZH_LUKEWARM : EN_LUKEWARM).test(text);
  return resolved || lukewarm ? { resolved, lukewarm } : NONE;
}

/** The margin after the verdict: a resolution is at least RESOLVED_MARGIN, a lukewarm verdict shrunk. */
export function applyVerdict(z: number, v: Verdict): number {
  if (v.resolved) return Math.max(z, 0) + RESOLVED_MARGIN;
  if (v.lukewarm) return z * LUKEWARM_FACTOR;
  return z;
}
