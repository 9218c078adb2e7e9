import { describe, expect, it } from 'vitest';
import { createT } from '../i18n/index.ts';
import { actorWords, alsoSpiking, sliceWords } from './labels.ts';

const headline = 'topic:delivery.late|region:east';
const m = (slice: string) => ({ slice });

describe('also spiking', () => {
  for (const lang of ['en', 'zh'] as const) {
    const t = createT(lang);
    it(`says each slice once, and not the headline in other words (${lang})`, () => {
      const members = [
        m(headline), m('topic:delivery.late|region:east|platform:ios'), m('topic:delivery.late|region:east|platform:ios'),
        m('region:east'), m('topic:delivery|region:east'), m('topic:delivery.late'), m('topic:delivery'),
        m('topic:delivery.late|channel:call'), m('region:east|topic:delivery.late|platform:ios')
      ];
      const words = alsoSpiking(headline, members, lang, t);
      expect(words).toEqual([sliceWords('topic:delivery.late|region:east|platform:ios', lang, t), sliceWords('topic:delivery.late|channel:call', lang, t)]);
      expect(new Set(words).size).toBe(words.length);
      expect(words).not.toContain(sliceWords(headline, lang, t));
    });
  }

  it('names platforms as people write them', () => {
    expect(sliceWords('platform:ios', 'en', createT('en'))).toBe('iOS');
    expect(sliceWords('topic:app.slow|platform:miniprogram', 'zh', createT('zh'))).toBe('App 性能与缺陷 › 加载慢 · 小程序');
  });

  it('an automatic action is the system\'s, in the viewer\'s language', () => {
    expect(actorWords('system', createT('zh'))).toBe('系统自动');
    expect(actorWords('li.wei', createT('zh'))).toBe('li.wei');
  });
});
