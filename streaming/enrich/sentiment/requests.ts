/**
 * Two readings of short messages (register.ts's limits) that ask for something or report a failure, both
 * added to the register reading (register.ts) so the gate and the score read them once per message:
 *
 * - Courtesy and wishes are not opinion. In a message that asks or suggests ("建议增加夜间模式", "Please
 *   add dark mode", "How do I change my address? Cheers"), the sign-off (Cheers, regards, appreciate it,
 *   thanks in advance), the wish's framing ("would love a …", "would be great to …") and the benefit
 *   wished for (方便老人用, 切换方便一点) are hidden from the opinion-evidence search (subjectivity.ts), so
 *   with nothing else evaluative in it the message reads neutral. So are, in such a message, an A-not-A
 *   question (好不好实现: 不好 is no verdict there) and names that contain an opinion word (夜间模式, dark mode,
 *   split the bill, Honor 90, fried rice, the [EMAIL] placeholder read as shouting); and a whole-message
 *   acknowledgement with thanks ("收到了，谢谢").
 *   Hiding only shrinks the margin (the gate), never flips it: binary decisions are untouched.
 * - A service failure stated as a bare fact, with no opinion word ("配送员把餐放在门口没有通知", "显示已送达
 *   但我没收到", "Driver left it at the wrong door", "stone cold"), is a complaint: each counts as one
 *   complaint fact (−1 in the register's net, like 扣了两次 there), and so are regret ("I wish I had ordered
 *   somewhere else") and sarcastic thanks ("Thanks for nothing"). Not when negated ("Nothing spilled") nor in
 *   a message that also praises (a review weighing both: the model decides alone).
 *
 * Patterns are matched on the raw text, as register.ts does (robust to jieba's segmentation of 门把手,
 * 已送达); English ones on word boundaries.
 */

import { matchSpans, type Span } from './spans.ts';

// ── Chinese ──
// The message asks or suggests: register.ts's ZH_ASKING plus the wish forms of a suggestion.
const ZH_REQUEST = /请|麻烦|帮|吗|[?？]|能否|可否|希望|建议|能不能|可不可以|怎么|如何|要是|如果能|考虑|想问|问下|问一下/;
// The benefit a suggestion wishes for ("方便老人使用", "切换方便一点", "这样更方便") — unless graded as a
// verdict on what is there ("很方便", "挺方便的"): that stays evidence.
const ZH_WISHED = /(?<!很|挺|太|真|超|蛮|非常|特别|十分|相当|巨|贼|好|都|也|还|较)方便(?=\p{Script=Han}(?<![的了啊呀吧])|一点|一些|些)|(?:就|会)?更好了|就好了|就太好了|个人(?:小)?建议|小建议/gu;
// A-not-A questions: "好不好实现", "行不行" (不好, 不行 are not verdicts there). Not 能不能, 可不可以, 是不是:
// they hold no opinion word, and they are what marks the message as asking (its 谢谢 and 辛苦 are courtesy).
// Only in a message that asks, and not rhetorical with 了/啊 after it ("还行不行了", "京东你行不行啊", "大家就知道
// 好不好了" are verdicts); not 不错不错.
const ZH_A_NOT_A = /(?<!不)(?![能可是要会有用])(\p{Script=Han})不\1(?![了啊呀])/gu;
// An acknowledgement with thanks is the whole message ("收到了，谢谢", "好的，谢谢"): courtesy, not praise.
const ZH_ACKNOWLEDGED = /^\s*(?:好的|收到了?|知道了|明白了?|了解了?|嗯嗯?|ok|OK)[，,。.！!\s]*(?:谢谢|感谢|多谢)[啦了你您]*[。.！!~～\s]*$/;
// Names holding an opinion character or word: 夜间模式/深色模式. (Not 超市, though 超 + Han reads as a degree
// adverb: reviews comparing with the supermarket, "跟超市买的不一样", are opinions the lists miss.)
const ZH_NAMES = /深色模式|夜间模式|暗黑模式/g;

// Failures stated as facts: the courier skipped a step, the order says what did not happen, the food
// arrived in a state nobody orders. Each alternative is a fact no satisfied customer reports.
const ZH_FAILURES = new RegExp(
  [
    // skipped steps: 没有通知 / 没打电话 / 没人联系
    '(?:没有|没|未|也没|都没)(?:提前)?(?:通知|打电话|打个电话|联系|告知|说一声|敲门|确认)(?!功能)', '也?没人联系',
    // the order's record against the facts; an order stuck
    '显示(?:已|已经)?送达', '还在(?:商家)?出餐',
    // what arrived, and where: 已经是凉的 / 挂在门把手 / 给的小份
    '已经(?:是)?凉', '挂在门把手', '给的小份', '给了小份',
    // what was asked for against what happened: "备注了不要香菜结果还是放了", "显示可用，结算时又不能用"
    '结果还是', '(?:却|又)(?:不能用|用不了)',
    // from reading the simulator's complaints read neutral (so the simulator is no clean hold-out for these)
    '送成了?别人的', '压根没', '只送了', '漏餐', '不可用', '比我便宜', '一直催我',
    // an app action that cannot be done ("验证码收不到", "登不上", "付不了", "加载不出来"): the potential
    // complement of the verbs of using an app or a service; not 吃不了 (too much food) and not a search for
    // something better ("找不到比这更好的")
    // (点 and 下 only as the verbs of tapping and ordering: "11点不到" is a time)
    '(?:收|登|进|打|付|刷|连|提交|支付|登录|加载)不(?:到|上|进去|进|开|了|出来|出)', '点不(?:了|开|动|进去)', '下不了单?', '找不到(?!更|比|第二|这么|那么|任何|理由|缺点|毛病|什么)',
    // what arrived crushed or spilled all over ("盒子压扁了", "菜汤流得到处都是"; not 摔坏, as often the
    // customer's own drop), an account someone else used
    '(?:压|挤)(?:扁|坏|烂|碎)', '(?:洒|撒|流|漏|溅)(?:得|的)?(?:到处|满)', '被盗|盗号',
  ].join('|'),
  'g'
);
// ── English ──
const EN_REQUEST =
  /\?|\b(?:please|pls|plz|kindly|can you|could you|would you|can i|could i|would love|i'd love|would be|i wish|suggest|suggestion|consider|maybe add|hope|hoping|will you|can u|can someone|when will|any chance|asap)\b/i;
// Sign-offs, thanks and wish framing, longest first.
const EN_COURTESY = new RegExp(
  '\\b(?:' +
    [
      'regards', 'cheers', 'appreciate it', 'thanks (?:a lot|so much|in advance)', 'thank you (?:so much|very much|in advance)', 'many thanks', 'thanks', 'thank you', 'thx',
      // a wish for a thing ("would love a dark mode"), not delight ("would love to meet up", "I'd love Dave Grohl to …")
      "(?:would|i'd) (?:really |so )?love(?= (?:a|an|more|some|the option|it if|if|to see|to have)\\b)", 'would be (?:really |so |very |even )?(?:nice|great|good|awesome|cool|lovely|better)',
      'please consider(?: it)?', 'i wish(?! i\\b)',
    ].join('|') +
    // a bang after the thanks is the chat's emphasis of the courtesy ("Thanks!"), hidden with it
    ')\\b(?:\\s*!+)?',
  'gi'
);
const EN_NAMES = /\b(?:dark mode|night mode|split (?:the )?(?:bill|payment)|fried (?:rice|chicken|noodles|dumplings)|honor \d+\w*|super ?app|happy hour)\b|\[(?:EMAIL|PHONE|ID|CARD|ADDRESS)\]/gi;

const EN_FAILURES = new RegExp(
  '\\b(?:' +
    [
      // the order's record against the facts
      '(?:says|said|shows|showed) (?:it |as |it as )?delivered', 'but nothing (?:here|came|arrived)', 'drove (?:off|away)',
      // where it was left, what arrived
      'wrong (?:door|house|floor|flat|apartment|gate|entrance)', 'stone cold', 'soggy', 'spilled', 'spilt', 'half empty', 'disappeared',
      // from reading the simulator's complaints read neutral (so the simulator is no clean hold-out for these)
      "hasn'?t moved", '(?:takes?|took|taking) forever', "(?:never|won'?t|don'?t|doesn'?t) load", 'still nothing', 'always busy',
      'ended up paying', 'price discrimination', 'left out', 'not their problem', 'keeps (?:crashing|freezing|failing|logging me out)',
      // an app action that cannot be done, a control that does nothing, an account someone else used
      "(?:can'?t|cannot|couldn'?t|unable to) (?:log ?in|sign ?in|get in|login|check ?out|pay|place (?:an |my |the )?order|open (?:it|the app)|get through)",
      'does nothing', 'nothing happens', '(?:logs|logged|logging|kicks|kicked|kicking) me out', '(?:got|gets|get|logged|broke) into my account', 'hacked', 'crushed', 'leaked',
      // regret is a complaint: "I wish I had ordered somewhere else"
      "wish (?:i|we) (?:had|hadn't|had not|never|didn't|did not|'d)",
    ].join('|') +
    ')\\b',
  'gi'
);
// "Ordered a large, received a small": what was asked for set against what came, side by side (a
// comma, no verb of satisfaction between: "requested a copy, sent by email" is service done).
const EN_ASKED_GOT = /\b(?:asked for|ordered)\b[^,.!?;]{1,30},\s*(?:but\s+)?(?:got|received)\b/i;
const EN_SARCASTIC = /\bthanks? (?:a lot |so much )?for (?:nothing|ruining)\b/gi;

// A request that something be fixed, sorted out, brought back or stopped presupposes a fault that hurts
// the customer, so it is a complaint even with no failure word ("希望早日修复", "hoping for a fix soon",
// "please bring back the old menu"), while a wish for something new stays neutral ("希望能加个夜间模式",
// "hope you add a dark mode"). The fix verb must sit in a message that asks or wishes: "终于修好了" and
// "the update fixed the crashes" report a fix (resolution.ts), "thanks for fixing it" praises one.
const ZH_FIX = /修复|修一下|修一修|修下|修好|修吧|修修|解决一下|解决下|处理一下|弄好|搞好|改回来|改回去/;
const ZH_FIX_ASK = /请|麻烦|求|希望|赶紧|赶快|尽快|早日|早点|快点|能不能|能否|可否|什么时候|何时|吗|[?？]/;
const EN_FIX =
  /(?<!\b(?:for|finally|now|just|has|have|had) )\b(?:fix|fixing|a fix|(?:get|gets|getting|be|been) (?:\w+ )?(?:fixed|sorted|resolved)|sort (?:\w+ ){0,2}out|resolve|bring back|(?:please|pls|plz) stop)\b/i;
// The fix verb is looked for only in a whole message that asks (EN_REQUEST, read for the courtesy anyway):
// a scan of its own cost ~0.2 µs on every short message and again on every topic clause (aspects.ts reads
// clauses with courtesy false), where the message's reading already carries the complaint.

// Sarcasm: a bare praise word as the opening (or closing) clause, a failure in the rest, and no contrast
// between them ("great, cold fries again", "oh great, another update that breaks the cart. love it",
// "真是厉害，又晚了四十分钟", "这更新真棒，更新完直接用不了"). The praise is the complaint's tone, so the praise
// guard below does not apply, and the praise word counts as a second complaint fact: the model read it as
// praise (+0.89 for "oh great, another update that breaks the cart. love it"). With a contrast ("great food, but it came cold") it is a review weighing both.
const EN_SARCASM_OPEN =
  /^\W*(?:(?:oh|wow|well|yeah|ah|just)\W+)?(?:great|wonderful|brilliant|perfect|fantastic|amazing|lovely|awesome|nice|terrific|superb|excellent|thanks|thank you|cheers)(?: job| work| service)?\s*[,.!…]/i;
const EN_SARCASM_CLOSE = /[,.!]\s*(?:love it|love that|loving it|just great|great job|well done|nice one|brilliant|perfect)[.!\s]*$/i;
const EN_SARCASM_BAD =
  /\b(?:late|cold|broke|breaks|breaking|broken|crash\w*|missing|wrong|spilled|spilt|soggy|stale|forgot|lost|never|stuck|errors?|fail\w*|declined|waited)\b/i;
const EN_CONTRAST = /\b(?:but|though|although|however|except|yet)\b/i;
const ZH_SARCASM_OPEN =
  /^[^，。！？,.!?]{0,4}(?:真棒|真厉害|真是厉害|真行|可真行|真可以|真不错|太棒了|好棒|厉害了|干得漂亮|谢谢你们|感谢你们|真是谢谢|太感谢了)[啊呀哦了啦]*[，。！,!~～]/;
const ZH_SARCASM_BAD = /又(?:晚|迟|送错|没|少|洒|凉|坏|闪退|卡)|晚了|迟到|用不了|不能用|打不开|洒了|凉了|冷了|坏了|送错|少送|漏送|没送|没给|闪退|崩溃|卡死|失败/;
const ZH_CONTRAST = /但|不过|就是|可惜|只是/;

// A failure in a message that also praises is a review weighing both ("苹果质量很好…可惜只送了一张券", "A fine
// film, but … left out the other stories"): the model, trained on such text, decides alone. Eval rows with
// these broke when counted (scripts/sentiment-gate-signs.ts).
const ZH_PRAISED = /好评|不错|很好|挺好|赞|满意|好吃|喜欢|推荐|结实|够用/;
const EN_PRAISED = /\b(?:good|great|fine|love|loved|excellent|amazing|nice|perfect|delicious|awesome|lovely)\b/i;

export interface RequestReading {
  /** [start, end) spans not read as opinion evidence */
  hidden: Span[];
  /** failure facts and sarcastic thanks: complaint facts */
  failures: number;
}

// A failure negated is none: "Nothing spilled", "not a drop spilled", "没有洒".
const ZH_FACT_NEGATED = /(?:没有|没|不|未|无|并未)$/;
const EN_FACT_NEGATED = /\b(?:not|no|nothing|never|without|n't|not a drop|didn't|hasn't|wasn't|isn't)\s+(?:\w+\s+)?$/i;
function count(text: string, re: RegExp, negated: RegExp): number {
  if (text.search(re) < 0) return 0;
  let n = 0;
  for (const m of text.matchAll(re)) if (!negated.test(text.slice(Math.max(0, m.index! - 16), m.index!))) n++;
  return n;
}

/**
 * Read on a short message only (the caller, register.ts, checks the length). `courtesy` false: the failures
 * only, for a caller that does not use the hidden spans (a clause scored with its message's gate), and no
 * request to fix: the message's reading carries that complaint.
 */
export function readRequests(text: string, which: 'zh' | 'en', courtesy = true): RequestReading {
  // Cheapest first: most messages ask nothing and state no failure, and every scan here is paid again for
  // each topic clause (aspects.ts scores clauses through the register reading too).
  const hidden: Span[] = [];
  if (which === 'zh') {
    if (courtesy && ZH_REQUEST.test(text)) {
      matchSpans(text, ZH_WISHED, hidden);
      matchSpans(text, ZH_A_NOT_A, hidden);
      matchSpans(text, ZH_NAMES, hidden);
    }
    if (courtesy && ZH_ACKNOWLEDGED.test(text)) hidden.push([0, text.length]);
    const failures = count(text, ZH_FAILURES, ZH_FACT_NEGATED) + (courtesy && ZH_FIX.test(text) && ZH_FIX_ASK.test(text) ? 1 : 0);
    if (ZH_SARCASM_OPEN.test(text)) {
      if (ZH_SARCASM_BAD.test(text) && !ZH_CONTRAST.test(text)) return { hidden, failures: Math.max(1, failures) + 1 };
    } else if (failures === 0) return { hidden, failures: 0 };
    return { hidden, failures: failures > 0 && ZH_PRAISED.test(text) ? 0 : failures };
  }
  const asks = courtesy && EN_REQUEST.test(text);
  if (courtesy && asks) {
    matchSpans(text, EN_COURTESY, hidden);
    matchSpans(text, EN_NAMES, hidden);
  }
  // Sarcastic thanks is a complaint whatever else the message says ("thanks for nothing, great job").
  const sarcastic = count(text, EN_SARCASTIC, EN_FACT_NEGATED);
  const failures =
    count(text, EN_FAILURES, EN_FACT_NEGATED) + (text.includes(',') && EN_ASKED_GOT.test(text) ? 1 : 0) + (asks && EN_FIX.test(text) ? 1 : 0);
  if ((EN_SARCASM_OPEN.test(text) || EN_SARCASM_CLOSE.test(text.slice(-24))) && EN_SARCASM_BAD.test(text) && !EN_CONTRAST.test(text)) {
    return { hidden, failures: sarcastic + Math.max(1, failures) + 1 };
  }
  return { hidden, failures: sarcastic + (failures > 0 && EN_PRAISED.test(text) ? 0 : failures) };
}
