/**
 * Noise filter: messages that carry no customer voice are kept but marked, so volumes and alerts count
 * only real feedback. Deliberately conservative — a genuine complaint flagged as spam is a lost signal,
 * while a missed advert is one stray message — so an advert needs two independent cues (or one that
 * only adverts use), and complaint vocabulary pulls the score back down.
 */

export type NoiseKind = '' | 'empty' | 'punctuation' | 'advert';

const INVISIBLE_OR_SPACE = /^[\s\u200B-\u200D\u2060\uFEFF\u3000]*$/u;
const LETTER = /\p{L}/u;

// Asking the reader to move off-platform: to a WeChat/QQ/WhatsApp contact or a DM.
const CONTACT =
  /加(?:我)?(?:微信|薇信|威信|徽信|卫星|v信|vx|wx|qq|扣扣|q(?![a-z])|v(?!ip))|私聊|私信我|联系(?:微信|qq)|whats ?app me|telegram|dm me|text me on|message me on/i;
// A contact handle spelled out: 微信号 abc_123, vx: xyz888, QQ 12345678.
const CONTACT_ID = /(?:微信号?|薇信|威信|v信|vx|wx|qq|扣扣)\s*[:：]?\s*[a-z0-9][-_a-z0-9]{4,19}/i;
const MONEY =
  /兼职|日结|日赚|月入|躺赚|刷单|宝妈|副业|轻松赚|在家(?:就能|也能)?赚|手机赚钱|网赚|返佣|高佣|招募|work from home|make money|earn \$?\d+|passive income|investment opportunity/i;
const PROMO =
  /免费领|免费送|领取福利|扫码领|进群|点击领取|速来领|先到先得|招代理|一手货源|厂家直销|代购|click here|gift card|followers|promo code|limited offer|act now|check out my|visit my|subscribe to my/i;
// Phrases only adverts use: enough on their own.
const STRONG =
  /兼职日结|日结兼职|刷单(?:兼职|返利|赚)|点击链接领取|躺赚|月入[过上]?[万\d]|buy (?:cheap |real )?(?:followers|likes)|free gift card|click here to (?:claim|get|win)|earn \$?\d+ (?:a|per) day/i;
const URL = /(?:https?:\/\/|www\.)\S+/gi;
// Customers complaining *about* spam, scams or off-platform contact use these.
const COMPLAINT =
  /投诉|差评|退款|退货|(?<!不|绝不|不是)骗|举报|客服|不满|垃圾|为什么|怎么回事|封号|被盗|打不开|无法|失败|报错|refund|scam|complain|customer (?:service|support)|fraud|report(?:ed)?|disappointed|broken|not working|doesn't work|error/i;

export function classifyNoise(text: string): NoiseKind {
  if (INVISIBLE_OR_SPACE.test(text)) return 'empty';
  if (!LETTER.test(text)) return 'punctuation';
  return isAdvert(text) ? 'advert' : '';
}

const ONE_POINT_CUES = [CONTACT, CONTACT_ID, MONEY, PROMO];

/**
 * Advert score ≥ 2: strong phrase 2, each cue of ONE_POINT_CUES 1, a link 1 (three or more: 3),
 * complaint vocabulary −2. Stops testing cues once 2 is out of reach (most messages: after three
 * misses), and looks for complaint words only when the score would make an advert.
 */
function isAdvert(text: string): boolean {
  const urls = text.match(URL)?.length ?? 0;
  let score = urls >= 3 ? 3 : urls >= 1 ? 1 : 0;
  if (STRONG.test(text)) score += 2;
  for (let k = 0; k < ONE_POINT_CUES.length; k++) {
    if (score + ONE_POINT_CUES.length - k < 2) return false;
    if (ONE_POINT_CUES[k].test(text)) score++;
  }
  if (score < 2) return false;
  // Worth two cues: a victim describing a "刷单兼职" scam uses the same words as the advert itself.
  return score >= 4 || !COMPLAINT.test(text);
}
