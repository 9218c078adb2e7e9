import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../schemas/alerts.ts';
import { createFormatters } from '../i18n/format.ts';
import { createT } from '../i18n/index.ts';
import { peakRatio } from './inbox.ts';
import { chartLabel, chipValue, corroborationText, countNumbers, excessText, rateHeadline, shownPoints } from './measure.ts';

const stats = { observed: 0.46, expected: 0.18, lower: 0.12, upper: 0.25, excess: 0.28, ratio: 1, peakObserved: 0.46, peakExcess: 0.28, totalExcess: 0.28, startedAt: 0, lastAboveAt: 0, updatedAt: 0, durationMin: 1, peakExcessMessages: 30 };
const alert = (metric: Alert['metric'], over: Partial<Alert['stats']> = {}) => ({ id: 'a', metric, slice: 'region:east', stats: { ...stats, ...over } }) as unknown as Alert;

describe('measures as people read them', () => {
  for (const lang of ['en', 'zh'] as const) {
    const t = createT(lang), fmt = createFormatters(lang, t);
    it(`names the measure and shows it in its unit (${lang})`, () => {
      const share = rateHeadline(alert('neg_share'), fmt, t);
      expect(share).toContain(t('alerts.metric.neg_share'));
      expect(share).toContain(fmt.percent(0.46));
      expect(share).toContain(fmt.percent(0.12));
      // stored as −mean: a mean of −0.42 against −0.05, band −0.12 … 0.02
      const senti = rateHeadline(alert('sentiment', { observed: 0.42, expected: 0.05, lower: -0.02, upper: 0.12 }), fmt, t);
      expect(senti).toContain(t('alerts.metric.sentiment'));
      expect(senti.indexOf(fmt.sentiment(-0.42))).toBeGreaterThanOrEqual(0);
      expect(senti.indexOf(fmt.sentiment(-0.12))).toBeLessThan(senti.indexOf(fmt.sentiment(0.02)));
      expect(chipValue(alert('neg_share'), 3, fmt)).toBe(fmt.percent(0.46));
      expect(chipValue(alert('neg'), 3, fmt)).toBe(fmt.ratio(3));
      expect(corroborationText({ metric: 'neg_share', slice: 'region:east', at: 0, observed: 0.5, expected: 0.2 }, 'X', fmt, t)).toContain(fmt.percent(0.5));
    });
    it(`shows the survey-score shares in per cent, named, with their excess in answers (${lang})`, () => {
      for (const m of ['detractor_share', 'csat_low'] as const) {
        const h = rateHeadline(alert(m), fmt, t);
        expect(h).toContain(t(`alerts.metric.${m}`));
        expect(h).toContain(fmt.percent(0.46));
        expect(chipValue(alert(m), 3, fmt)).toBe(fmt.percent(0.46));
        expect(corroborationText({ metric: m, slice: 'region:east', at: 0, observed: 0.5, expected: 0.2, n: 80 }, 'X', fmt, t)).toContain(fmt.percent(0.2));
        expect(chartLabel(m, 'East', t)).toContain(t(`alerts.metric.${m}`));
      }
      expect(t('alerts.metric.detractor_share')).not.toBe(t('alerts.metric.csat_low'));
      expect(excessText('detractor_share', '12', t)).toBe(t('alerts.excessDetractors', { n: '12' }));
      expect(excessText('csat_low', '12', t)).toBe(t('alerts.excessCsatLow', { n: '12' }));
      expect(excessText('neg_share', '12', t)).toBe(t('alerts.excessRate', { n: '12' }));
      expect(excessText('csat_low', '12', t)).toContain('12');
    });
  }
  it('flips sentiment chart points and their band back to the sentiment scale', () => {
    const [p] = shownPoints('sentiment', [{ minute: 0, observed: 0.4, expected: 0.1, lower: -0.1, upper: 0.3 }]);
    expect(p).toEqual({ minute: 0, observed: -0.4, expected: -0.1, lower: -0.3, upper: 0.1 });
    expect(shownPoints('neg_share', [{ minute: 0, observed: 0.4, expected: 0.1, lower: 0, upper: 0.3 }])[0].observed).toBe(0.4);
  });
});

describe('a count alert\'s peak beside what was expected at the peak', () => {
  // Peaked at 40 a minute in the evening rush (12 expected then, band up to 20); now 6 a minute at night (4 expected, up to 8).
  const M = 60_000;
  const a = alert('neg', { observed: 6, expected: 4, lower: 0, upper: 8, peakObserved: 40, peakExcess: 28, startedAt: 10 * M, updatedAt: 40 * M });
  it('takes the peak\'s expectation from the peak, not from the latest minute', () => {
    expect(countNumbers(a)).toEqual({ now: { observed: 6, expected: 4, upper: 8 }, peak: { observed: 40, expected: 12, upper: null, minute: null } });
    // 40 against the 12 expected then, not against the 4 expected now
    expect(peakRatio(a)).toBeCloseTo(40 / 12);
  });
  it('reads the peak minute\'s band from the drill-down\'s stored readings', () => {
    const points = [
      { minute: 0, observed: 50, expected: 30, lower: 20, upper: 45 }, // before the alert: not its peak
      { minute: 20 * M, observed: 40, expected: 12, lower: 5, upper: 20 },
      { minute: 30 * M, observed: 9, expected: 6, lower: 0, upper: 11 },
      { minute: 35 * M, observed: 3, expected: null, lower: null, upper: null }
    ];
    expect(countNumbers(a, points).peak).toEqual({ observed: 40, expected: 12, upper: 20, minute: 20 * M });
  });
});
