import type { Rng } from './rng.ts';
import type { SlotFn, TextLang } from './templates.ts';

/**
 * Computed slots: numbers, identifiers and words that depend on the customer (city, phone, app
 * version). Order numbers are 19 digits on purpose: they contain phone-number-shaped runs, so a PII
 * redactor that forgets word boundaries is caught by the demo data.
 */

const digits = (rng: Rng, n: number) => {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(48 + rng.int(10));
  return s;
};

const amount = (rng: Rng) => {
  const yuan = rng.between(9, 168);
  const cents = rng.pick(['', '', '', '.5', '.8', '.9', '.1']);
  return `${yuan}${cents}`;
};

const mobile = (rng: Rng) => `1${rng.pick(['3', '5', '7', '8', '9'])}${digits(rng, 9)}`;

const EMAIL_NAMES = ['zhangwei', 'li.na', 'wangfang', 'liuyang', 'chen.jie', 'amy.w', 'jason', 'xiaoming', 'tom.zhao', 'emily_l'];
const EMAIL_HOSTS = ['163.com', 'qq.com', 'gmail.com', 'outlook.com', 'foxmail.com', 'sina.com'];

const IPHONES = ['iPhone 15', 'iPhone 13', 'iPhone 14 Pro', 'iPhone 12', 'iPhone 16 Pro Max'];
const DEVICES = {
  zh: { ios: IPHONES, android: ['华为Mate 60', '小米14', 'OPPO Reno11', 'vivo X100', '荣耀90', 'Redmi K70'], miniprogram: ['微信小程序'] },
  en: { ios: IPHONES, android: ['Huawei Mate 60', 'Xiaomi 14', 'OPPO Reno11', 'Pixel 8', 'Honor 90'], miniprogram: ['WeChat mini program'] }
} as const;

const OS_WORDS = {
  zh: { ios: ['iOS', 'iOS 17', 'iOS 18', '苹果手机'], android: ['安卓', 'Android', '安卓14', '鸿蒙'], miniprogram: ['小程序', '微信小程序'] },
  en: { ios: ['iOS', 'iOS 17', 'iOS 18', 'my iPhone'], android: ['Android', 'Android 14', 'my Android phone'], miniprogram: ['the WeChat mini program'] }
} as const;

export function computedSlots(lang: TextLang): Record<string, SlotFn> {
  return {
    mins: ({ rng }) => String(rng.between(3, 19) * 5),
    fast: ({ rng }) => String(rng.between(12, 25)),
    n: ({ rng }) => String(rng.between(2, 6)),
    days: ({ rng }) => String(rng.between(3, 15)),
    time: ({ rng }) => `${rng.between(11, 21)}:${String(rng.int(12) * 5).padStart(2, '0')}`,
    price: ({ rng }) => {
      const a = amount(rng);
      if (lang === 'en') return rng.chance(0.7) ? `¥${a}` : `${a} RMB`;
      return rng.pick([`¥${a}`, `${a}元`, `${a}块`]);
    },
    order: ({ rng }) => `3${digits(rng, 18)}`,
    phone: ({ rng }) => mobile(rng),
    phone_spaced: ({ rng }) => {
      const m = mobile(rng);
      return `${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`;
    },
    email: ({ rng }) => `${rng.pick(EMAIL_NAMES)}${rng.chance(0.6) ? rng.between(1, 99) : ''}@${rng.pick(EMAIL_HOSTS)}`,
    wx: ({ rng }) => `${rng.pick(['hb', 'vx', 'wx', 'quan'])}${digits(rng, rng.between(4, 7))}`,
    city: ({ customer }) => customer.city[lang === 'zh' ? 0 : 1],
    os: ({ rng, customer }) => rng.pick(OS_WORDS[lang][customer.platform]),
    ver: ({ customer }) => customer.appVersion.slice(customer.appVersion.indexOf(' ') + 1),
    device: ({ rng, customer }) => rng.pick(DEVICES[lang][customer.platform])
  };
}
