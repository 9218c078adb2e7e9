import { BASE_CHANNELS, customerOf, CUSTOMER_POOL } from '../../streaming/sim/world.ts';
import { composeFeedback } from '../../streaming/sim/compose.ts';
import { createRng } from '../../streaming/sim/rng.ts';
import { SCENARIO_TOPIC, SCENARIOS, type ScenarioKey } from '../../streaming/sim/scenarios.ts';
import type { Channel } from '../../schemas/feedback.ts';

/**
 * Simulator complaints with the leaf each is about (SCENARIO_TOPIC): what the product's own traffic must
 * keep. These texts are composed from the simulator's phrase tables, not read from customers, so they are
 * never an evaluation of the matcher on real text; they are (1) a regression check that the demo's
 * incidents keep their topics in both languages and (2) the only English take-away / app examples a
 * learned check on the matches can train on (the labelled English is Amazon reviews and tweets).
 */
export interface SimExample {
  scenario: ScenarioKey;
  /** the scenario's intended leaf */
  topic: string;
  text: string;
  lang: 'zh' | 'en';
}

/** `perScenario` composed messages per complaint scenario and language, channels drawn uniformly (call notes included). */
export function simTopicExamples(perScenario: number, seed: number | string = 'topics-sim'): SimExample[] {
  const rng = createRng(seed);
  const channels = Object.keys(BASE_CHANNELS) as Channel[];
  const out: SimExample[] = [];
  for (const lang of ['zh', 'en'] as const) {
    for (const [scenario, topic] of Object.entries(SCENARIO_TOPIC) as [ScenarioKey, string][]) {
      for (let k = 0; k < perScenario; k++) {
        const customer = customerOf(rng.int(CUSTOMER_POOL));
        const { text } = composeFeedback(scenario, SCENARIOS[scenario].mood, rng.pick(channels), lang, rng, customer);
        out.push({ scenario, topic, text, lang });
      }
    }
  }
  return out;
}
