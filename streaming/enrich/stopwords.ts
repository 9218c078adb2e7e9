/**
 * Words that say nothing about what a message is about: pronouns, particles, auxiliaries, conjunctions,
 * degree adverbs, and the filler of reviews ("感觉", "东西", "really"). Kept as lists (not a library) so
 * the team can see and edit them; both are compared against lower-cased tokens / English lemmas.
 *
 * Specific complaint words ("慢", "贵", "cold", "slow") are deliberately NOT here: keywords that surged
 * in a window are exactly what an on-call engineer needs to see. Only the vaguest ones (好, 大, 少) are.
 */

/**
 * The frame of service messages rather than their content: greetings, thanks, and the call-note template
 * ("客户来电反映…", "Customer called, says…"). In a busy window they outnumber every real keyword, so a topic's
 * keyword list read "来电 反映 客户" instead of what was wrong.
 */
const ZH_SERVICE_FRAME = '你好 您好 请问 麻烦 谢谢 谢谢你们 多谢 感谢 辛苦 客户 顾客 用户 来电 致电 去电 反映 反馈 表示 称 询问 咨询';
const EN_SERVICE_FRAME = 'hi hello hey thanks thank cheers regards customer caller call called says asked';

export const ZH_STOPWORDS: ReadonlySet<string> = new Set(
  (
    '的 了 是 我 也 都 就 在 和 有 这 那 你 他 她 它 们 我们 你们 他们 她们 它们 自己 咱们 ' +
    '吗 吧 呢 啊 呀 哦 哈 嘛 啦 哇 喔 嗯 唉 哎 呵呵 哈哈 哈哈哈 嘿嘿 ' +
    '着 过 得 地 之 与 及 或 而 且 并 但 却 又 还 再 才 只 很 太 挺 非常 比较 特别 十分 真 真的 实在 有点 有些 一点 一些 一下 ' +
    '个 些 这个 那个 这些 那些 这样 那样 这么 那么 怎么 什么 为什么 怎样 如何 哪 哪里 哪个 ' +
    '不 没 没有 无 别 不了 只能 要 会 能 可以 可能 应该 需要 想 让 给 被 把 对 从 到 向 跟 比 用 于 以 为 因为 所以 如果 虽然 但是 不过 可是 然后 而且 并且 还是 或者 就是 只是 ' +
    '一 二 三 一个 一次 一般 一直 已经 总是 每次 每 各 其他 其它 别的 所有 全部 都是 ' +
    '说 看 觉得 感觉 感到 认为 知道 东西 时候 事情 问题 方面 地方 样子 ' +
    '下次 以后 之前 之后 今天 昨天 明天 现在 当时 刚 刚刚 马上 还有 而已 罢了 等等 等 啥 嗯嗯 ' +
    '好像 似乎 总体 总的来说 整体 反正 确实 简直 居然 竟然 终于 本来 原来 其实 当然 一定 肯定 ' +
    '买 用 去 来 做 点 次 里 上 下 中 后 前 多 少 大 小 好 还行 可 得很 ' +
    ZH_SERVICE_FRAME
  ).split(/\s+/)
);

export const EN_STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but if then else so than that this these those there here ' +
    'i me my mine myself we us our ours you your yours he him his she her hers it its they them their theirs ' +
    'be am is are was were been being have has had having do does did doing done will would shall should can could may might must ' +
    'not no nor n\'t \'s \'m \'re \'ve \'ll \'d to of in on at by for with about against between into through during before after above below ' +
    'from up down out off over under again further once all any both each few more most other some such only own same too very ' +
    'just also even still really quite rather much many lot lots thing things stuff something anything everything nothing ' +
    'what which who whom whose when where why how as because while until though although since ' +
    'get got go going went come came make made say said see saw know think thought want use used one two ' +
    'take took give gave put let seem try tell ask please ever yes yeah oh well way back ' +
    'im ive dont didnt doesnt isnt wasnt cant wont ill youre thats its u ur lol rt via amp ' +
    EN_SERVICE_FRAME
  ).split(/\s+/)
);

const NUMERIC = /^[\d.,:%/\-+]+$/u;
/**
 * A count and its measure word ("一张", "两次", "几个") and the directional endings of verbs ("出来", "起来"):
 * jieba keeps them as words, and "图片一张都打不开" put "一张" among an image incident's surging keywords.
 */
const ZH_COUNTED = /^[一二两三四五六七八九十几半每整这那][个张次件份位条只家回遍趟下天块本台双句]$/u;
const ZH_DIRECTIONAL = /^[出起下上过回进]?[来去]$/u;
const HAN = /^\p{Script=Han}$/u;

/** True for tokens that carry no topic: stop words, numbers, one-letter Latin, lone Han particles. */
export function isStopword(token: string, lang: 'zh' | 'en'): boolean {
  if (token.length === 0 || NUMERIC.test(token)) return true;
  if (ZH_STOPWORDS.has(token) || EN_STOPWORDS.has(token) || ZH_COUNTED.test(token) || ZH_DIRECTIONAL.test(token)) return true;
  if (lang === 'en' || /^[a-z]/.test(token)) return token.length < 3 || token.startsWith('@') || token.startsWith('http');
  return false;
}

/** A lone Han character is a weak keyword: sometimes content ("慢", "凉", "汤"), often a jieba fragment. */
export function isLoneHan(token: string): boolean {
  return token.length === 1 && HAN.test(token);
}
