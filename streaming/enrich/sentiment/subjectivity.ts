import type { Tokens } from '../tokens.ts';
import { ZH_VOC_LEXICON } from './lexicon-zh.ts';
import { tokenBreaks } from './clauses.ts';
import { ZH_ASKING, readRegister, withoutHidden, type RegisterReading } from './register.ts';

/**
 * Opinion evidence: does a message say anything evaluative at all? The polarity models were trained on
 * review polarity (every training text is an opinion), so they have no notion of "no opinion": a
 * question about invoices or a call-centre note reads as whichever polarity its service words (退款,
 * 客服, 订单, refund, order) co-occurred with in reviews, mostly negative. A message with no opinion
 * evidence has its margin shrunk toward 0 (its sign, the binary decision, is kept): then the label says
 * neutral unless the model is very sure.
 *
 * Evidence is deliberately broad and polarity-agnostic, so a complaint phrased as a question or request
 * keeps its score: opinion words of either polarity (and their negations, which contain them), complaint
 * markers (为什么, 还没, 又, 一直, 到底, 催, 快点, why, still, again, never, hurry), repeated or emphatic
 * punctuation. What is *not* evidence: the courtesy of a request (请, 麻烦, 谢谢, please, thanks, kindly,
 * help) and the conditional praise of a suggestion ("would be nice", 就好了), which the English lexicon
 * rates as positive.
 */

// ── Chinese ──
// Two or more characters: matched anywhere in the text (robust to jieba's segmentation).
const ZH_NEGATIVE = [
  '差劲', '太差', '很差', '极差', '真差', '好差', '垃圾', '失望', '生气', '气死', '烦死', '心烦', '烦人', '闹心', '糟心', '窝火', '郁闷', '无语', '离谱', '恶心', '难吃', '难喝', '难用', '难看',
  '糟糕', '太坑', '坑人', '坑爹', '骗人', '骗子', '欺骗', '投诉', '差评', '退钱', '过分', '不满', '后悔', '上当', '敷衍', '推脱', '踢皮球',
  '态度差', '不耐烦', '拖延', '耽误', '超时', '迟到', '晚到', '晚了', '慢死', '太慢', '好慢', '很慢', '凉了', '冷了', '洒了', '漏送', '少送', '送错',
  '发错', '弄错', '错了', '破损', '坏了', '烂了', '变质', '发霉', '馊了', '异物', '头发', '虫子', '拉肚子', '闪退', '崩溃', '卡顿', '卡死', '很卡', '太卡',
  '白屏', '黑屏', '报错', '繁忙', '未付款', '转圈', '打不开', '进不去', '登不上', '收不到', '用不了', '不能用', '加载不', '失败', '乱扣', '多扣', '扣了两次', '重复扣', '没到',
  '还没', '还不', '没人', '没反应', '不回', '不理', '不接', '丢了', '太贵', '贵了', '涨价', '太少', '等了', '等半天', '半天', '一直', '总是', '老是',
  '到底', '为什么', '凭什么', '居然', '竟然', '根本', '怎么还', '怎么又', '怎么这么', '这么久', '这么慢', '多久了', '快点', '赶紧', '催', '再也不',
  '不会再', '别再', '不了', '没收到', '没送', '没有送', '没解决', '没回', '未到账', '未收到', '未送达', '未接通', '未执行', '未按', '无人',
  '迟迟', '白花', '吐了', '绝了', '杀熟', '不合理', '质疑', '莫名其妙', '异常', '驳回', '不清不楚', '心累', '简陋', '变形', '湿透', '漏了', '情绪激动',
  '骂人', '挂断', '不对劲', '越来越', '加急', '一推再推', '说好的', '多次', '每次', '又一次', '第三次', '好几次', '怎么回事', '搞什么', '恼火', '郁闷', '无法', '不行', '不好', '不怎么样', '一般般就', '蔫', '焦了', '糊了', '不新鲜', '不热', '冰凉'
];
const ZH_POSITIVE = [
  '好吃', '好喝', '好用', '好评', '很好', '真好', '挺好', '太好', '也好', '不错', '满意', '喜欢', '推荐', '给力', '点赞', '新鲜', '干净', '整洁',
  '实惠', '便宜', '划算', '性价比', '值得', '超值', '贴心', '用心', '耐心', '热情', '周到', '专业', '准时', '迅速', '快速', '很快', '超快', '神速',
  '流畅', '顺畅', '丝滑', '方便', '好看', '漂亮', '精致', '完美', '惊喜', '表扬', '赞扬', '五星', '放心', '靠谱', '舒服', '清爽', '爱了', '爱上',
  '开心', '高兴', '惊艳', '一流', '优秀', '厉害', '解决了', '修好', '变快', '快多了', '秒开', '秒到', '太棒', '很棒', '真棒', '安心', '顺手', '热乎', '礼貌', '良好', '省心', '暖心', '好评如潮',
  '还可以', '辛苦', '正宗', '地道', '量大', '量足', '分量足', '入味', '可口', '美味', '温暖', '大赞'
];
// One character: evidence only as a whole jieba token (好 alone is also 你好 / 就好了, 差 also 差不多).
const ZH_SINGLE = new Set(['慢', '差', '贵', '凉', '冷', '臭', '咸', '淡', '坑', '烂', '脏', '破', '错', '少', '糊', '硬', '卡', '又', '骗', '吵', '凶', '乱', '丑', '烦', '气', '假', '棒', '赞', '爱', '香', '甜', '鲜', '快', '美', '暖', '牛', '腻', '辣', '油', '酸', '佳']);
// Thanks closing a request or question is courtesy, not praise; on its own ("谢谢骑士，辛苦了") it is praise.
const ZH_COURTESY = new Set(['谢谢', '感谢']);
const ZH_THANKS = /谢谢|感谢|多谢/;
// Degree adverb or hedge on an evaluative predicate, read on the text (jieba often glues 挺快, 偏硬): 很安心, 太咸,
// 挺准, 有点油, 偏硬, 少了点 — but not a quantity (很多), a noun use (没什么特别的) or a copula (真的是).
const ZH_GRADED = /(?:很|太|挺|超|非常|特别|十分|相当|蛮|巨|贼|极其|有点|有些|稍微|略|偏)(?![多的是地])\p{Script=Han}|\p{Script=Han}了(?:点|些)(?!\p{Script=Han})/u;
// The same as tokens, for an adverb jieba keeps apart from a predicate it does not know.
const ZH_NOT_GRADED = new Set(['多', '的', '是', '地']);
const ZH_DEGREE = new Set(['很', '太', '真', '挺', '超', '特别', '非常', '十分', '极', '超级', '相当', '蛮', '巨', '贼', '好不', '越来越']);
const ZH_EVIDENCE: string[] = [...new Set([...ZH_NEGATIVE, ...ZH_POSITIVE, ...Object.entries(ZH_VOC_LEXICON).filter(([w, v]) => w.length >= 2 && Math.abs(v) >= 1.5 && !ZH_COURTESY.has(w)).map(([w]) => w)])];
const ZH_FIRST = new Map<string, string[]>();
for (const w of ZH_EVIDENCE) ZH_FIRST.set(w[0], [...(ZH_FIRST.get(w[0]) ?? []), w]);

// A wait or a lapse counted out ("等了45分钟", "已经11天了", "80分钟才到"): how complaints about time are made.
const ZH_WAITED = /(?:等|排队|超过|已经|都|才|拖)[^，。！？,.!?]{0,6}?(?:\d+|[一二两三四五六七八九十半几多]+)\s*(?:个)?(?:多)?(?:分钟|小时|钟头|天|周|星期|个月)|(?:\d+|[一二两三四五六七八九十半几多]+)\s*(?:个)?(?:多)?(?:分钟|小时|天|周)(?:了|才|还)/;

const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
// 1 for UTF-16 units that are pictographic on their own (©, ™, ☀, ⭐ …) or begin a surrogate pair (where
// every emoji beyond the BMP lives): a text with none cannot match PICTOGRAPHIC, and a scan with this
// table costs a fraction of the Unicode-property regex, which every message used to run.
const MAY_BE_PICTOGRAPHIC = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) MAY_BE_PICTOGRAPHIC[c] = (c >= 0xd800 && c <= 0xdbff) || PICTOGRAPHIC.test(String.fromCharCode(c)) ? 1 : 0;

/** PICTOGRAPHIC.test(text), skipping the regex when no character could match. */
function hasPictographic(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (MAY_BE_PICTOGRAPHIC[text.charCodeAt(i)] === 1) return PICTOGRAPHIC.test(text);
  return false;
}

/** Shared by both languages: emotion shown rather than said. */
function emphatic(text: string): boolean {
  // Emoji in feedback are almost always feeling (😡 🙄 👍 ❤️); 🙏 is the courtesy of a request.
  if (hasPictographic(text.includes('🙏') ? text.replace(/🙏/gu, '') : text)) return true;
  // A trailing-off ellipsis or a doubled ?/! is exasperation (or delight); one ? is just a question.
  return /(?:\.\.\.|。。|……|[!?！？]\s*[!?！？])/.test(text);
}
// A greeting, thanks or a call for a human agent ("人工！", "agent please!") before the bang: the bang is the
// chat's way of getting attention, not feeling.
const GREETING_BEFORE_BANG = /(?:hi|hello|hey|there|thanks|thank you|thx|agent|human|operator|你好|您好|谢谢|感谢|转人工|人工客服|人工)\s*[!！]/gi;
// Chat courtesy that is praise on its own ("骑手辛苦了") but framing around a request ("辛苦，帮我查一下").
const ZH_REQUEST_COURTESY = new Set(['辛苦']);

function chineseEvidence(text: string, words: readonly string[]): boolean {
  if (emphatic(text) || ZH_WAITED.test(text) || ZH_GRADED.test(text)) return true;
  if (ZH_THANKS.test(text) && !ZH_ASKING.test(text)) return true;
  if (/[!！]/.test(text) && /[!！]/.test(text.replace(GREETING_BEFORE_BANG, ''))) return true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const cands = ZH_FIRST.get(c);
    if (cands) for (const w of cands) if (text.startsWith(w, i) && !(ZH_REQUEST_COURTESY.has(w) && ZH_ASKING.test(text))) return true;
  }
  for (let i = 0; i < words.length; i++) {
    if (ZH_SINGLE.has(words[i])) return true;
    if (ZH_DEGREE.has(words[i]) && i + 1 < words.length && !ZH_NOT_GRADED.has(words[i + 1]) && /^\p{Script=Han}/u.test(words[i + 1])) return true;
  }
  return false;
}

// ── English ──
// Lexicon words that are courtesy, service vocabulary or request wording in VoC, not opinion.
const EN_NOT_OPINION = new Set([
  'please', 'pls', 'plz', 'help', 'thanks', 'thank', 'thx', 'kindly', 'like', 'sure', 'yes', 'ok', 'okay', 'free', 'care', 'support', 'friend',
  'save', 'accept', 'special', 'ready', 'no', 'cancel', 'pay', 'want', 'well', 'god', 'available', 'correct', 'hi', 'hello', 'welcome', 'fine',
  'credit', 'share', 'join', 'interested', 'chance', 'hope', 'wish', 'true', 'fair', 'clear', 'match', 'safe', 'secure', 'sorry', 'apologize'
]);
// Complaint markers the lexicons do not rate (or rate as something else).
const EN_MARKERS = new Set([
  'why', 'still', 'again', 'never', 'forever', 'yet', 'hurry', 'seriously', 'anyone', 'nobody', 'twice', 'missing', 'wrong', 'waited', 'waiting',
  'ridiculous', 'unacceptable', 'late', 'cold', 'raw', 'stale', 'broken', 'rude', 'worst', 'best', 'love', 'loved', 'amazing', 'too', 'instead',
  'very', 'really', 'extremely', 'super', 'incredibly', 'absolutely', 'totally', 'chase', 'chasing', 'busy', 'blank', 'smh', 'ugh', 'wtf', 'ffs', 'always', 'keeps', 'eligible', 'shouting', 'yelling', 'ignored', 'stuck',
  // a negated verb in feedback is nearly always something that did not work ("not receiving", "could not get through")
  'not', "n't", 'cannot', 'cant', 'couldnt', 'hasnt', 'havent', 'didnt', 'doesnt', 'wont', 'isnt', 'wasnt', 'arent'
]);
// A wait counted out: "it has been 10 days", "took 50 min", "over an hour", "for 7 days now".
const EN_WAITED = /\b(?:been|took|takes|taking|over|after|waited|waiting|for)\s+(?:about\s+|almost\s+|nearly\s+|over\s+)?(?:\d+|an?|two|three|four|five|several|many)\s*(?:min|mins|minutes?|hrs?|hours?|days?|weeks?|months?)\b|\b(?:\d+|two|three|several|many)\s+times\b|\b(?:third|fourth|fifth)\s+time\b/i;
const COUNTERFACTUAL = /\b(?:would|could|'d|it'd)\s+(?:be\s+)?(?:really\s+|so\s+|very\s+)?(?:nice|great|good|helpful|awesome|cool|better|useful|lovely)\b/gi;

const NONE_HEDGED: ReadonlySet<string> = new Set();

function englishEvidence(text: string, words: readonly string[], lemmas: readonly string[], lexicon: ReadonlyMap<string, number>, opinion: ReadonlyMap<string, number> | undefined): boolean {
  if (emphatic(text) || EN_WAITED.test(text) || /\b[A-Z]{4,}\b/.test(text)) return true;
  if (text.includes('!') && /!/.test(text.replace(GREETING_BEFORE_BANG, ''))) return true;
  // "would be nice to have X": a wish, not praise of what is there. (A Set only for the rare message
  // with such a wish, not one per message.)
  let hedged: ReadonlySet<string> = NONE_HEDGED;
  if (text.search(COUNTERFACTUAL) >= 0) {
    const wished = new Set<string>();
    for (const m of text.matchAll(COUNTERFACTUAL)) wished.add(m[0].split(/\s+/).pop()!.toLowerCase());
    hedged = wished;
  }
  for (let i = 0; i < words.length; i++) {
    const w = words[i].toLowerCase();
    const l = lemmas[i].toLowerCase();
    if (EN_MARKERS.has(w) || EN_MARKERS.has(l)) return true;
    if (EN_NOT_OPINION.has(w) || EN_NOT_OPINION.has(l) || hedged.has(w)) continue;
    if (opinion?.has(w) || opinion?.has(l)) return true;
    const v = lexicon.get(w) ?? lexicon.get(l);
    if (v !== undefined && Math.abs(v) >= 1.5) return true;
  }
  return false;
}

/**
 * Margin factor for a message with no opinion evidence: such a message is labelled by polarity only when
 * the model's margin exceeds ~6 (P > 0.998). Chosen on neutral.cases.ts between 0.15 and 0.1 (zh three-class
 * accuracy 0.951 → 0.970, en equal); scripts/sentiment-neutral.ts.
 */
export const NO_OPINION_FACTOR = 0.1;

export function hasOpinionEvidence(
  text: string,
  which: 'zh' | 'en',
  tokens: Tokens,
  en?: { lexicon: ReadonlyMap<string, number>; opinion?: ReadonlyMap<string, number> },
  register: RegisterReading = readRegister(text, which)
): boolean {
  // A complaint or praise act (register.ts) is evidence; a negated complaint act or an enquiry's topic
  // is not, so its words are searched for none ("客户表示没有不满", "asked how to file a complaint").
  if (register.acts > 0) return true;
  let words = tokens.words;
  let lemmas = tokens.lemmas;
  if (register.hidden.length > 0) {
    const positions = new Int32Array(words.length);
    tokenBreaks(text, words, new Uint8Array(words.length), positions);
    const keep = words.map((w, i) => !register.hidden.some(([s, e]) => positions[i] >= s && positions[i] < e));
    words = words.filter((_, i) => keep[i]);
    lemmas = lemmas.filter((_, i) => keep[i]);
    text = withoutHidden(text, register.hidden);
  }
  if (which === 'zh') return chineseEvidence(text, words);
  return englishEvidence(text, words, lemmas, en?.lexicon ?? new Map(), en?.opinion);
}

/** The factor (0, 1] the model's margin is multiplied by: 1 with opinion evidence, NO_OPINION_FACTOR without. */
export function opinionFactor(
  text: string,
  which: 'zh' | 'en',
  tokens: Tokens,
  en?: { lexicon: ReadonlyMap<string, number>; opinion?: ReadonlyMap<string, number> },
  register?: RegisterReading
): number {
  return hasOpinionEvidence(text, which, tokens, en, register) ? 1 : NO_OPINION_FACTOR;
}
