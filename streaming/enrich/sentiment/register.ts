/**
 * Speech acts of the customer-service register: what a call-centre note says the customer *did*
 * (投诉, 要求赔偿, 情绪激动, complained, escalated, demanded a refund; 表扬, 表示满意, praised, thanked; 咨询,
 * asked how) and the facts a complaint is stated as ("charged twice", "still not received", "never
 * arrived"). The polarity models learned from reviews, where nobody writes "客户致电，多次来电未接通，情绪激动":
 * they score such notes near 0, and complaint counts (which drive alerts) miss them.
 *
 * Read only in short texts (≤ SHORT_ZH Han characters, ≤ SHORT_EN words): a message, not a review. There,
 * an act that counts is opinion evidence and carries a polarity prior added to the model's margin (index.ts):
 * - in a note (it names the customer in the third person or records a call: 客户, 用户, 来电, customer,
 *   caller, cx …) every complaint act −1 and praise act +1 — the act, not the words, says the tone;
 * - outside a note only the complaint facts (扣了两次, 打不通, 未到账, charged twice, still not, never
 *   arrived, wrong order …): reviews report acts of others ("many have complained that …") and weigh them
 *   against much else, and there the model, trained on such text, decides alone (eval rows measured by
 *   scripts/sentiment-gate-signs.ts);
 * - a negated complaint act ("客户表示没有不满", "未投诉", "撤回投诉", "no complaints", "not upset") is no act
 *   at all — neither praise nor evidence — and its words are hidden from the evidence search, so the
 *   note reads neutral unless something else in it is an opinion; so is one marked resolved ("complaint
 *   resolved", "投诉已解决") or past and framing what followed ("投诉之后很快有人回电，态度很好");
 * - a negated praise act ("不满意", "not satisfied", "not happy") is a complaint act;
 * - in a note, a reported enquiry (咨询, 询问, asked how / whether / about, enquired) gives its topic, not
 *   the customer's tone ("咨询投诉渠道", "asked how to file a complaint", "asked about loyalty points"), so
 *   that stretch is hidden from the act and evidence search — unless it carries a complaint marker
 *   ("询问为什么还没到", "asked why it is still not here"), which keeps it a complaint.
 *
 * Patterns are written from how agents and customers write, matched on the raw text (robust to
 * segmentation), longest alternative first so "不满意" is one act and not 不满 + 满意.
 */

import { readRequests } from './requests.ts';
import { inSpans, type Span } from './spans.ts';

/**
 * Margin added per act (net count, capped at ACT_CAP either way). On the register fixture's dev half
 * (three-class accuracy zh / en): 1 and 1.5 → 0.864 / 0.907, 2 → 0.886 / 0.907, 2.5 → 0.932 / 0.907, 3 and 4 →
 * 0.955 / 0.907; the smaller of the good values, since a larger one overrides the model more often.
 */
export const ACT_WEIGHT = 2.5;
export const ACT_CAP = 2;

export interface RegisterReading {
  /** net polarity of the acts: complaint −1 each, praise +1 each, capped at ±ACT_CAP */
  net: number;
  /** complaint and praise acts that count (in a short note, or a short message's complaint facts): opinion evidence */
  acts: number;
  /** [start, end) character spans of the text that are not the customer's tone (negated acts, enquiry topics) */
  hidden: Span[];
}

// ── Chinese ──
const ZH_COMPLAINT = [
  '不满意', '不太满意', '不是很满意', '不怎么满意', '不够满意', '很不满意', '非常不满', '不满', '投诉', '抱怨', '埋怨', '异议', '不认可', '不接受', '不同意', '不理解', '质疑', '索赔', '维权',
  '要求赔偿', '要求补偿', '要求退款', '要求全额退款', '要求退货', '要求退钱', '要求主管', '要求经理', '要求升级', '升级处理', '扬言', '威胁',
  '情绪激动', '情绪不稳定', '情绪很大', '情绪失控', '情绪差', '愤怒', '生气', '发火', '骂人', '辱骂', '不耐烦', '态度差', '态度恶劣', '态度不好',
  '未接通', '打不通', '无人接听', '催单', '催促', '多次来电', '反复来电', '再次来电', '重复扣款', '扣款两次', '扣了两次', '多扣', '仍未到账', '未到账',
  '至今未', '仍未', '还没到账', '差评'
];
// Praise of a person's service stated as a trait, in the customer's own words ("很负责", "服务周到"): the
// counterpart of the complaint facts. The models lean negative on the service words around them (回电,
// 跟进, followed up: reviews mention service mostly to complain), so "客服主动回电确认，很负责" scored −0.41
// for its topic. Chinese ones carry their degree word, so "负责人" (the person in charge) is not praise;
// negated ("不是很负责", "not helpful") they are complaint facts.
const ZH_PRAISE_FACTS = [
  '很负责', '挺负责', '非常负责', '特别负责', '认真负责', '很细心', '非常细心', '特别细心', '很贴心', '非常贴心', '特别贴心', '很耐心', '非常耐心', '特别耐心',
  '很用心', '挺用心', '非常用心', '服务周到', '很周到', '非常周到', '很敬业', '很热情', '效率很高', '点赞'
];
// A message weighing the praise against something else ("快递员很贴心，就是水果烂了", "送餐员很给力，这菜真是
// 一般般"): a review, which the model decides alone.
const ZH_MIXED = /但|不过|就是|可惜|只是|然而|差评|一般|难吃|糟糕|失望/;
const EN_MIXED = /\b(?:but|though|although|however|except|yet|unlike|less)\b/i;
const ZH_PRAISE_FACT_SET = new Set(ZH_PRAISE_FACTS);
const ZH_PRAISE = [...ZH_PRAISE_FACTS, '表扬', '称赞', '赞扬', '夸奖', '夸赞', '致谢', '表示感谢', '感激', '表示满意', '非常满意', '很满意', '满意', '认可', '好评', '点赞', '感谢', '谢谢', '多谢'];
// Thanks closing a request or question is courtesy (subjectivity.ts), not praise.
const ZH_THANKS = new Set(['感谢', '谢谢', '多谢']);
/** A message that asks something: thanks or 辛苦 in it is the courtesy of the request (here and subjectivity.ts). */
export const ZH_ASKING = /请|麻烦|帮|吗|[?？]|能否|可否|希望|建议|能不能|可不可以|怎么|如何/;
// Before an act in its clause: negates it.
// A one-character negator reaches one character ("未投诉", "没不满"); a longer one three ("没有提出异议"), so
// "退款不及时投诉" is not read as 不 … 投诉.
const ZH_NEGATOR = /(?:(?:没有|并无|并未|并没有|不再|撤回|撤销|无需|不用|不必|毫无|没什么)[^，。！？,.!?；;]{0,3}|[没无未不][^，。！？,.!?；;]?)$/;
// After a complaint act in its clause: the complaint is over ("投诉已解决", "complaint resolved").
const ZH_RESOLVED = /^[^，。！？,.!?；;]{0,4}?(?:已解决|已处理|已撤回|已撤销|已撤|已关闭|已平息)/;
// A past act framing what followed ("投诉之后很快有人回电，态度很好", "以前投诉过，这次…", "after I complained
// they refunded me"): background to the message's tone, not the tone itself.
const ZH_PAST_BEFORE = /(?:以前|之前|上次|曾经|曾|此前)[^，。！？,.!?；;]{0,2}$/;
const ZH_PAST_AFTER = /^(?:过)?(?:之后|以后|后|过后|完)/;
const EN_PAST_BEFORE = /\b(?:after|since|once|when|previously|earlier|last time)\s+(?:\w+\s+){0,2}$/i;
const EN_PAST_AFTER = /^\s+(?:earlier|before|last (?:week|month|time)|previously)\b/i;
// Before a praise act: someone asks for it, nobody gives it ("配送员和客户要好评", "求好评", "刷好评").
const ZH_SOLICITED = /(?:要|求|索要|刷|骗)$/;
// Reported enquiries only: a customer's own question (请问, 想问) is read by the gate as before.
const ZH_ENQUIRY = /咨询|询问|了解|打听/g;
const ZH_ENQUIRY_COMPLAINT = /为什么|凭什么|怎么还|怎么又|还没|还不|到底|一直|多次/;

// Complaints stated as facts, in the customer's own words as much as in a note ("扣了两次", "还没到账").
const ZH_FACTS = new Set([...ZH_PRAISE_FACTS, '未接通', '打不通', '无人接听', '催单', '重复扣款', '扣款两次', '扣了两次', '多扣', '仍未到账', '未到账', '至今未', '仍未', '还没到账']);

// ── English ──
const EN_COMPLAINT = [
  'complaint', 'complaints', 'complained', 'complaining', 'complains', 'complain', 'upset', 'angry', 'irate', 'furious', 'frustrated', 'annoyed',
  'unhappy', 'dissatisfied', 'disappointed', 'escalated', 'escalating', 'escalate', 'demanded', 'demanding', 'demands', 'disputes', 'disputed',
  'disputing', 'threatened', 'threatening', 'rude', 'abusive', 'overcharged', 'double charged', 'double-charged', 'charged twice', 'billed twice',
  'still not', 'still no', 'still pending', 'still waiting', 'still hasn\'t', 'still haven\'t', 'still has not', 'still have not',
  'never arrived', 'never received', 'never got', 'never came', 'never showed', 'never delivered', 'never replied', 'never responded', 'never answered',
  'nobody answers', 'nobody answered', 'no one answers', 'no one answered', 'no reply', 'no response', 'no answer from', 'no refund',
  'missing item', 'missing items', 'item missing', 'items missing', 'missing from my order', 'missing from the order', 'missing from my bag', 'wrong order', 'wrong item', 'wrong items', 'wrong address', 'wrong building', 'wrong size', 'wrong food', 'wrong dish',
  'someone else\'s order', 'someone else\'s food', 'not received', 'not delivered', 'not arrived', 'not refunded', 'not applied',
  'asked for compensation', 'asked for a refund', 'requested compensation', 'requested a refund', 'requested full refund', 'requested a full refund',
  'wants a refund', 'wants refund', 'wanted a refund', 'wants compensation', 'speak to a manager', 'speak to a supervisor', 'thanks for nothing',
  // a payment refused: a fact whatever else the message says ("payment declined three times and my card is fine")
  'payment declined', 'payment was declined', 'payment got declined', 'card declined', 'card was declined', 'card got declined', 'payment failed',
  'payment keeps failing', 'transaction failed', 'transaction declined'
];
// With their degree word: bare "professional", "friendly", "thoughtful" describe films and products too.
const EN_PRAISE_FACTS = ['thoughtful', 'considerate', 'patient', 'helpful', 'courteous', 'efficient', 'polite', 'attentive', 'kind'].flatMap((w) =>
  ['very', 'so', 'really', 'super', 'extremely'].map((d) => `${d} ${w}`)
).concat(['great job']);
const EN_PRAISE_FACT_SET = new Set(EN_PRAISE_FACTS);
const EN_PRAISE = [
  ...EN_PRAISE_FACTS,
  'praised', 'praise', 'praising', 'thanked', 'complimented', 'compliment', 'compliments', 'appreciated', 'appreciation', 'appreciative', 'grateful',
  'satisfied', 'happy', 'pleased', 'impressed', 'delighted', 'commended', 'kudos', 'positive feedback', 'thanks', 'thank you'
];
const EN_FACTS = new Set([
  ...EN_COMPLAINT.filter((w) => /^(?:overcharged|double|charged|billed|still|never|nobody|no one|no |missing|items? missing|wrong|someone|not |payment|card|transaction)/.test(w)),
  ...EN_PRAISE_FACTS
]);
const EN_THANKS = new Set(['thanks', 'thank you']);
const EN_ASKING = /\?|\b(?:please|pls|plz|kindly|help|can you|could you|would you|can i|could i|need)\b/i;
const EN_NEGATOR = /\b(?:no|not|never|without|withdrew|withdrawn|dropped|none|nor)\s+(?:\w+\s+){0,1}$|n't\s+(?:\w+\s+){0,1}$/i;
const EN_RESOLVED = /^\s+(?:\w+\s+){0,2}?(?:resolved|sorted|closed|withdrawn|dropped|settled)\b/i;
const EN_ENQUIRY = /\b(?:asked|asking|asks|enquired|inquired|enquiring|inquiring|wanted to know|wants to know|enquiry|inquiry|query|queried|questions?)\s+(?:about|how|whether|if|when|where|what|which|for\s+(?:info|information|details))\b/gi;
const EN_ENQUIRY_COMPLAINT = /\b(?:why|still|again|never|yet)\b/i;

const byLength = (list: readonly string[]) => [...list].sort((a, b) => b.length - a.length);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\']/g, (c) => (c === "'" ? "['’]" : '\\' + c));
const ZH_ACT = new RegExp(byLength([...ZH_COMPLAINT, ...ZH_PRAISE]).map(escape).join('|'), 'g');
const ZH_POLARITY = new Map<string, number>([...ZH_PRAISE.map((w) => [w, 1] as const), ...ZH_COMPLAINT.map((w) => [w, -1] as const)]);
const EN_ACT = new RegExp(`\\b(?:${byLength([...EN_COMPLAINT, ...EN_PRAISE]).map(escape).join('|')})\\b`, 'gi');
const EN_POLARITY = new Map<string, number>([...EN_PRAISE.map((w) => [w, 1] as const), ...EN_COMPLAINT.map((w) => [w, -1] as const)]);

const CLAUSE_END = /[，。！？,.!?；;:：\n]/;

function clauseEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) if (CLAUSE_END.test(text[i])) return i;
  return text.length;
}
function clauseStart(text: string, before: number): number {
  for (let i = before - 1; i >= 0; i--) if (CLAUSE_END.test(text[i])) return i + 1;
  return 0;
}

/** One language's patterns and lists (built below). */
interface Rules {
  act: RegExp;
  polarity: ReadonlyMap<string, number>;
  /** acts that count outside a note: complaint facts and praise stated as a trait */
  facts: ReadonlySet<string>;
  praiseFacts: ReadonlySet<string>;
  thanks: ReadonlySet<string>;
  asking: RegExp;
  mixed: RegExp;
  negator: RegExp;
  resolved: RegExp;
  pastBefore: RegExp;
  pastAfter: RegExp;
  solicited: RegExp | null;
  enquiry: RegExp;
  enquiryComplaint: RegExp;
  note: RegExp;
  /** the act as the lists spell it */
  normalise: (s: string) => string;
}

function read(text: string, r: Rules): RegisterReading {
  const note = r.note.test(text);
  const hidden: Span[] = [];
  // What a reported enquiry asks about, to the end of its clause. `search` first: most texts hold no
  // match, and matchAll copies the regex on every call.
  if (note && text.search(r.enquiry) >= 0) for (const m of text.matchAll(r.enquiry)) {
    const start = m.index! + m[0].length;
    const end = clauseEnd(text, start);
    if (!r.enquiryComplaint.test(text.slice(start, end))) hidden.push([m.index!, end]);
  }
  let net = 0;
  let acts = 0;
  if (text.search(r.act) >= 0) for (const m of text.matchAll(r.act)) {
    const at = m.index!;
    if (inSpans(at, hidden)) continue;
    const word = r.normalise(m[0]);
    if (r.thanks.has(word) && r.asking.test(text)) continue;
    if (!note && r.praiseFacts.has(word) && r.mixed.test(text)) continue;
    let p = r.polarity.get(word) ?? 0;
    const lead = text.slice(clauseStart(text, at), at);
    if (p > 0 && r.solicited?.test(lead)) continue;
    if (r.pastBefore.test(lead) || r.pastAfter.test(text.slice(at + m[0].length))) continue;
    const negated = r.negator.test(lead);
    if (negated && p < 0) {
      // "no complaints", "没有不满": hide the negator and the act from the evidence search.
      hidden.push([at - (lead.match(r.negator)?.[0].length ?? 0), at + m[0].length]);
      continue;
    }
    if (p < 0 && r.resolved.test(text.slice(at + m[0].length))) {
      hidden.push([at, at + m[0].length]);
      continue;
    }
    if (negated) p = -p;
    // A review reports others' acts and weighs them against much else ("many have complained that …, but
    // I …", "要了超大杯却给大杯，但还是很感谢骑手"): there the model, trained on such text, decides alone.
    // The prior is for the registers it never saw: a short note about the customer, or a short message
    // stating a complaint fact. Outside those the gate's own lists decide what is evidence, as before.
    if (note || r.facts.has(word)) {
      net += p;
      acts++;
    }
  }
  return { net: Math.max(-ACT_CAP, Math.min(ACT_CAP, net)), acts, hidden };
}

/** No acts and nothing hidden: the gate and score as they were before the register reading. */
export const NO_ACTS: RegisterReading = Object.freeze({ net: 0, acts: 0, hidden: [] });

// A note names the customer in the third person or is an agent's record of a contact.
const ZH_NOTE = /客户|用户|顾客|买家|来电|致电|回电|回访|工单|客诉/;
const EN_NOTE = /\b(?:customer|caller|cx|cust|client|ticket|called in|call back|callback|follow-up call)\b(?!\s+(?:service|support|care|base|reviews?))/i;
/** At most this many Han characters / words: a message, not a review. */
export const SHORT_ZH = 40;
export const SHORT_EN = 25;

/** Han characters (zh) or whitespace-separated words (en) in text, counted up to limit + 1 only. */
export function countUpTo(text: string, which: 'zh' | 'en', limit: number): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length && n <= limit; i++) {
    const c = text.charCodeAt(i);
    if (which === 'zh') {
      if (c >= 0x4e00 && c <= 0x9fff) n++;
    } else {
      const space = c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000;
      if (!space && !inWord) n++;
      inWord = !space;
    }
  }
  return n;
}

const ZH_RULES: Rules = {
  act: ZH_ACT, polarity: ZH_POLARITY, facts: ZH_FACTS, praiseFacts: ZH_PRAISE_FACT_SET, thanks: ZH_THANKS, asking: ZH_ASKING,
  mixed: ZH_MIXED, negator: ZH_NEGATOR, resolved: ZH_RESOLVED, pastBefore: ZH_PAST_BEFORE, pastAfter: ZH_PAST_AFTER,
  solicited: ZH_SOLICITED, enquiry: ZH_ENQUIRY, enquiryComplaint: ZH_ENQUIRY_COMPLAINT, note: ZH_NOTE, normalise: (s) => s
};
const EN_RULES: Rules = {
  act: EN_ACT, polarity: EN_POLARITY, facts: EN_FACTS, praiseFacts: EN_PRAISE_FACT_SET, thanks: EN_THANKS, asking: EN_ASKING,
  mixed: EN_MIXED, negator: EN_NEGATOR, resolved: EN_RESOLVED, pastBefore: EN_PAST_BEFORE, pastAfter: EN_PAST_AFTER,
  solicited: null, enquiry: EN_ENQUIRY, enquiryComplaint: EN_ENQUIRY_COMPLAINT, note: EN_NOTE, normalise: (s) => s.toLowerCase().replace(/’/g, "'")
};

/**
 * `requests`: with the courtesy, wish and failure reading of requests.ts (sent-2026.11-11): its hidden
 * spans join the reading's, and each failure fact counts as a complaint fact. false: sent-2026.11-10's.
 * `courtesy` false: without requests.ts's hidden spans (a caller that passes its own gate reads only the acts).
 */
export function readRegister(text: string, which: 'zh' | 'en', requests = true, courtesy = true): RegisterReading {
  // Long texts are reviews, never read (see above): counting stops past the limit, so they cost little.
  const limit = which === 'zh' ? SHORT_ZH : SHORT_EN;
  const n = countUpTo(text, which, limit);
  if (n === 0 || n > limit) return NO_ACTS;
  const r = read(text, which === 'zh' ? ZH_RULES : EN_RULES);
  if (!requests) return r;
  const q = readRequests(text, which, courtesy);
  if (q.hidden.length === 0 && q.failures === 0) return r;
  return {
    net: Math.max(-ACT_CAP, Math.min(ACT_CAP, r.net - q.failures)),
    acts: r.acts + q.failures,
    hidden: q.hidden.length === 0 ? r.hidden : [...r.hidden, ...q.hidden]
  };
}

/** The margin the acts add (0 without acts). */
export function actPrior(r: RegisterReading): number {
  return ACT_WEIGHT * r.net;
}

/** The text with hidden spans blanked (one mark per character keeps every other character's position). */
export function withoutHidden(text: string, hidden: readonly Span[]): string {
  if (hidden.length === 0) return text;
  const chars = text.split('');
  // Not a space: blanking "请问…？" to spaces would leave "？ ？", which reads as a doubled "??".
  for (const [s, e] of hidden) for (let i = Math.max(0, s); i < Math.min(e, chars.length); i++) chars[i] = '\u25a1';
  return chars.join('');
}
