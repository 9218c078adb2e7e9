import { describe, expect, it } from 'vitest';
import { createT } from '../i18n/index.ts';
import { actorWords, alsoSpiking, noteWords, sliceWords } from './labels.ts';
import { reopenStory } from '../../../streaming/push/webhooks/test-alerts.ts';

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
    // the wall's alert line: the leaf's own name, so the place is not the part cut off
    expect(sliceWords('topic:app.slow|region:east', 'en', createT('en'), true)).toBe('Slow loading · East China');
    expect(sliceWords('topic:app.slow|platform:miniprogram', 'zh', createT('zh'), true)).toBe('加载慢 · 小程序');
  });

  it('an automatic action is the system\'s, in the viewer\'s language', () => {
    expect(actorWords('system', createT('zh'))).toBe('系统自动');
    expect(actorWords('li.wei', createT('zh'))).toBe('li.wei');
  });

  it('shows the engine\'s re-opening note in the viewer\'s language only', () => {
    const back = reopenStory(56).filter((n) => n.kind === 'opened')[1];
    if (back?.kind !== 'opened') throw new Error('expected the re-opening');
    const note = back.alert.state.notes.at(-1)!.note;
    expect(noteWords(note, 'en')).toBe('fired again 41 min after it was resolved');
    expect(noteWords(note, 'zh')).toBe('解决 41 分钟后再次触发');
    expect(noteWords('follows alert-202601051200-1, resolved by li.wei 12 min before / 接续 alert-202601051200-1（12 分钟前由 li.wei 解决）', 'zh')).toBe('接续 alert-202601051200-1（12 分钟前由 li.wei 解决）');
    expect(noteWords('a / b', 'en')).toBe('a / b');
  });
});
