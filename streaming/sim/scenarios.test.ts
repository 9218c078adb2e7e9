import { describe, expect, it } from 'vitest';
import { DEFAULT_DECAY_MS, DEFAULT_RAMP_MS, demoSchedule, incidentStrength, SCENARIO_KEYS, SCENARIOS, type Incident } from './scenarios.ts';

const MIN = 60_000;
const inc: Incident = { id: 'x', start: 100 * MIN, end: 130 * MIN, scenario: 'images_slow', slice: {}, multiplier: 10 };

describe('scenarios', () => {
  it('has about three in five complaints and a quarter praise by baseline weight', () => {
    const total = SCENARIO_KEYS.reduce((s, k) => s + SCENARIOS[k].weight, 0);
    const share = (mood: string) => SCENARIO_KEYS.filter((k) => SCENARIOS[k].mood === mood).reduce((s, k) => s + SCENARIOS[k].weight, 0) / total;
    expect(share('negative')).toBeGreaterThan(0.55);
    expect(share('negative')).toBeLessThan(0.65);
    expect(share('positive')).toBeGreaterThan(0.2);
    expect(share('positive')).toBeLessThan(0.3);
  });

  it('ramps an incident up, holds it until the fix, then decays exponentially to nothing', () => {
    expect(incidentStrength(inc, inc.start - 1)).toBe(0);
    expect(incidentStrength(inc, inc.start + DEFAULT_RAMP_MS / 2)).toBeCloseTo(0.5, 5);
    expect(incidentStrength(inc, inc.end - 1)).toBe(1);
    expect(incidentStrength(inc, inc.end + DEFAULT_DECAY_MS)).toBeCloseTo(Math.exp(-1), 5);
    expect(incidentStrength(inc, inc.end + 2 * DEFAULT_DECAY_MS)).toBeLessThan(incidentStrength(inc, inc.end + DEFAULT_DECAY_MS));
    expect(incidentStrength(inc, inc.end + 10 * DEFAULT_DECAY_MS)).toBe(0);
  });

  it('schedules the demo incident a few minutes after start for about 20 minutes', () => {
    const [first] = demoSchedule(0);
    expect(first.start).toBeGreaterThan(0);
    expect(first.start).toBeLessThanOrEqual(10 * MIN);
    expect(first.end - first.start).toBe(20 * MIN);
  });
});
