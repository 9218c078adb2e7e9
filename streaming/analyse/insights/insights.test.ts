import { describe, expect, it } from 'vitest';
import { rateRatio } from './concentrate.ts';
import { describeInsight, formatRatio } from './describe.ts';
import { buildInsights } from './index.ts';
import type { InsightMessage } from './message.ts';
import { median, shrunkGrowth, welchZ } from './stats.ts';
import { BASELINE, syntheticWindows, WINDOW } from './synthetic.ts';

const build = (w: ReturnType<typeof syntheticWindows>, extra = {}) =>
  buildInsights(w.current, w.baseline, { window: WINDOW, baseline: BASELINE, minCount: 5, maxInsights: 50, ...extra });

describe('statistics', () => {
  it('shrinks growth on small counts but not on large ones', () => {
    expect(shrunkGrowth(6, 2, 5)).toBeLessThan(1.7);
    expect(shrunkGrowth(600, 200, 5)).toBeGreaterThan(2.9);
    expect(shrunkGrowth(3, 3, 5)).toBe(1);
  });

  it('median and Welch z behave at the edges', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const m = (xs: number[]) => ({ n: xs.length, sum: xs.reduce((s, x) => s + x, 0), sumSq: xs.reduce((s, x) => s + x * x, 0) });
    expect(welchZ(m([0.9, 0.8, 0.85, 0.95]), m([0.4, 0.5, 0.45, 0.35]))).toBeGreaterThan(5);
    expect(welchZ(m([0.5]), m([0.1, 0.2]))).toBe(0);
  });

  it('lift is a rate ratio, so a majority slice can still show it', () => {
    // 90 % of the messages on a platform with 60 % of traffic: share ratio 1.5, rate ratio 6
    expect(rateRatio(0.9, 0.6)).toBeCloseTo(6, 6);
    expect(rateRatio(0.6, 0.6)).toBeCloseTo(1, 6);
  });
});

describe('buildInsights on a synthetic incident', () => {
  const w = syntheticWindows({ seed: 3, incident: 60, copies: 30, crashSentiment: -0.85, small: [14, 6] });
  const insights = build(w);
  const top = insights[0];
  const byId = (id: string) => insights.find((i) => i.id === id)!;

  it('ranks the incident topic first', () => {
    expect(top.id).toBe('app.slow');
    expect(top.rank).toBe(1);
    expect(insights.map((i) => i.rank)).toEqual(insights.map((_, i) => i + 1));
  });

  it('finds the evening band, East China and Android, and says so in both languages', () => {
    const focus = Object.fromEntries(top.focus!.concentrations.map((c) => [c.dimension, c]));
    expect(focus.hours.band).toEqual({ from: 19, to: 22 });
    expect(focus.region.value).toBe('east');
    expect(focus.platform.value).toBe('android');
    expect(top.statements.zh).toContain('晚间高峰（19–22 时）');
    expect(top.statements.zh).toContain('华东地区 Android 用户');
    expect(top.statements.en).toContain('In the evening peak (19:00–22:00)');
    expect(top.statements.en).toContain('from Android users in East China');
    // the number in the statement is the focus growth, with one decimal
    expect(top.statements.en).toContain(`${formatRatio(top.focus!.growth)}× the usual level`);
    expect(top.focus!.growth).toBeGreaterThan(3);
  });

  it('does not count copies (dup_of) and never shows them as examples', () => {
    const copies = new Set(w.current.filter((m) => m.dup_of).map((m) => m.id));
    const slowNow = w.current.filter((m) => m.topics.includes('app.slow') && !m.dup_of);
    expect(top.stats.count).toBe(slowNow.length);
    expect(top.stats.complaints).toBe(slowNow.filter((m) => m.topic_sentiments![0] <= -0.3).length);
    expect(top.examples).toHaveLength(3);
    for (const e of top.examples) {
      expect(copies.has(e.id)).toBe(false);
      expect(e.sentiment).toBeLessThanOrEqual(-0.3);
    }
    expect(new Set(top.examples.map((e) => e.text)).size).toBe(3);
  });

  it('gives a flat topic no concentration and says it is spread out', () => {
    const flat = byId('delivery.late');
    expect(flat.concentrations).toEqual([]);
    expect(flat.focus).toBeNull();
    expect(flat.stats.growth).toBeGreaterThan(0.85);
    expect(flat.stats.growth).toBeLessThan(1.15);
    expect(flat.statements.en).toContain('not concentrated');
    expect(flat.statements.zh).toContain('未集中');
  });

  it('keeps small counts from producing big growth, and says there is too little to localise', () => {
    const small = byId('account.login');
    expect(small.stats.count).toBe(6);
    expect(small.stats.complaints).toBe(6);
    // 14 over 7 days is 2 a day; 6 today is 3× raw but not after shrinkage
    expect(small.stats.growth).toBeLessThan(2);
    expect(small.sparse).toBe(true);
    expect(small.concentrations).toEqual([]);
    expect(small.statements.en).toContain('too few complaints to say where they concentrate');
    expect(small.statements.zh).toContain('抱怨太少');
  });

  it('says a topic is angrier than its siblings only when it is', () => {
    const crash = byId('app.crash');
    expect(crash.stats.anger?.significant).toBe(true);
    expect(crash.stats.anger?.peers).toBe('parent');
    expect(crash.statements.en).toMatch(/\d\.\d× as angry as other issues in App performance & bugs/);
    expect(crash.statements.zh).toContain('负面强度是其他「App 性能与缺陷」问题的');
    expect(byId('app.bug').stats.anger?.significant).toBe(false);
    expect(byId('app.bug').statements.en).not.toContain('angry');
  });

  it('returns the priority formula as data whose factors multiply to the score', () => {
    for (const i of insights) {
      const product = i.priority.factors.reduce((p, f) => p * f.value ** f.weight, 1);
      expect(i.priority.score).toBeCloseTo(product, 10);
      expect(i.priority.factors.map((f) => f.name)).toEqual(['volume', 'negativity', 'trend', 'value', 'detractors']);
    }
    expect(top.priority.formula).toBe('priority = ln(1 + complaints) × negativity × trend × value × detractors');
    const weighted = build(w, { weights: { trend: 2 } })[0];
    expect(weighted.priority.formula).toContain('trend^2');
    const product = weighted.priority.factors.reduce((p, f) => p * f.value ** f.weight, 1);
    expect(weighted.priority.score).toBeCloseTo(product, 10);
  });

  it('weights customer value by tier', () => {
    const vipOnly = syntheticWindows({ seed: 3 });
    for (const m of vipOnly.current) if (m.topics.includes('payment.failed')) m.customer!.tier = 'vip';
    const pay = build(vipOnly).find((i) => i.id === 'payment.failed')!;
    expect(pay.stats.valueIndex).toBeGreaterThan(2);
    expect(pay.priority.factors.find((f) => f.name === 'value')!.value).toBe(pay.stats.valueIndex);
  });

  it('produces both languages for every insight, and the same ranking whatever the input order', () => {
    for (const i of insights) {
      expect(i.statements.zh).toMatch(/\p{Script=Han}/u);
      expect(i.statements.en).toMatch(/^[A-Z]/);
      expect(i.statements.en).not.toMatch(/\p{Script=Han}/u);
      expect(describeInsight(i, 'zh')).toBe(i.statements.zh);
    }
    const shuffled = { current: [...w.current].reverse(), baseline: [...w.baseline].reverse() };
    const again = build(shuffled);
    expect(again.map((i) => i.id)).toEqual(insights.map((i) => i.id));
    again.forEach((i, k) => expect(i.priority.score).toBeCloseTo(insights[k].priority.score, 9));
  });
});

describe('without an incident', () => {
  it('reports no concentration for any topic', () => {
    const insights = build(syntheticWindows({ seed: 5 }));
    expect(insights.length).toBeGreaterThan(4);
    expect(insights.flatMap((i) => i.concentrations)).toEqual([]);
  });
});

describe('ranking by complaints, not by mentions', () => {
  // A fixed courier service is praised 400 times today (all in East China) and still draws 20 complaints,
  // spread over the regions; double charges draw 45 complaints today, as on every day of the week before.
  const HOUR = 3_600_000;
  const w = syntheticWindows({ seed: 5 });
  let n = 0;
  const regions = ['east', 'north', 'south'];
  const msg = (ts: number, topic: string, sentiment: number, region = regions[n % 3]): InsightMessage => ({
    id: `extra-${n++}`,
    ts,
    channel: 'in_app',
    customer: { region, segment: 'consumer', tier: 'regular' },
    app_version: 'Android 5.12.2',
    meta: { platform: 'android' },
    topics: [topic],
    topic_sentiments: [sentiment],
    keywords: [],
    text: `${sentiment > 0 ? 'courier was fast and friendly' : 'charged twice for one order'} #${n}`
  });
  const spread = (from: number, k: number, i: number) => from + Math.floor(((i + 0.5) / k) * 24 * HOUR);
  for (let i = 0; i < 400; i++) w.current.push(msg(spread(WINDOW.from, 400, i), 'delivery.courier', 0.7, 'east'));
  for (let i = 0; i < 20; i++) w.current.push(msg(spread(WINDOW.from, 20, i), 'delivery.courier', -0.7));
  for (let i = 0; i < 45; i++) w.current.push(msg(spread(WINDOW.from, 45, i), 'payment.charge', -0.7));
  for (let i = 0; i < 5; i++) w.current.push(msg(spread(WINDOW.from, 5, i), 'payment.charge', 0));
  for (let d = 0; d < 7; d++) for (let i = 0; i < 45; i++) w.baseline.push(msg(spread(BASELINE.from + d * 24 * HOUR, 45, i), 'payment.charge', -0.7));
  w.current.sort((a, b) => a.ts - b.ts);
  const insights = build(w);
  const courier = insights.find((i) => i.id === 'delivery.courier')!;
  const charge = insights.find((i) => i.id === 'payment.charge')!;

  it('ranks the topic with more complaints above the one with more mentions', () => {
    expect(charge.rank).toBeLessThan(courier.rank);
    expect(courier.stats.count).toBe(420);
    expect(courier.stats.complaints).toBe(20);
    expect(charge.stats.complaints).toBe(45);
    const volume = (i: typeof courier) => i.priority.factors.find((f) => f.name === 'volume')!;
    expect(volume(courier).raw).toBe(20);
    expect(volume(courier).value).toBeCloseTo(Math.log1p(20), 12);
  });

  it('measures growth, concentration and examples on the complaints only', () => {
    // No courier complaints in the baseline: (20 + 5) / (0 + 5) = 5×, not the 20× cap 420 mentions would hit.
    expect(courier.stats.growth).toBeCloseTo(5, 6);
    // The praise is all East China; the complaints are not, so the statement names no region.
    expect(courier.concentrations.map((c) => c.dimension)).not.toContain('region');
    expect(courier.statements.en).toContain('are 5.0× the usual level (20 complaints in this period, 5% of its 420 messages');
    expect(courier.statements.zh).toContain('本期共 20 条抱怨，占该话题 420 条消息的 5%');
    // On a busy week the counts run into thousands: grouped, so "1718" is not misread on a wall or a report.
    const busy = { ...courier, stats: { ...courier.stats, complaints: 1718, count: 23456 } };
    expect(describeInsight(busy, 'en')).toContain('(1,718 complaints in this period, 5% of its 23,456 messages');
    expect(describeInsight(busy, 'zh')).toContain('本期共 1,718 条抱怨，占该话题 23,456 条消息的 5%');
    expect(courier.examples.length).toBeGreaterThan(0);
    for (const e of courier.examples) expect(e.sentiment).toBeLessThanOrEqual(-0.3);
    // Steady complaints do not grow (a little below 1: today's traffic also holds the courier's praise).
    expect(charge.stats.growth).toBeLessThan(1.1);
  });

  it('leaves a topic with only praise out of the top issues', () => {
    const praise = syntheticWindows({ seed: 5 });
    expect(praise.current.some((m) => m.topics.includes('food.taste'))).toBe(true);
    expect(build(praise).map((i) => i.id)).not.toContain('food.taste');
  });
});
