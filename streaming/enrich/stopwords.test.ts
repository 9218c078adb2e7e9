import { describe, expect, it } from 'vitest';
import { isLoneHan, isStopword } from './stopwords.ts';

describe('isStopword', () => {
  it('drops Chinese function words and particles', () => {
    for (const w of ['的', '了', '是', '我', '也', '都', '就', '吧', '这个', '感觉']) expect(isStopword(w, 'zh')).toBe(true);
  });

  it('keeps Chinese content and complaint words', () => {
    for (const w of ['送餐', '慢', '凉', '退款', '闪退', '贵']) expect(isStopword(w, 'zh')).toBe(false);
  });

  it('drops English stop words, numbers, short tokens, mentions and links', () => {
    for (const w of ['the', 'and', "n't", 'was', '42', '3.5', 'ok', '@anonymous', 'http://x']) expect(isStopword(w, 'en')).toBe(true);
    for (const w of ['refund', 'battery', 'cold', 'slow']) expect(isStopword(w, 'en')).toBe(false);
  });

  it('drops the frame of service messages: greetings, thanks, the call-note template', () => {
    for (const w of ['你好', '客户', '来电', '反映', '谢谢']) expect(isStopword(w, 'zh')).toBe(true);
    for (const w of ['customer', 'caller', 'called', 'cheers', 'thanks']) expect(isStopword(w, 'en')).toBe(true);
    // what the caller was calling about stays
    for (const w of ['退款', '扣款', '骑手']) expect(isStopword(w, 'zh')).toBe(false);
    for (const w of ['refund', 'charged', 'courier']) expect(isStopword(w, 'en')).toBe(false);
  });

  it('drops counts with their measure word and the directional endings of verbs, not what they count', () => {
    for (const w of ['一张', '两次', '几个', '一家', '一份', '出来', '起来', '下来', '过去', '不了', '只能']) expect(isStopword(w, 'zh')).toBe(true);
    for (const w of ['图片', '张数', '出餐', '来电话', '下单', '上门', '过期', '回复']) expect(isStopword(w, 'zh')).toBe(false);
  });

  it('treats Latin words inside Chinese text by English rules', () => {
    expect(isStopword('the', 'zh')).toBe(true);
    expect(isStopword('app', 'zh')).toBe(false);
  });
});

describe('isLoneHan', () => {
  it('is true for one Han character only', () => {
    expect(isLoneHan('慢')).toBe(true);
    expect(isLoneHan('很慢')).toBe(false);
    expect(isLoneHan('a')).toBe(false);
  });
});
