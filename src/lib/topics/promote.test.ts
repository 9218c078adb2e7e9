import { describe, expect, it } from 'vitest';
import type { EmergingTopic } from '../../../schemas/topics.ts';
import { TAXONOMY, type Taxonomy } from '../../../schemas/taxonomy.ts';
import { createTopicMatcher } from '../../../streaming/enrich/topics.ts';
import { tokenize } from '../../../streaming/enrich/tokens.ts';
import { draftFor, entryJson, parseTerms, problemsOf, promotionEntry, slugify } from './promote.ts';

const candidate = (over: Partial<EmergingTopic> = {}): EmergingTopic => ({
  id: 'em-1',
  label: '盲盒',
  phrases: ['盲盒', '隐藏款', 'mystery box'],
  related: ['活动'],
  terms: { zh: ['盲盒', '隐藏款'], en: ['mystery box'] },
  count: 40,
  windowDocs: 1000,
  baselineCount: 0,
  baselineDocs: 9000,
  ratio: 300,
  g2: 200,
  peakG2: 200,
  suggestedParent: 'price',
  examples: [],
  firstSeen: 0,
  lastSeen: 0,
  active: true,
  ...over
});

describe('promoting an emerging topic', () => {
  it('drafts an entry under the parent its messages lean to, with both languages', () => {
    const d = draftFor(candidate(), TAXONOMY);
    expect(d).toMatchObject({ parent: 'price', slug: 'mystery_box', labelZh: '盲盒', labelEn: 'mystery box', termsZh: '盲盒, 隐藏款', termsEn: 'mystery box' });
    expect(problemsOf(d, TAXONOMY)).toEqual([]);
    expect(promotionEntry(d)).toEqual({
      id: 'price.mystery_box',
      label: { zh: '盲盒', en: 'mystery box' },
      terms: { zh: ['盲盒', '隐藏款'], en: ['mystery box'] }
    });
  });

  it('produces an entry the pipeline matches once pasted into the taxonomy', () => {
    const d = draftFor(candidate(), TAXONOMY);
    const entry = JSON.parse(entryJson(promotionEntry(d)));
    const edited: Taxonomy = structuredClone(TAXONOMY);
    edited.topics.find((p) => p.id === d.parent)!.children.push(entry);
    const matcher = createTopicMatcher(edited);
    const text = '盲盒抽了十次都没有隐藏款';
    expect(matcher.match(text, 'zh', tokenize(text, 'zh'))).toContain('price.mystery_box');
    const en = 'The mystery box never has the rare item';
    expect(matcher.match(en, 'en', tokenize(en, 'en'))).toContain('price.mystery_box');
  });

  it('asks for what is missing: an English label, a valid new id, terms', () => {
    const zhOnly = draftFor(candidate({ terms: { zh: ['盲盒'], en: [] }, suggestedParent: null }), TAXONOMY);
    expect(zhOnly.parent).toBe(TAXONOMY.topics[0].id);
    expect(zhOnly.slug).toBe('new_topic');
    expect(problemsOf(zhOnly, TAXONOMY)).toEqual(['labels']);
    const existing = TAXONOMY.topics[0].children[0].id.split('.');
    expect(problemsOf({ ...zhOnly, labelEn: 'x', parent: existing[0], slug: existing[1] }, TAXONOMY)).toEqual(['taken']);
    expect(problemsOf({ ...zhOnly, labelEn: 'x', slug: 'Bad Id' }, TAXONOMY)).toEqual(['id']);
    expect(problemsOf({ ...zhOnly, labelEn: 'x', termsZh: ' , ' }, TAXONOMY)).toEqual(['terms']);
  });

  it('normalises terms and ids', () => {
    expect(parseTerms('盲盒， Mystery Box,mystery box、隐藏款 ')).toEqual(['盲盒', 'mystery box', '隐藏款']);
    expect(slugify('Mystery-box odds!')).toBe('mystery_box_odds');
    expect(slugify('5G signal')).toBe('n5g_signal');
  });
});
