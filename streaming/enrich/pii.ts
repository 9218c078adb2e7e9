/**
 * PII redaction before storage: personal data is replaced by a typed placeholder ([PHONE], [EMAIL], …)
 * so analysts still see *that* a customer left a phone number, and the stored record lists the kinds.
 *
 * Precision matters as much as recall: order numbers, tracking numbers, prices, dates and versions are
 * what complaints are about, so every numeric detector is anchored on digit boundaries and validated
 * (ID checksum, Luhn and card prefix, number plan), and numbers right after an order/tracking label are
 * left alone. Business hotlines (400/800) are not personal data and stay.
 */

export type PiiKind = 'URL' | 'EMAIL' | 'ID_NUMBER' | 'BANK_CARD' | 'PHONE' | 'IP' | 'NAME';

export interface Redacted {
  text: string;
  /** distinct kinds found, in order of first appearance */
  kinds: PiiKind[];
}

interface Span {
  start: number;
  end: number;
  /** null: a protected span (a plain URL) that later detectors must not redact inside */
  kind: PiiKind | null;
}

/** What to do with a match: false drops it, true redacts it, null protects it, [start, end] redacts
 * that range instead (e.g. the name after "我叫", not the cue). */
type Verdict = boolean | null | [number, number];

interface Detector {
  kind: PiiKind;
  re: RegExp;
  check?: (match: string, text: string, index: number) => Verdict;
  /** a cheap necessary condition: without it the regex cannot match, so it is not run */
  needs?: (t: TextProfile) => boolean;
}

/** What the detectors' cheap preconditions look at, from one pass over the text. */
interface TextProfile {
  digits: number;
  at: boolean;
  plus: boolean;
  colons: number;
  dot: boolean;
}

// Order is priority: an earlier detector's span wins over a later overlapping one.
const DETECTORS: Detector[] = [
  { kind: 'URL', re: /(?:https?:\/\/|www\.)[^\s<>"'，。！？、；）】」]+/gi, check: checkUrl },
  { kind: 'EMAIL', needs: (t) => t.at, re: /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![A-Za-z0-9-])/g },
  {
    kind: 'ID_NUMBER',
    needs: (t) => t.digits >= 17,
    re: /(?<![\dA-Za-z])[1-9]\d{5} ?(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]) ?\d{3}[\dXx](?![\dA-Za-z])/g,
    check: (m, t, i) => validIdNumber(m.replace(/ /g, '')) && !afterReferenceLabel(t, i)
  },
  {
    kind: 'BANK_CARD',
    needs: (t) => t.digits >= 13,
    re: /(?<![\dA-Za-z.,])(?:\d{13,19}|\d{4}(?:[ -]\d{4}){2,3}(?:[ -]\d{1,3})?|\d{4}[ -]\d{6}[ -]\d{5})(?![\dA-Za-z])/g,
    check: (m, t, i) => validCard(m.replace(/[ -]/g, '')) && !afterReferenceLabel(t, i)
  },
  {
    kind: 'PHONE', // mainland mobile, 3-4-4, optional +86 / 0086
    needs: (t) => t.digits >= 11,
    re: /(?<![\dA-Za-z+])(?:\(?(?:\+|00)86\)?[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?![\dA-Za-z])/g,
    check: (_m, t, i) => !afterReferenceLabel(t, i)
  },
  {
    kind: 'PHONE', // international with a + country code
    needs: (t) => t.plus && t.digits >= 3,
    re: /(?<![\w+])\+[1-9]\d{0,2}(?:[ .-]?\(?\d{1,4}\)?){2,5}(?![\d])/g,
    check: (m) => {
      const digits = m.replace(/\D/g, '').length;
      return digits >= 8 && digits <= 15;
    }
  },
  {
    kind: 'PHONE', // mainland landline: area code 010, 02x or 0xxx, then a 7–8 digit local number
    needs: (t) => t.digits >= 10,
    re: /(?<![\dA-Za-z])(?:\(0(?:10|2\d|[3-9]\d{2})\)|0(?:10|2\d|[3-9]\d{2}))[ -]?[1-9]\d{6,7}(?:-\d{1,5})?(?![\dA-Za-z])/g,
    check: (_m, t, i) => !afterReferenceLabel(t, i)
  },
  {
    kind: 'PHONE', // North American national format; 400/800 numbers are business hotlines
    needs: (t) => t.digits >= 10,
    re: /(?<![\dA-Za-z])(?:\([2-9]\d{2}\) ?|[2-9]\d{2}[-. ])[2-9]\d{2}[-. ]\d{4}(?![\dA-Za-z])/g,
    check: (m) => !/^\(?[48]00/.test(m)
  },
  {
    kind: 'IP',
    needs: (t) => t.dot && t.digits >= 4,
    re: /(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w.]*\d)/g,
    // All-single-digit quads ("1.2.3.4", "买的时候是1.8.8.8") are versions or prices far more often than
    // personal addresses; 8.8.8.8-style resolvers are not personal data anyway.
    check: (m, t, i) =>
      !/^\d\.\d\.\d\.\d$/.test(m) && !/(?:版本|version|ver\.?)\s*[:：]?\s*$/i.test(t.slice(Math.max(0, i - 12), i))
  },
  // IPv6: any run of hex groups and colons; validIpv6 decides (and rejects times like 19:30:45).
  { kind: 'IP', needs: (t) => t.colons >= 2, re: /(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,8}(?![\w:.])/g, check: (m) => validIpv6(m) },
  { kind: 'NAME', re: /我叫|我的名字(?:是|叫)|我是|本人是|本人|姓名[:：]?|联系人[:：]?/g, check: chineseNameAfter },
  { kind: 'NAME', re: /[\u4e00-\u9fff]{1,3}(?=先生|女士|小姐(?!姐))/g, check: nameBeforeTitle },
  {
    kind: 'NAME',
    re: /(?<=\b(?:[Mm]y [Nn]ame(?: [Ii]s|'s)|I am|I'm|I’m|(?:Mr|Mrs|Ms|Dr)\.?) )[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}/g,
    check: englishName
  }
];

// Anything PII-shaped needs a digit, an @, a URL or a name cue; most messages have none and exit here.
const MAYBE_PII = /[0-9@:]|www\.|我叫|我的名字|我是|本人|姓名|联系人|先生|女士|小姐|[Nn]ame|I'm|I’m|I am|Mr|Ms|Dr/;

export function redactPii(text: string): Redacted {
  if (!MAYBE_PII.test(text)) return { text, kinds: [] };
  const profile = profileOf(text);
  const spans: Span[] = [];
  for (const d of DETECTORS) {
    if (d.needs && !d.needs(profile)) continue;
    d.re.lastIndex = 0;
    for (let m = d.re.exec(text); m; m = d.re.exec(text)) {
      const verdict = d.check ? d.check(m[0], text, m.index) : true;
      if (verdict === false) continue;
      const [start, end] = Array.isArray(verdict) ? verdict : [m.index, m.index + m[0].length];
      const span: Span = { start, end, kind: verdict === null ? null : d.kind };
      if (span.end > span.start && !spans.some((s) => s.start < span.end && span.start < s.end)) spans.push(span);
    }
  }
  const found = spans.filter((s) => s.kind !== null).sort((a, b) => a.start - b.start);
  if (found.length === 0) return { text, kinds: [] };
  let out = '';
  let at = 0;
  const kinds: PiiKind[] = [];
  for (const s of found) {
    out += text.slice(at, s.start) + `[${s.kind}]`;
    at = s.end;
    if (!kinds.includes(s.kind!)) kinds.push(s.kind!);
  }
  return { text: out + text.slice(at), kinds };
}

function profileOf(text: string): TextProfile {
  const t: TextProfile = { digits: 0, at: false, plus: false, colons: 0, dot: false };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) t.digits++;
    else if (c === 0x40) t.at = true;
    else if (c === 0x2b) t.plus = true;
    else if (c === 0x3a) t.colons++;
    else if (c === 0x2e) t.dot = true;
  }
  return t;
}

// A query parameter named like a credential (token, access_token, api_key, X-Amz-Signature, pwd …) —
// the name must end in the word, so "keyword=" or "monkey=" do not count — or user:password@ in the host.
const URL_SECRET =
  /[?&#;](?:[\w.-]*[_.-])?(?:token|key|apikey|secret|sig|signature|password|passwd|pwd|auth|session|sessionid|sid|ticket|credential)s?=|^[a-z][\w+.-]*:\/\/[^/@\s]+:[^/@\s]*@/i;

/** Redacts URLs carrying credentials (the whole URL, as the path may also hold them); protects the rest,
 * so digits in a plain URL path are not mistaken for phone numbers. */
function checkUrl(url: string, _text: string, index: number): Verdict {
  if (!URL_SECRET.test(url)) return null;
  // Sentence punctuation after a URL is not part of it.
  return [index, index + url.replace(/[.,!?:;)\]]+$/, '').length];
}

const REFERENCE_LABEL =
  /(?:订单号?|单号|运单号?|快递单号|物流单号|编号|流水号|工单号?|交易号|批次号?|order(?: number| no\.?| id)?|tracking(?: number| no\.?)?|invoice(?: no\.?)?|ref(?:erence)?(?: no\.?)?|#)\s*[:：#]?\s*(?:是|为|is)?\s*$/i;

function afterReferenceLabel(text: string, index: number): boolean {
  return index > 0 && REFERENCE_LABEL.test(text.slice(Math.max(0, index - 16), index));
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643: ISO 7064 MOD 11-2 check character over the first 17 digits. */
export function validIdNumber(id: string): boolean {
  if (id.length !== 18) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (id.charCodeAt(i) - 48) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11] === id[17].toUpperCase();
}

/** Luhn plus a card-network prefix: Visa 4, Mastercard 51–55/2221–2720, Amex 34/37, JCB 35, Diners
 * 30/36/38, UnionPay/Discover 6. A Luhn check alone passes one random number in ten. */
export function validCard(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19) return false;
  const p2 = Number(digits.slice(0, 2));
  const p4 = Number(digits.slice(0, 4));
  const network =
    digits[0] === '4' || digits[0] === '6' || (p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720) ||
    p2 === 34 || p2 === 37 || p2 === 35 || p2 === 30 || p2 === 36 || p2 === 38;
  if (!network) return false;
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double && (d *= 2) > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

function validIpv6(s: string): boolean {
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  if (groups.some((g) => g.length === 0 || g.length > 4)) return false;
  // Times like 19:30:45 are all-decimal with short groups; real addresses have hex or long groups.
  if (!groups.some((g) => /[a-f]/i.test(g) || g.length === 4)) return false;
  return halves.length === 2 ? groups.length < 8 : groups.length === 8;
}

const SURNAMES = new Set(
  ('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈' +
    '姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤' +
    '常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季' +
    '裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄窦戚' +
    '岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝').split('')
);
const COMPOUND_SURNAME = /^(?:欧阳|司马|诸葛|上官|东方|皇甫|慕容|令狐|司徒|夏侯|长孙)/;
// Words that start with a surname character and follow 我是 / 我叫 far more often than names do.
const NOT_NAMES = new Set(
  ('高手 新手 王者 金牌 白金 黄金 钻石 方便 安全 常客 文员 司机 车主 商家 明星 华为 全职 单身 路人 程序员 程序猿 ' +
    '包租婆 江湖 史上 毛病 任何 余额 钱包 费用 应该 向你 于是 施工 学生 宝妈 老板 会员 房东 房客 管理员 ' +
    '苏宁 京东 田园 石油 贾母 陈述 关于 成年人 成人 成功 周末 周一 周二 周三 周四 周五 周六 周日 万一 曾经 ' +
    '刘海 严重 武汉 温州 杭州 常州 龙华 江苏 江西 黎明 宋体 夏天 冷静 冷饮 冯雪 古董 吉他 尚可 华人 何必 ' +
    '谢谢 谢了 孙子 白领 蓝领 骆驼 马上 马路 邓先生 朱古力 牛人 牛逼 米粉 米饭 包子 雷人 龙虾 龙虾饭 熊孩子 ' +
    '顾客 颜值 颜值控 晚上 下午 上午 中午 凌晨 早上 傍晚 秦始皇 戴尔 孔雀 杜蕾斯 乔丹 柯南 毕业生 季度 沙发 卫生 宫保 党员 郑州 连锁 解决 简单 景区 屈臣氏 苗条').split(' ')
);
const HAN = /[\u4e00-\u9fff]/;
// Characters that are grammar, not names: a candidate containing one is a phrase.
const GRAMMAR_CHARS = /[的了是不在有个们这那么吗呢吧啊也都就还很太要会能去来到说过着被把给让对和与跟]/;

/** A 2–3 character name with a known surname right after a cue, ending at a non-Han character or a
 * word that typically follows a name ("我叫王芳，", "我是张伟先生", "姓名：李娜 电话…"). */
function chineseNameAfter(trigger: string, text: string, index: number): Verdict {
  let start = index + trigger.length;
  while (text[start] === ' ') start++;
  for (let len = 3; len >= 2; len--) {
    const cand = text.slice(start, start + len);
    if (cand.length < len || ![...cand].every((c) => HAN.test(c))) continue;
    const next = text.slice(start + len, start + len + 2);
    // A name ends at punctuation, a space or the end; a digit or letter right after means a phrase
    // ("我是下午4点到的").
    if (/^[\dA-Za-z]/.test(next)) continue;
    if (HAN.test(next[0] ?? '') && !/^(?:先生|女士|小姐|手机|电话|联系|今天|昨天|想|要|在)/.test(next)) continue;
    if (!(SURNAMES.has(cand[0]) || COMPOUND_SURNAME.test(cand)) || NOT_NAMES.has(cand) || GRAMMAR_CHARS.test(cand)) return false;
    return [start, start + len];
  }
  return false;
}

// Two-character words whose second character is a surname and that precede 先生/女士/小姐 as a role or
// an adjective ("导游小姐", "时尚女士"), not as a name.
const NOT_SURNAME_BEFORE_TITLE = new Set(
  '导游 旅游 携程 收费 尽管 保管 主管 高管 一路 行程 全程 专程 工程 过程 流程 课程 时尚 高尚 风尚 蒙牛'.split(' ')
);
// Before a full name ("联系王小明先生"), the previous character is a non-Han one or one of these.
const BEFORE_FULL_NAME = /[的是给和跟找谢请问位向系叫让同与对]/;

/** "王先生", "欧阳女士", "王小明先生": a surname (or full name) right before the title; "我先生",
 * "这位女士" and "导游小姐" are not names. */
function nameBeforeTitle(run: string, text: string, index: number): Verdict {
  const end = index + run.length;
  if (COMPOUND_SURNAME.test(run.slice(-2))) return [end - 2, end];
  if (SURNAMES.has(run[run.length - 1]) && !NOT_SURNAME_BEFORE_TITLE.has(run.slice(-2))) return [end - 1, end];
  for (let len = Math.min(3, run.length); len >= 2; len--) {
    const start = end - len;
    const cand = run.slice(-len);
    const before = text[start - 1] ?? ' ';
    if (SURNAMES.has(cand[0]) && !GRAMMAR_CHARS.test(cand) && (!HAN.test(before) || BEFORE_FULL_NAME.test(before))) {
      return [start, end];
    }
  }
  return false;
}

const EN_NOT_NAMES = new Set(
  ('Very So Not Really Happy Sorry Glad Disappointed Writing Going Still Done Back From In On At Here Just ' +
    'A An The Also Extremely Angry Calling Contacting Unable Trying Sure Afraid Tired Sick Fed Unhappy Satisfied ' +
    'Impressed Shocked Furious Frustrated Confused Amazed Thankful Grateful Looking Waiting Having Getting ' +
    'Using Now Never Always Totally Completely Absolutely Honestly Literally Quite Pretty Super Definitely ' +
    'Over Out Off Your Our This That It Like English Chinese American British Canadian Vip Premium Gold ' +
    'Platinum Silver Customer Member User Prime Loyal New Old First Second Done Finished Okay Fine Good Ok ' +
    'Hungry Thirsty Busy Sad Mad Upset Broke Late Stuck Lost Sick Annoyed Pissed Worried Scared Shocked ' +
    'Italian Russian Indian Canadian Australian Brazilian Asian Korean European African Egyptian Nigerian ' +
    'Persian Iranian Indonesian Malaysian Filipino Vietnamese Thai Muslim Christian Jewish Catholic Vegan').split(' ')
);
// Adjective and nationality endings that names rarely have ("I'm Mexican", "I'm Furious", "I'm Hopeless").
const NOT_NAME_ENDING = /(?:ese|ish|ing|ly|ful|ous|ive|able|less|ican)$/;

/** Capitalised words after the cue, up to the first one that is an ordinary word ("I'm Very upset"). */
function englishName(name: string, _text: string, index: number): Verdict {
  const words = name.split(/[ -]/);
  let keep = 0;
  for (const w of words) {
    if (EN_NOT_NAMES.has(w) || NOT_NAME_ENDING.test(w)) break;
    keep++;
  }
  if (keep === 0) return false;
  return [index, index + words.slice(0, keep).join(' ').length];
}
