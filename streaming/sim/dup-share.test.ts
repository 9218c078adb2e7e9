import { describe, expect, it } from 'vitest';
import { measure } from './dup-share.ts';

/**
 * Distinct customers hit by one incident word their complaints differently, so near-duplicate detection
 * (run for real, through the enricher) must fold few of them; a copy-paste campaign must still fold.
 * Before the simulator composed its texts, 55–59 % of the image incident's messages were folded (seeds
 * 1–3, streaming/sim/dup-share.ts); the bounds leave room for seed noise, not for the old behaviour.
 */
describe('near-duplicates in the simulated feed', () => {
  const { kinds, scenarios } = measure({ seed: 11, minutes: 40, rate: 2 });
  const kind = (k: string) => kinds.find((x) => x.kind === k)!;

  it('folds few of an incident’s complaints and keeps them labelled with the incident’s topic', () => {
    expect(kind('incident').messages).toBeGreaterThan(500);
    expect(kind('incident').share).toBeLessThan(0.15);
    expect(kind('incident').onTopic).toBeGreaterThan(0.6);
    expect(kind('complaint').share).toBeLessThan(0.2);
  });

  it('still folds copy-paste campaigns', () => {
    expect(kind('campaign').messages).toBeGreaterThan(20);
    expect(kind('campaign').share).toBeGreaterThan(0.8);
  });

  it('keeps every complaint scenario on its topic', () => {
    const topic = Object.fromEntries(scenarios.map((s) => [s.scenario, s]));
    const expected: Record<string, string> = {
      late_delivery: 'delivery.late',
      cold_food: 'food.temperature',
      wrong_item: 'delivery.wrong_missing',
      rude_courier: 'delivery.courier',
      damaged_package: 'delivery.damaged',
      app_crash: 'app.crash',
      images_slow: 'app.slow',
      refund_delay: 'aftersales.refund',
      cs_wait: 'service.support',
      login_code: 'account.login'
    };
    for (const [scenario, t] of Object.entries(expected)) {
      expect(topic[scenario].topic, scenario).toBe(t);
      expect(topic[scenario].topicShare, scenario).toBeGreaterThan(0.7);
    }
  });
});
