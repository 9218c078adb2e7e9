import { describe, expect, it } from 'vitest';
import { measure } from './dup-share.ts';

/**
 * Distinct customers word their messages differently, so near-duplicate detection (run for real, through
 * the enricher) must fold few of them, whatever their mood; a copy-paste campaign must still fold.
 * Before the simulator composed complaints, 55–59 % of the image incident's messages were folded; before
 * it composed praise, questions and call notes too, 60–75 % of neutral and positive messages and 80–97 %
 * of call notes were folded after a few hours of history, and the negative share among the messages the
 * wall counts read 14 points above that among all messages (streaming/sim/dup-share.ts, seeds 1 and 11).
 * The bounds leave room for seed noise, not for the old behaviour.
 */
describe('near-duplicates in the simulated feed', () => {
  // Four hours of history first: the near-duplicate window is 24 h, and repeats only show once there is
  // history to repeat.
  const { kinds, channels, scenarios, wall } = measure({ seed: 11, minutes: 40, rate: 2, warmupHours: 4 });
  const kind = (k: string) => kinds.find((x) => x.kind === k)!;
  const scenario = Object.fromEntries(scenarios.map((s) => [s.scenario, s]));

  it('folds few of an incident’s complaints and keeps them labelled with the incident’s topic', () => {
    expect(kind('incident').messages).toBeGreaterThan(500);
    expect(kind('incident').share).toBeLessThan(0.15);
    expect(kind('incident').onTopic).toBeGreaterThan(0.6);
  });

  it('folds every mood about as rarely, so folding does not change the mix the wall shows', () => {
    for (const mood of ['negative', 'neutral', 'positive']) {
      expect(kind(mood).messages, mood).toBeGreaterThan(500);
      expect(kind(mood).share, mood).toBeLessThan(0.25);
      expect(Math.abs(kind(mood).share - kind('negative').share), mood).toBeLessThan(0.1);
    }
    expect(Math.abs(wall.negativeLabelUnfolded - wall.negativeLabelAll)).toBeLessThan(0.03);
    expect(Math.abs(wall.negativeMoodUnfolded - wall.negativeMoodAll)).toBeLessThan(0.03);
  });

  it('folds few call notes of any mood', () => {
    const calls = channels.filter((c) => c.channel === 'call');
    expect(calls.map((c) => c.mood).sort()).toEqual(['negative', 'neutral', 'positive']);
    for (const c of calls) expect(c.share, c.mood).toBeLessThan(0.2);
  });

  it('still folds copy-paste campaigns', () => {
    expect(kind('campaign').messages).toBeGreaterThan(20);
    expect(kind('campaign').share).toBeGreaterThan(0.8);
  });

  it('labels each mood as meant', () => {
    expect(kind('negative').labels.negative).toBeGreaterThan(0.85);
    expect(kind('positive').labels.positive).toBeGreaterThan(0.7);
    expect(kind('neutral').labels.neutral).toBeGreaterThan(0.7);
  });

  it('keeps every complaint scenario on its topic', () => {
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
    for (const [key, t] of Object.entries(expected)) {
      expect(scenario[key].topic, key).toBe(t);
      expect(scenario[key].topicShare, key).toBeGreaterThan(0.7);
    }
  });

  it('keeps praise on what it praises, read as positive about it', () => {
    // [scenario, topic, least share carrying it, least share positive about it]
    const expected: Array<[string, string, number, number]> = [
      ['praise_courier', 'delivery.courier', 0.7, 0.4],
      ['praise_food', 'food.taste', 0.6, 0.4],
      ['praise_app', 'app.ui', 0.5, 0.35]
    ];
    for (const [key, t, share, positive] of expected) {
      expect(scenario[key].topic, key).toBe(t);
      expect(scenario[key].topicShare, key).toBeGreaterThan(share);
      expect(scenario[key].topicPositive, key).toBeGreaterThan(positive);
      expect(scenario[key].topicPositive, key).toBeGreaterThan(2 * scenario[key].topicNegative);
    }
    // The praise after the image fix (praise_images_fast) starts only after the incident, too few in this
    // window to test; over 3 h (dup-share.ts) it is on app.slow in 98 % of messages.
    // Praise of support is about support; the enricher reads its aspect as negative in many of these
    // messages ("客服主动回电确认，很负责" → −0.41), a misreading reported to the sentiment work, so only the
    // topic is checked here.
    expect(scenario.praise_service.topic).toBe('service.support');
    expect(scenario.praise_service.topicShare).toBeGreaterThan(0.7);
  });

  it('keeps questions, suggestions and "it was ok" free of opinion', () => {
    for (const key of ['question', 'suggestion', 'neutral_ok']) {
      expect(scenario[key].labels.neutral, key).toBeGreaterThan(0.65);
      expect(scenario[key].labels.negative, key).toBeLessThan(0.15);
    }
  });
});
