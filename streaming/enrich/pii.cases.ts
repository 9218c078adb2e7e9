import type { PiiKind } from './pii.ts';

/**
 * Hand-written PII fixture (no real person's data: ID numbers and cards are synthetic, checksum-valid).
 * `positives` must be redacted to exactly `expect`; `lookalikes` must come back unchanged.
 */
export interface PiiCase {
  text: string;
  expect: string;
  kinds: PiiKind[];
}

export const positives: PiiCase[] = [
  // mobile phones
  { text: '我的手机号13812345678，请尽快联系', expect: '我的手机号[PHONE]，请尽快联系', kinds: ['PHONE'] },
  { text: '电话：+86 139 1234 5678', expect: '电话：[PHONE]', kinds: ['PHONE'] },
  { text: '打我电话 0086-15012345678 谢谢', expect: '打我电话 [PHONE] 谢谢', kinds: ['PHONE'] },
  { text: '骑手电话186-1234-5678一直打不通', expect: '骑手电话[PHONE]一直打不通', kinds: ['PHONE'] },
  { text: 'Call me on 17712345678 please', expect: 'Call me on [PHONE] please', kinds: ['PHONE'] },
  { text: '联系方式(+86)199 8765 4321', expect: '联系方式[PHONE]', kinds: ['PHONE'] },
  // landlines
  { text: '酒店前台电话010-12345678没人接', expect: '酒店前台电话[PHONE]没人接', kinds: ['PHONE'] },
  { text: '我家座机0755-1234567', expect: '我家座机[PHONE]', kinds: ['PHONE'] },
  { text: '公司电话 (021)87654321 转分机', expect: '公司电话 [PHONE] 转分机', kinds: ['PHONE'] },
  { text: '办公室 0571 88886666-102', expect: '办公室 [PHONE]', kinds: ['PHONE'] },
  // international
  { text: 'Reach me at +44 20 7946 0958 after 6pm', expect: 'Reach me at [PHONE] after 6pm', kinds: ['PHONE'] },
  { text: 'My number is +1 (415) 555-0100.', expect: 'My number is [PHONE].', kinds: ['PHONE'] },
  { text: 'call back on (212) 555-0199 today', expect: 'call back on [PHONE] today', kinds: ['PHONE'] },
  { text: 'WhatsApp +65 9123 4567', expect: 'WhatsApp [PHONE]', kinds: ['PHONE'] },
  { text: '香港电话+852 6123 4567', expect: '香港电话[PHONE]', kinds: ['PHONE'] },
  // e-mail
  { text: '请发到我的邮箱 zhang.wei@example.com', expect: '请发到我的邮箱 [EMAIL]', kinds: ['EMAIL'] },
  { text: 'email me: jane_doe+orders@mail.example.co.uk', expect: 'email me: [EMAIL]', kinds: ['EMAIL'] },
  { text: '邮箱123456789@qq.com收不到验证码', expect: '邮箱[EMAIL]收不到验证码', kinds: ['EMAIL'] },
  { text: 'Contact J.Smith@Example.ORG for the refund', expect: 'Contact [EMAIL] for the refund', kinds: ['EMAIL'] },
  // resident ID numbers
  { text: '身份证号11010519491231002X', expect: '身份证号[ID_NUMBER]', kinds: ['ID_NUMBER'] },
  { text: '证件号码：310115198506158884，审核不通过', expect: '证件号码：[ID_NUMBER]，审核不通过', kinds: ['ID_NUMBER'] },
  { text: 'my ID 510107199211304567 was rejected', expect: 'my ID [ID_NUMBER] was rejected', kinds: ['ID_NUMBER'] },
  { text: '身份证 110101 19800101 0010 登记错了', expect: '身份证 [ID_NUMBER] 登记错了', kinds: ['ID_NUMBER'] },
  // bank cards
  { text: '银行卡号6222021234567894被扣了两次', expect: '银行卡号[BANK_CARD]被扣了两次', kinds: ['BANK_CARD'] },
  { text: '卡号 6217 0012 3456 7890 122 退款没到', expect: '卡号 [BANK_CARD] 退款没到', kinds: ['BANK_CARD'] },
  { text: 'charged twice on 4111-1111-1111-1111', expect: 'charged twice on [BANK_CARD]', kinds: ['BANK_CARD'] },
  { text: 'card 5555 5555 5555 4444 declined', expect: 'card [BANK_CARD] declined', kinds: ['BANK_CARD'] },
  { text: 'Amex 3782 822463 10005 was billed', expect: 'Amex [BANK_CARD] was billed', kinds: ['BANK_CARD'] },
  { text: '信用卡6230581234567897', expect: '信用卡[BANK_CARD]', kinds: ['BANK_CARD'] },
  // IP addresses
  { text: '我的IP是192.168.1.10，一直被封', expect: '我的IP是[IP]，一直被封', kinds: ['IP'] },
  { text: 'blocked from 203.0.113.45 again', expect: 'blocked from [IP] again', kinds: ['IP'] },
  { text: 'IPv6 2001:db8::8a2e:370:7334 cannot connect', expect: 'IPv6 [IP] cannot connect', kinds: ['IP'] },
  { text: 'router fe80::1ff:fe23:4567:890a drops', expect: 'router [IP] drops', kinds: ['IP'] },
  // URLs with secrets
  { text: '链接 https://shop.example.com/pay?order=88&token=ab12cd34 打不开', expect: '链接 [URL] 打不开', kinds: ['URL'] },
  { text: 'reset link https://example.com/reset?access_token=xyz.', expect: 'reset link [URL].', kinds: ['URL'] },
  { text: 'ftp login https://admin:hunter2@files.example.com/x', expect: 'ftp login [URL]', kinds: ['URL'] },
  { text: 'see https://cdn.example.com/a.jpg?Expires=1&Signature=abc&Key-Pair-Id=K1', expect: 'see [URL]', kinds: ['URL'] },
  { text: 'API 文档 https://api.example.com/v1/orders?api_key=sk_live_abc 里写的', expect: 'API 文档 [URL] 里写的', kinds: ['URL'] },
  { text: 'www.example.com/login?user=li&password=123456 泄露了', expect: '[URL] 泄露了', kinds: ['URL'] },
  // names
  { text: '我叫王芳，手机13812345678', expect: '我叫[NAME]，手机[PHONE]', kinds: ['NAME', 'PHONE'] },
  { text: '你好，我是张伟。订单一直没到', expect: '你好，我是[NAME]。订单一直没到', kinds: ['NAME'] },
  { text: '刚才李先生打电话说送错了', expect: '刚才[NAME]先生打电话说送错了', kinds: ['NAME'] },
  { text: '请联系王小明先生处理', expect: '请联系[NAME]先生处理', kinds: ['NAME'] },
  { text: '前台的欧阳女士态度很差', expect: '前台的[NAME]女士态度很差', kinds: ['NAME'] },
  { text: '姓名：陈晓明 电话 13912345678', expect: '姓名：[NAME] 电话 [PHONE]', kinds: ['NAME', 'PHONE'] },
  { text: 'Hi, my name is John Smith and my parcel is lost', expect: 'Hi, my name is [NAME] and my parcel is lost', kinds: ['NAME'] },
  { text: 'My Name is James Bond.', expect: 'My Name is [NAME].', kinds: ['NAME'] },
  { text: "I'm Priya, the order never came", expect: "I'm [NAME], the order never came", kinds: ['NAME'] },
  { text: 'Please ask for Mr. Thompson at the desk', expect: 'Please ask for Mr. [NAME] at the desk', kinds: ['NAME'] },
  // several kinds at once
  {
    text: 'My name is Anna Lee, email anna@example.com, phone +1 (415) 555-0100',
    expect: 'My name is [NAME], email [EMAIL], phone [PHONE]',
    kinds: ['NAME', 'EMAIL', 'PHONE']
  }
];

export const lookalikes: string[] = [
  // order, tracking and reference numbers
  '订单号 2026112312345678 还没发货',
  '订单号：13812345678 的商品少发了',
  'order #123456789012 never arrived',
  'Order number 4111111111111111 was cancelled',
  '顺丰单号SF1234567890123查不到',
  '圆通YT1234567890123一直没更新',
  '京东物流JD0012345678901',
  '运单号 773123456789012 显示已签收',
  'tracking no. 1Z999AA10123456784 stuck',
  '工单号 202611230001 没人处理',
  // prices and amounts
  '花了¥1299买的，太贵了',
  'paid $15.99 for this',
  '一共1,299.00元，退款只退了899元',
  '余额还有13812.50元',
  'refund of USD 1,234,567.89 is wrong',
  // dates and times
  '2026-11-23 19:30 下单的',
  '2026年11月23日 19:30 送达',
  'delivered at 19:30:45 on 2026/11/23',
  '预约时间 20261123 1930',
  'since 23.11.2026 no reply',
  // versions and quantities
  '升级到v5.12.3以后闪退',
  '版本 10.2.1.5 有bug',
  '买的时候是1.8.8.8，才8天就降价了',
  'app version 5.12.3 (build 20261123) crashes',
  '买了3件，只收到2件',
  '等了45分钟，距离1.2公里',
  'I waited 180 minutes for 2 pizzas',
  // invalid checksums
  '6222021234567895 这个数字是什么',
  'code 4111111111111112 not accepted',
  '110105194912310029 是乱写的',
  '440304199003071239',
  // business hotlines, short numbers, plain URLs
  '客服电话400-820-8820打不通',
  'called 800-555-0199 toll free',
  '拨打12345市民热线投诉',
  '打了10086也没用',
  '官网 https://www.example.com/help/13812345678 上写的',
  'see https://example.com/orders/2026112312345678 for details',
  '搜索 https://shop.example.com/search?keyword=手机壳&page=2 结果不对',
  'https://example.com/item?id=123&monkey=1 loads slowly',
  // name-like phrases that are not names
  '我是高手，也被坑了',
  '我是老用户了，这次太失望',
  '我叫了外卖一个小时都没到',
  '我是第一次用这个App',
  '我先生说味道不对',
  '这位女士插队',
  "I'm Very disappointed with the service",
  'I am Still waiting for a refund',
  "I'm Mexican and the menu had no Spanish",
  "I'm Hungry and the food is late",
  'My Name Is Not Important',
  '我是顾客，凭什么这样对我',
  '导游小姐态度很差',
  '这款非常适合女士使用',
  '我是下午4点到的酒店',
  '各位先生女士请注意',
  // misc numbers
  '快递员说 2 小时内到，结果等到 21:00',
  '第3期分期付款 1/12',
  '会员卡积分 35693 分'
];
