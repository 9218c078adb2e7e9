import { describe, expect, it } from 'vitest';
import { classifyNoise } from './noise.ts';

const ADVERTS = [
  '兼职日结，在家就能做，有意者加微信 abc_8888',
  '刷单返利，一单一结，加V：money2026',
  '宝妈副业，手机赚钱，月入过万，私聊',
  '点击链接领取红包 https://t.example.cn/a8x',
  '一手货源，厂家直销，招代理，vx: huoyuan666',
  '代购正品，免费领小样，加我微信 daigou_01',
  '扫码领取福利，进群免费送会员 www.example.cn/qun',
  'Click here to claim your FREE gift card: https://bit.example/xyz',
  'Buy followers cheap! 10k followers for $5, DM me',
  'Earn $500 a day working from home!!! visit my profile',
  'Best deals: https://a.example https://b.example https://c.example',
  'make money fast, passive income, whatsapp me +1 415 555 0100'
];

const GENUINE = [
  '送餐太慢了，饭都凉了',
  '客服让我加微信处理，结果加了也没人回，投诉无门',
  '微信客服一直不回复，退款到现在都没到账',
  '我在你们官网 https://www.example.com 下的单，到现在没发货',
  '有人冒充你们客服加我微信骗钱，赶紧处理！',
  '优惠券用不了，红包也领不到，什么破活动',
  '我被刷单兼职骗了，平台也不管',
  '领取的优惠券过期了也没提醒',
  '这家代购的东西是假的，要求退款',
  'The website www.example.com keeps logging me out',
  'I got a fake gift card scam email pretending to be you, please check',
  'Customer service told me to message them on WhatsApp but nobody replied',
  'App crashes when I click here on the payment page',
  '加V会员后反而更卡了',
  'These links are broken: https://a.example/1 https://a.example/2 https://a.example/3',
  '这几个链接都打不开 https://a.example/1 https://a.example/2 https://a.example/3',
  '好评'
];

describe('classifyNoise', () => {
  it('marks empty and whitespace-only text', () => {
    expect(classifyNoise('')).toBe('empty');
    expect(classifyNoise('  \n\t\u3000\u200B')).toBe('empty');
  });

  it('marks text without letters or Han characters as punctuation', () => {
    for (const t of ['。。。', '???!!!', '😡😡😡', '👍', '...  ---', '123456', '[]:-)']) {
      expect(classifyNoise(t), t).toBe('punctuation');
    }
    expect(classifyNoise('好')).toBe('');
    expect(classifyNoise('ok 👍')).toBe('');
  });

  it.each(ADVERTS)('flags the advert: %s', (t) => {
    expect(classifyNoise(t)).toBe('advert');
  });

  it.each(GENUINE)('keeps the genuine message: %s', (t) => {
    expect(classifyNoise(t)).toBe('');
  });

  it('is fast enough to run on every message', () => {
    const msgs = [...ADVERTS, ...GENUINE];
    const n = 50_000;
    // CPU time, not wall time: the test shares the machine with other suites.
    const start = process.cpuUsage();
    for (let i = 0; i < n; i++) classifyNoise(msgs[i % msgs.length]);
    const { user, system } = process.cpuUsage(start);
    const perSec = n / ((user + system) / 1e6);
    expect(perSec).toBeGreaterThan(20_000);
  });
});
