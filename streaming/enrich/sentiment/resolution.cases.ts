import type { SentimentLabel } from './index.ts';

/**
 * Held-out fixture for natural praise the models misread (session 7; written by hand for this file, not
 * taken from streaming/sim/phrases.* nor from training data; labelled by reading):
 *  - praise of support / courier / app whose opinion is in a subject-less follow-up clause
 *    ("客服主动回电确认，很负责"): `aspect` names the topic whose aspect score must carry the label;
 *  - praise of a fix ("不再转圈了", "恢复正常", "no more …", "finally works", "fixed now");
 *  - look-alikes that must stay negative ("还是转圈", "不再相信你们了", "no more orders from me",
 *    "finally arrived after 2 hours");
 *  - lukewarm verdicts (neutral) and polite questions (neutral).
 *
 * Split, fixed before anything was measured: rows alternate dev / test in the order written (the first row
 * of each language is dev). Errors may be read on `dev`; `test` is only measured
 * (scripts/sentiment-resolution.ts) and is not asserted row by row.
 */
export interface ResolutionCase {
  text: string;
  lang: 'zh' | 'en';
  label: SentimentLabel;
  kind: 'followup-praise' | 'fix-praise' | 'lookalike' | 'lukewarm' | 'polite-question';
  /** topic whose aspect score must carry `label` (followup-praise rows) */
  aspect?: string;
  split: 'dev' | 'test';
}

type Row = Omit<ResolutionCase, 'split' | 'lang'>;
const rows = (label: SentimentLabel, kind: ResolutionCase['kind'], texts: string[], aspect?: string): Row[] =>
  texts.map((text) => (aspect ? { text, label, kind, aspect } : { text, label, kind }));
const split = (lang: 'zh' | 'en', list: Row[]): ResolutionCase[] => list.map((r, i) => ({ ...r, lang, split: i % 2 === 0 ? 'dev' : 'test' }));

const ZH = split('zh', [
  ...rows('positive', 'followup-praise', [
    '客服主动回电确认，很负责',
    '客服第二天又打电话回访，挺用心的',
    '在线客服十分钟就回复了，效率很高',
    '客服帮我查了物流，非常耐心',
    '联系客服后马上处理了退款，点赞',
    '人工客服一直跟进到问题解决，很靠谱',
    '客服小姐姐解释得很清楚，服务周到',
    '客服打电话过来道歉，态度诚恳',
  ], 'service.support'),
  ...rows('positive', 'followup-praise', [
    '骑手提前十分钟送到，很细心',
    '外卖小哥下雨天还准时送达，辛苦了，很敬业',
    '配送员把餐放在门口还发了照片，特别贴心',
    '骑手打电话确认地址，很负责',
  ], 'delivery.courier'),
  ...rows('positive', 'followup-praise', [
    'App更新后打开很快，用着顺手',
    '新版app界面清爽，好用多了',
  ], 'app.ui'),
  ...rows('positive', 'fix-praise', [
    '不再转圈了',
    '图片加载恢复正常了',
    '终于能正常下单了',
    'app再也不闪退了',
    '更新之后不卡了，流畅多了',
    '支付终于可以用了',
    '页面已经恢复正常，谢谢',
    '问题修复了，现在打开很快',
    '登录不再报错了',
    '昨天的闪退问题修好了',
    '地图定位恢复了，终于能看到骑手位置',
    '再也没有白屏了',
    '菜单加载不转圈了，很快',
    '优惠券终于能用了',
  ]),
  ...rows('negative', 'lookalike', [
    '还是转圈',
    '不再相信你们了',
    '终于送到了，两个小时',
    '以后再也不点这家了',
    '更新后还是闪退',
    '说修好了，结果还是加载不出来',
    '终于等到了，饭都凉了',
    '不再推荐给朋友了',
    '图片加载恢复正常了？并没有',
    '再也不会买了',
  ]),
  ...rows('neutral', 'lukewarm', [
    '不好不坏，跟别家差不多',
    '中规中矩吧',
    '味道一般般',
    '马马虎虎，凑合吃',
    '没什么特别的，跟平常一样',
    '不好不坏吧',
    '一般般，没有惊喜也没有失望',
    '中规中矩，没什么可说的',
  ]),
  ...rows('neutral', 'polite-question', [
    '人工！请问退款多久到账？',
    '辛苦了，想问一下发票怎么开',
    '麻烦了，请问可以改地址吗',
    '你好，请问会员怎么续费？麻烦了',
    '辛苦，帮我查一下订单到哪了',
    '人工客服，优惠券在哪里领？',
    '麻烦问下，配送范围包括郊区吗',
    '您好辛苦了，请问几点开始配送',
  ]),
  ...rows('positive', 'fix-praise', ['扫码支付恢复正常了，感谢', '现在不掉线了，好评', '终于不卡顿了']),
  ...rows('negative', 'lookalike', ['不再转圈了，直接白屏', '恢复正常？还是打不开', '终于有人接电话了，等了半小时']),
]);

const EN = split('en', [
  ...rows('positive', 'followup-praise', [
    'Customer support followed up the next day, very thoughtful',
    'Support called me back within an hour, really helpful',
    'The support agent walked me through the refund, so patient',
    'Customer service replied in ten minutes, very efficient',
    'Support stayed on the chat until it was sorted, great job',
    'Support emailed me an update, really appreciated',
    'The support team checked the tracking for me, super kind',
    'Customer support phoned to apologise, very sincere',
  ], 'service.support'),
  ...rows('positive', 'followup-praise', [
    'The courier arrived early, so polite',
    'Driver called to check the address, very considerate',
    'The courier left a photo at the door, really thoughtful',
    'Delivery guy came in the rain and was on time, legend',
  ], 'delivery.courier'),
  ...rows('positive', 'followup-praise', [
    'The new app layout is cleaner, much easier to use',
    'The app opens instantly after the update, love it',
  ], 'app.ui'),
  ...rows('positive', 'fix-praise', [
    'No more spinning wheel on the menu',
    'The app finally works',
    'Fixed now, thanks',
    'No more crashes since the update',
    'Images load fine again',
    'Checkout is working again',
    'The login error is gone',
    'It no longer freezes on the payment page',
    'Back to normal now, loads quickly',
    'Finally able to place an order without errors',
    'The map is not lagging anymore',
    'Payments go through again, great',
    'No more double charges since the fix',
    'The bug is fixed, app runs smoothly',
  ]),
  ...rows('negative', 'lookalike', [
    'Still spinning',
    'No more orders from me',
    'Finally arrived after 2 hours',
    'I no longer trust this app',
    'Still crashing after the update',
    'They said it was fixed but it still does not load',
    'Finally got my food, stone cold',
    'Never again',
    'Not ordering here anymore',
    'Finally works? No, still broken',
  ]),
  ...rows('neutral', 'lukewarm', [
    'So-so',
    'Nothing special, about the same as other places',
    'It was okay, nothing special',
    'Neither good nor bad',
    'Average food, average delivery',
    'Meh, it was fine I guess',
    'Not bad, not great',
    'Pretty middle of the road',
  ]),
  ...rows('neutral', 'polite-question', [
    'Agent please! How long does a refund take?',
    'Sorry to bother you, how do I get an invoice?',
    'Thanks for your help, can I change the address?',
    'Hi, could you check where my order is? Thanks a lot',
    'Human please, where do I find my coupons?',
    'Sorry to trouble you, do you deliver to the suburbs?',
    'Hello, quick question, when do you open? Cheers',
    'Appreciate it, can I pay by card on delivery?',
  ]),
  ...rows('positive', 'fix-praise', ['Notifications work again, thanks', 'No more lag on the map, nice', 'Finally fixed, loads in a second']),
  ...rows('negative', 'lookalike', ['No more spinning, now it just shows a blank screen', 'Back to normal? Still cannot log in', 'Finally someone answered, after 40 minutes on hold']),
]);

export const RESOLUTION_CASES: readonly ResolutionCase[] = [...ZH, ...EN];
