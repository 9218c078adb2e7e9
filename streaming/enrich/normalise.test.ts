import { describe, expect, it } from 'vitest';
import { normaliseText } from './normalise.ts';

describe('normaliseText', () => {
  it('folds full-width letters and digits to ASCII but keeps Chinese punctuation', () => {
    expect(normaliseText('ＡＰＰ闪退，版本Ｖ５．１２')).toBe('APP闪退，版本V5.12');
    expect(normaliseText('饭都凉了！差评？（第二次）')).toBe('饭都凉了！差评？（第二次）');
  });
  it('collapses whitespace and trims', () => {
    expect(normaliseText('  送餐\n\n太慢\t 了  ')).toBe('送餐 太慢 了');
    expect(normaliseText('\u3000全角空格\u3000')).toBe('全角空格');
  });
  it('strips zero-width characters but keeps emoji sequences whole', () => {
    expect(normaliseText('退\u200B款\uFEFF')).toBe('退款');
    expect(normaliseText('family 👨\u200D👩\u200D👧')).toBe('family 👨\u200D👩\u200D👧');
  });
  it('leaves plain text unchanged and is idempotent', () => {
    const s = 'The app crashes on login.';
    expect(normaliseText(s)).toBe(s);
    const t = normaliseText(' Ｈｅｌｌｏ　 world ');
    expect(normaliseText(t)).toBe(t);
  });
});
