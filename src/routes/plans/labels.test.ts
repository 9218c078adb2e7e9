import { describe, expect, it } from 'vitest';
import type { Insight } from '../../../schemas/insights.ts';
import type { PlanEvent } from '../../../schemas/plans.ts';
import { createT } from '../../lib/i18n/index.ts';
import { distinctTopics, eventText, insightSlice, launchState, pressureOf, sliceLabel, splitList, statusLabel } from './labels.ts';

const t = createT('en');

describe('plans screen helpers', () => {
  it('turns an insight focus into a plan slice, and a slice into words', () => {
    const insight = {
      id: 'app.slow',
      focus: { concentrations: [{ dimension: 'hours', value: '19-22' }, { dimension: 'region', value: 'east' }, { dimension: 'platform', value: 'android' }] }
    } as unknown as Insight;
    const slice = insightSlice(insight)!;
    expect(slice).toBe('topic:app.slow|hours:19-22|region:east|platform:android');
    expect(sliceLabel(slice, 'zh', createT('zh'))).toBe('加载慢 · 19-22 时 · 华东 · android');
    expect(insightSlice({ id: 'app.slow', focus: null } as unknown as Insight)).toBeNull();
  });

  it('sums the pressure of a plan over its topics without counting a leaf under a linked parent twice', () => {
    const byTopic = { app: [3, 4], 'app.slow': [1, 2], 'payment.failed': [10, 0] };
    expect(distinctTopics(['app', 'app.slow', 'payment.failed'])).toEqual(['app', 'payment.failed']);
    expect(pressureOf({ topics: ['app', 'app.slow', 'payment.failed'] }, byTopic).slice(0, 2)).toEqual([13, 4]);
    expect(pressureOf({ topics: ['app.slow'] }, undefined)).toEqual(new Array(24).fill(0));
  });

  it('splits lists on ASCII and Chinese commas', () => {
    expect(splitList(' li, wang，zhao ,, ')).toEqual(['li', 'wang', 'zhao']);
  });

  it('describes history events in words, keeping user text as it is', () => {
    const base = { id: 'e1', planId: 'p1', recordedAt: 0, actor: 'ana' };
    const steps = new Map([['s1', 'Roll back']]);
    expect(eventText({ ...base, type: 'comment', text: '<b>x</b>' } as PlanEvent, steps, 'en', t)).toBe('commented: <b>x</b>');
    expect(eventText({ ...base, type: 'step_update', stepId: 's1', status: 'done' } as PlanEvent, steps, 'en', t)).toBe('updated step «Roll back»: done');
    expect(eventText({ ...base, type: 'status', status: 'in_progress' } as PlanEvent, steps, 'en', t)).toBe('set status: In progress');
    expect(eventText({ ...base, type: 'launch', at: 0, scope: { kind: 'everywhere' } } as PlanEvent, steps, 'en', t)).toMatch(/^recorded a launch: .* · everywhere$/);
  });
});

describe('launchState: live or only scheduled', () => {
  const l = (at: number) => ({ eventId: `e${at}`, at, scope: { kind: 'everywhere' as const }, actor: 'a', recordedAt: 0 });
  it('a launch recorded for later is scheduled, not live, until its time comes', () => {
    expect(launchState([l(2_000)], 1_000)).toEqual({ live: false, at: 2_000 });
    expect(launchState([l(2_000)], 2_000)).toEqual({ live: true, at: 2_000 });
    // a pilot already live and a roll-out still to come: live, since the pilot
    expect(launchState([l(500), l(5_000)], 1_000)).toEqual({ live: true, at: 500 });
    expect(launchState([], 1_000)).toBeNull();
  });
});

describe('statusLabel: a launch still to come is not "Launched"', () => {
  const l = (at: number) => ({ eventId: `e${at}`, at, scope: { kind: 'everywhere' as const }, actor: 'a', recordedAt: 0 });
  const at = new Date(2026, 10, 25, 22, 0).getTime();
  it('says when it goes live until that time, in the page language', () => {
    expect(statusLabel('launched', [l(at)], at - 1, 'en', t)).toBe('Scheduled (goes live Nov 25, 22:00)');
    expect(statusLabel('launched', [l(at)], at - 1, 'zh', createT('zh'))).toBe('已排期（11月25日 22:00 上线）');
    expect(statusLabel('launched', [l(at)], at, 'en', t)).toBe('Launched');
    expect(statusLabel('in_progress', [l(at)], at - 1, 'en', t)).toBe('In progress');
  });
});
