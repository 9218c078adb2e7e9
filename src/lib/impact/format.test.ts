import { describe, expect, it } from 'vitest';
import { createT } from '../i18n/index.ts';
import { axisLabels, effectWordsIn, headline, probabilityWords, scopeWords } from './format.ts';

const e = { relativeEffect: -0.38, lower95: -0.45, upper95: -0.3, cumulativeEffect: -1240.4, cumulativeLower: -1500, cumulativeUpper: -900, probability: 0.9996, significant: true, observedTotal: 2000, expectedTotal: 3240 };

describe('impact headline', () => {
  it('reads as the issue asks, in both languages', () => {
    expect(headline('en', createT('en'), e)).toBe('≈1,240 fewer complaints, −38% [−45%, −30%]');
    expect(headline('zh', createT('zh'), e)).toBe('约减少 1,240 条投诉，−38% [−45%, −30%]');
  });
  it('says over how many hours the count ran, on the page of one launch', () => {
    expect(effectWordsIn('en', createT('en'), e, 78)).toBe('≈1,240 fewer complaints in 78 h');
    expect(effectWordsIn('zh', createT('zh'), e, 78)).toBe('78 小时内约减少 1,240 条投诉');
    expect(effectWordsIn('en', createT('en'), { ...e, significant: false }, 78)).toBe('no clear change in complaints');
  });
  it('does not claim a change the interval does not support', () => {
    expect(headline('en', createT('en'), { ...e, significant: false, relativeEffect: -0.04, lower95: -0.12, upper95: 0.05 })).toBe(
      'no clear change in complaints, −4% [−12%, +5%]'
    );
  });
  it('never rounds the probability up to certainty', () => {
    expect(probabilityWords('en', createT('en'), 0.9996)).toBe('99.9% likely real');
    expect(probabilityWords('en', createT('en'), 0.62)).toBe('62% likely real');
  });
  it('names a pilot by its slices', () => {
    expect(scopeWords('en', createT('en'), { kind: 'pilot', regions: ['east'], platforms: ['android'] })).toBe('pilot: East China, android');
    expect(scopeWords('zh', createT('zh'), { kind: 'everywhere' })).toBe('全量');
  });
});

describe('impact chart axes', () => {
  it('labels one axis in one style: the demo showed "−5,000" beside "−1万"', () => {
    expect(axisLabels('zh', [-10_000, -5_000, 0], true)).toEqual(['−1万', '−0.5万', '0']);
    expect(axisLabels('en', [-10_000, -5_000, 0], true)).toEqual(['−10K', '−5K', '0']);
    // below ten thousand, whole numbers as everywhere else
    expect(axisLabels('zh', [-5_000, -2_500, 0], true)).toEqual(['−5,000', '−2,500', '0']);
    expect(axisLabels('en', [0, 200, 400], false)).toEqual(['0', '200', '400']);
    expect(axisLabels('en', [-200, 0, 200], true)).toEqual(['−200', '0', '+200']);
  });
});
