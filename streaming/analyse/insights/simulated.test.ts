import { beforeAll, describe, expect, it } from 'vitest';
import type { Insight } from '../../../schemas/insights.ts';
import { buildInsights } from './index.ts';
import { simulatedWindows, type SimWindows } from './sim-fixture.ts';

/**
 * End to end through the real enrichment: the simulator's "images load slowly on Android in East
 * China" incident, 19:00–22:00 Shanghai time, in a day of ~8 800 messages against a 7-day baseline.
 * The incident's texts pass through topic matching, aspect sentiment and near-duplicate detection;
 * about two thirds of its messages come out as complaints about slow loading, and the statement must
 * find where they concentrate.
 */
describe('insights on the simulated incident', () => {
  let insights: Insight[];
  let sim: SimWindows;
  beforeAll(() => {
    sim = simulatedWindows({ seed: 7 });
    insights = buildInsights(sim.current, sim.baseline, { window: sim.window, baseline: sim.baselineWindow });
  }, 120_000);

  it('ranks slow loading first and names the evening, East China and Android in both languages', () => {
    const top = insights[0];
    expect(top.id).toBe('app.slow');
    const focus = Object.fromEntries(top.focus!.concentrations.map((c) => [c.dimension, c]));
    expect(focus.region.value).toBe('east');
    expect(focus.platform.value).toBe('android');
    const { from, to } = focus.hours.band!;
    expect(from).toBeGreaterThanOrEqual(18);
    expect(from).toBeLessThanOrEqual(20);
    expect(to === 0 ? 24 : to).toBeGreaterThanOrEqual(21);
    expect(top.statements.zh).toMatch(/^晚间高峰（\d+–\d+ 时），华东地区 Android 用户关于「加载慢」的抱怨是平时的 \d+\.\d 倍/);
    expect(top.statements.en).toMatch(/^In the evening peak \(\d+:00–\d+:00\), complaints about slow loading from Android users in East China are \d+\.\d× the usual level/);
    expect(top.examples).toHaveLength(3);
  });

  it('finds (almost) no concentration for the steady topics', () => {
    // Topics the incident's own messages also carry ("App", "菜单" also read as the app's interface)
    // rightly concentrate where it does; every other topic should not. "Almost": each window tests
    // ~25 slices of ~35 topics at p < 0.0002 (message.ts minG2), about 0.2 chance findings per window
    // by design. This seed has one since sentiment model -7: cutlery complaints on the mini program,
    // 10 of 60 against 5 of 238 in the baseline (Fisher's exact one-sided p = 7e-5), where the
    // simulator gives the mini program no cutlery problem of its own. More than one is a broken test.
    const incident = sim.current.filter((m) => m.meta?.sim_incident && !m.dup_of);
    const touched = (topic: string) => incident.filter((m) => m.topics.includes(topic)).length >= 0.1 * incident.length;
    const steady = insights.filter((i) => i.id !== 'app.slow' && !touched(i.id));
    expect(steady.length).toBeGreaterThan(5);
    const found = steady.flatMap((i) => i.concentrations.map((c) => ({ topic: i.id, ...c })));
    expect(found.length).toBeLessThanOrEqual(1);
    // A chance finding is small: a slice of a few messages, not the incident's hundreds.
    for (const c of found) expect(c.count).toBeLessThan(20);
  });
});
