import type { Channel, FeedbackInput } from '../../schemas/feedback.ts';
import { composeCampaign, composeFeedback, composeNoise, type SimLang } from './compose.ts';
import { createRng, pickWeighted, weighted, type Rng, type WeightedTable } from './rng.ts';
import { incidentStrength, reliefStrength, SCENARIO_KEYS, SCENARIOS, type Incident, type ScenarioKey, type Slice } from './scenarios.ts';
import { BASE_CHANNELS, CUSTOMER_POOL, customerOf, dailyRhythm, PLATFORM_SHARE, REGION_SHARE, type Customer } from './world.ts';

/**
 * The simulated feed: a non-homogeneous Poisson process whose intensity is the requested rate × the
 * daily rhythm, plus one extra process per incident that adds messages of the incident's scenario from
 * customers inside its slice, and, after an incident's fix, praise for it (its relief). Everything is
 * drawn from seeded PRNGs, so the same seed and the same sequence of calls give the same documents.
 */

export interface GeneratorOptions {
  seed: number | string;
  /** start of the clock used by `advance`; epoch ms (defaults to the wall clock) */
  now?: number;
  incidents?: Incident[];
  /** emit ids `sim-<seed>-<n>` so a replay produces the same ids (default true) */
  ids?: boolean;
  /** follow the daily rhythm (default true); false gives a constant rate, for load tests */
  rhythm?: boolean;
}

export interface Generator {
  /** messages with ts in [t0, t1), ordered by ts; ratePerSec is the daily average rate without incidents */
  messagesBetween(t0: number, t1: number, ratePerSec: number): FeedbackInput[];
  /** messages from the internal clock up to `until`, then moves the clock there */
  advance(until: number, ratePerSec: number): FeedbackInput[];
  /** documents produced so far */
  readonly count: number;
}

export const LANG_MIX: Record<SimLang, number> = { zh: 0.75, en: 0.2, mixed: 0.05 };
const NOISE_SHARE = 0.008;
const ADVERT_SHARE = 0.004;
const CAMPAIGN_SHARE = 0.006;
const REAL_SHARE = 1 - NOISE_SHARE - ADVERT_SHARE - CAMPAIGN_SHARE;
// Within a step the rhythm is treated as constant; 10 s keeps that error far below Poisson noise.
const MAX_STEP_MS = 10_000;

const scenarioTable = weighted(SCENARIO_KEYS.map((k) => [k, SCENARIOS[k].weight] as const));
const scenarioTotal = SCENARIO_KEYS.reduce((s, k) => s + SCENARIOS[k].weight, 0);
const langTable = weighted(Object.entries(LANG_MIX) as [SimLang, number][]);
const channelWeights = (k: ScenarioKey) =>
  (Object.keys(BASE_CHANNELS) as Channel[]).map((c) => [c, BASE_CHANNELS[c] * (SCENARIOS[k].channels?.[c] ?? 1)] as const);
const channelTables = Object.fromEntries(SCENARIO_KEYS.map((k) => [k, weighted(channelWeights(k))])) as Record<
  ScenarioKey,
  WeightedTable<Channel>
>;
const NOISE_CHANNELS: Channel[] = ['social', 'app_review', 'in_app', 'chat'];

/**
 * Baseline share of all traffic that is `scenario` from customers inside `slice`; an incident with
 * multiplier m adds (m − 1) × this share, so inside the slice the scenario runs at m × its baseline.
 */
export function baselineShare(scenario: ScenarioKey, slice: Slice): number {
  let share = REAL_SHARE * (SCENARIOS[scenario].weight / scenarioTotal);
  if (slice.region) share *= REGION_SHARE[slice.region];
  if (slice.platform) share *= PLATFORM_SHARE[slice.platform];
  if (slice.channel) {
    const weights = channelWeights(scenario);
    const total = weights.reduce((s, [, w]) => s + w, 0);
    share *= (weights.find(([c]) => c === slice.channel)?.[1] ?? 0) / total;
  }
  return share;
}

const inSlice = (c: Customer, slice: Slice) =>
  (!slice.region || c.region === slice.region) && (!slice.platform || c.platform === slice.platform);

function drawCustomer(rng: Rng, slice?: Slice): Customer {
  let c = customerOf(rng.int(CUSTOMER_POOL));
  // Rejection sampling keeps the customer base consistent (attributes stay a function of the id); the
  // rarest slice (west × mini program) needs ~140 draws on average, still microseconds.
  for (let i = 0; slice && !inSlice(c, slice) && i < 10_000; i++) c = customerOf(rng.int(CUSTOMER_POOL));
  return c;
}

const MOOD_SCORES = {
  negative: { nps: [0, 0, 1, 2, 2, 3, 3, 4, 5, 6], csat: [1, 1, 1, 2, 2, 3], stars: [1, 1, 1, 2, 2, 3] },
  neutral: { nps: [5, 6, 7, 7, 8, 8], csat: [3, 3, 4], stars: [3, 3, 4] },
  positive: { nps: [8, 9, 9, 10, 10, 10], csat: [4, 5, 5, 5], stars: [4, 5, 5, 5] }
} as const;
const ORDER_SCENARIOS = new Set<ScenarioKey>(['late_delivery', 'cold_food', 'wrong_item', 'damaged_package', 'bad_taste', 'payment_failed', 'refund_delay', 'coupon_price']);

export function createGenerator(options: GeneratorOptions): Generator {
  const mainRng = createRng(options.seed);
  // Praise after fixes is drawn from its own stream, so adding it leaves every other document as it was.
  const reliefRng = createRng(`${options.seed}:relief`);
  const incidents = [...(options.incidents ?? [])];
  const seedTag = String(options.seed).replace(/[^A-Za-z0-9._:-]/g, '_').slice(0, 40);
  const withIds = options.ids ?? true;
  const rhythm = options.rhythm === false ? () => 1 : dailyRhythm;
  const shares = incidents.map((inc) => baselineShare(inc.scenario, inc.slice) * Math.max(0, inc.multiplier - 1));
  let clock = options.now ?? Date.now();
  let n = 0;

  function document(ts: number, incident?: Incident, relief = false): FeedbackInput {
    const rng = relief ? reliefRng : mainRng;
    const u = rng.next();
    const kind = incident ? 'real' : u < NOISE_SHARE ? 'noise' : u < NOISE_SHARE + ADVERT_SHARE ? 'advert' : u < 1 - REAL_SHARE ? 'campaign' : 'real';
    const customer = drawCustomer(rng, incident?.slice);
    let lang = kind === 'campaign' ? (rng.chance(0.9) ? 'zh' : 'en') : pickWeighted(langTable, rng.next());
    // Spam and keyboard noise come from the Chinese or English banks as they are; only customers mix languages.
    if (kind !== 'real' && lang === 'mixed') lang = 'zh';
    const meta: Record<string, string> = { city: customer.city[0], platform: customer.platform };
    let channel: Channel;
    let text: string;
    let scores: FeedbackInput['scores'];
    if (kind === 'real') {
      const scenario = (relief ? incident?.relief?.scenario : incident?.scenario) ?? pickWeighted(scenarioTable, rng.next());
      const mood = SCENARIOS[scenario].mood;
      channel = incident?.slice.channel ?? pickWeighted(channelTables[scenario], rng.next());
      // Call notes are written by agents in Chinese, whatever mix the caller spoke.
      if (channel === 'call' && lang === 'mixed') lang = 'zh';
      const composed = composeFeedback(scenario, mood, channel, lang, rng, customer);
      text = composed.text;
      meta.sim_scenario = scenario;
      meta.sim_mood = mood;
      meta.sim_lang = lang;
      if (composed.pii) meta.sim_pii = composed.pii;
      if (incident) meta[relief ? 'sim_relief' : 'sim_incident'] = incident.id;
      const s = MOOD_SCORES[mood];
      if (channel === 'survey') scores = { nps: rng.pick(s.nps), csat: rng.pick(s.csat) };
      else if ((channel === 'chat' && rng.chance(0.4)) || (channel === 'in_app' && rng.chance(0.3))) scores = { csat: rng.pick(s.csat) };
      if (channel === 'app_review') meta.rating = String(rng.pick(s.stars));
      if (ORDER_SCENARIOS.has(scenario) && rng.chance(0.6)) meta.order_value = (rng.between(150, 2500) / 10).toFixed(1);
    } else {
      channel = kind === 'campaign' ? (rng.chance(0.6) ? 'social' : 'app_review') : rng.pick(NOISE_CHANNELS);
      text = kind === 'campaign' ? composeCampaign(lang, rng, customer) : composeNoise(kind, lang, rng, customer);
      meta.sim_scenario = kind;
      meta.sim_lang = lang;
      meta.sim_mood = kind === 'campaign' ? 'negative' : 'neutral';
    }
    const doc: FeedbackInput = {
      ts,
      channel,
      text,
      customer: { id: customer.id, region: customer.region, segment: customer.segment, tier: customer.tier },
      product: customer.product,
      app_version: customer.appVersion,
      meta
    };
    if (withIds) doc.id = `sim-${seedTag}-${n}`;
    // App stores report the review's locale; other producers leave language detection to us.
    if (channel === 'app_review' && lang !== 'mixed') doc.lang = lang;
    if (scores) doc.scores = scores;
    n++;
    return doc;
  }

  function messagesBetween(t0: number, t1: number, ratePerSec: number): FeedbackInput[] {
    const arrivals: Array<{ ts: number; inc: number; relief: boolean }> = [];
    for (let a = t0; a < t1; a += MAX_STEP_MS) {
      const b = Math.min(t1, a + MAX_STEP_MS);
      const mid = (a + b) / 2;
      const perMs = (ratePerSec / 1000) * rhythm(mid);
      const span = b - a;
      // Praise after a fix comes from its own PRNG stream (see reliefRng).
      const draw = (mean: number, inc: number, relief = false) => {
        const rng = relief ? reliefRng : mainRng;
        const k = rng.poisson(mean);
        for (let i = 0; i < k; i++) arrivals.push({ ts: Math.min(b - 1, Math.floor(a + rng.next() * span)), inc, relief });
      };
      draw(perMs * span, -1);
      incidents.forEach((inc, i) => {
        const excess = inc.perMinute !== undefined ? (inc.perMinute / 60_000) * span : perMs * span * shares[i];
        const strength = incidentStrength(inc, mid);
        if (strength > 0) draw(excess * strength, i);
        const praise = reliefStrength(inc, mid);
        if (praise > 0) draw(excess * inc.relief!.share * praise, i, true);
      });
    }
    arrivals.sort((x, y) => x.ts - y.ts);
    return arrivals.map(({ ts, inc, relief }) => document(ts, inc >= 0 ? incidents[inc] : undefined, relief));
  }

  return {
    messagesBetween,
    advance(until, ratePerSec) {
      if (until <= clock) return [];
      const out = messagesBetween(clock, until, ratePerSec);
      clock = until;
      return out;
    },
    get count() {
      return n;
    }
  };
}
