import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.ts';

describe('detectLanguage', () => {
  it.each([
    ['送餐太慢了，饭都凉了', 'zh'],
    ['好评', 'zh'],
    ['App 一直闪退，iPhone 15 Pro Max 的 Face ID 也坏了', 'zh'],
    ['这个APP太卡了', 'zh'],
    ['客服电话打不通 https://help.example.com/ticket?id=abc', 'zh'],
    ['The app keeps crashing after the update.', 'en'],
    ['good', 'en'],
    ["Don't buy this!!! 😡😡", 'en'],
    ['Delivery was late again 太慢了', 'en'],
    ['这个app的UI design is really bad, 完全不会用，找不到设置在哪里', 'mixed'],
    ['I ordered the hotpot last night and it was cold 外卖送到的时候全凉了，非常失望', 'mixed'],
    ['アプリが起動しません。何度も再起動しました', 'other'],
    ['注文した商品が届きません', 'other'],
    ['배송이 너무 늦어요', 'other'],
    ['Доставка очень медленная', 'other'],
    ['Giao hàng quá chậm, đồ ăn bị nguội', 'other'],
    ['', 'other'],
    ['😡😡😡 !!! 123', 'other']
  ] as const)('%s → %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it('keeps a stray kana in Chinese slang as zh', () => {
    expect(detectLanguage('我の天，这家店的服务也太好了吧')).toBe('zh');
  });

  it('does not count URLs and e-mail addresses as English', () => {
    expect(detectLanguage('退款 support@example.com www.example.com/refund/status')).toBe('zh');
  });

  it('stays fast on a pathological 20,000-character input', () => {
    const start = performance.now();
    expect(detectLanguage('a'.repeat(19_990) + '@')).toBe('en');
    expect(performance.now() - start).toBeLessThan(500);
  });
});
