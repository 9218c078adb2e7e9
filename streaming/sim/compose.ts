import type { Channel } from '../../schemas/feedback.ts';
import { en } from './phrases.en.ts';
import { zh } from './phrases.zh.ts';
import type { Rng } from './rng.ts';
import type { Mood, ScenarioKey } from './scenarios.ts';
import { computedSlots } from './slots.ts';
import { compileBank, type CompiledBank, type Render, type RenderCtx } from './templates.ts';
import type { Customer } from './world.ts';

/**
 * Turns (scenario, channel, language, customer) into one message text. Banks compile once at import so
 * per-message work is picking and concatenating; the style passes afterwards (mixing in English words,
 * slang, typos) are what make ten thousand messages from a few hundred templates look unrelated.
 *
 * A message is composed, not picked: a core sentence of the scenario (`say`), often one or two of its
 * details (what the customer tried, on which phone, what it cost them), sometimes where and when they
 * write from, an opener and a closer. Real customers word one complaint differently; with a single
 * picked sentence, hundreds of customers hit by one incident wrote the same few texts, and near-duplicate
 * detection rightly counted each text once, hiding most of the incident. Copy-paste campaigns are still
 * pasted verbatim (composeCampaign) and still fold.
 */

export type SimLang = 'zh' | 'en' | 'mixed';
export type PiiKind = '' | 'phone' | 'email' | 'wechat';

const BANKS: Record<'zh' | 'en', CompiledBank> = {
  zh: compileBank(zh, computedSlots('zh')),
  en: compileBank(en, computedSlots('en'))
};

const OPENER_P: Record<Mood, number> = { negative: 0.12, positive: 0.1, neutral: 0.12 };
// Complaints carry detail; praise is briefer ("好吃！"). Questions say what they are about (which
// order, which phone); without it, everyone asking one FAQ in a day wrote the same text.
const DETAIL_P: Record<Mood, number> = { negative: 0.85, positive: 0.6, neutral: 0.6 };
const SECOND_DETAIL_P = 0.35;
// The detail comes first sometimes ("换了WiFi也一样，图片加载不出来").
const DETAIL_FIRST_P = 0.25;
const CONTEXT_P: Record<Mood, number> = { negative: 0.35, positive: 0.25, neutral: 0.25 };
const CLOSER_P: Record<Mood, number> = { negative: 0.4, positive: 0.35, neutral: 0.25 };
// People leave contact details where they expect a reply (chat, e-mail, the call note for a callback).
const PII_P: Partial<Record<Channel, number>> = { chat: 0.06, email: 0.12, call: 0.05, in_app: 0.03, social: 0.01 };
const TERMINAL = /[。！？!?.…~～\p{Extended_Pictographic}\]]$/u;

const pick = (rng: Rng, list: Render[]) => list[Math.floor(rng.next() * list.length)];

/** One entry of list rendered, and with probability `second` a different one after it. */
function oneOrTwo(list: Render[], second: number, ctx: RenderCtx): string[] {
  const { rng } = ctx;
  const first = Math.floor(rng.next() * list.length);
  const out = [list[first](ctx)];
  if (list.length > 1 && rng.chance(second)) out.push(list[(first + 1 + Math.floor(rng.next() * (list.length - 1))) % list.length](ctx));
  return out;
}

export interface Composed {
  text: string;
  pii: PiiKind;
}

export function composeFeedback(scenario: ScenarioKey, mood: Mood, channel: Channel, lang: SimLang, rng: Rng, customer: Customer): Composed {
  const bank = BANKS[lang === 'en' ? 'en' : 'zh'];
  const ctx: RenderCtx = { rng, customer, mood, body: '' };
  let body: string;
  let pii: PiiKind = '';
  if (channel === 'call') {
    body = composeNote(bank, scenario, mood, lang === 'en', ctx);
  } else {
    body = composeBody(bank, scenario, mood, lang === 'en', ctx);
    if (rng.chance(OPENER_P[mood])) body = joinOpener(pick(rng, bank.openers[mood])(ctx), body);
    if (rng.chance(CLOSER_P[mood])) {
      const closer = pick(rng, bank.closers[mood])(ctx);
      const sep = TERMINAL.test(body) ? '' : rng.chance(0.6) ? '，' : '。';
      body = lang === 'en' ? `${endSentence(body)} ${capitalise(closer)}` : `${body}${sep}${closer}`;
    }
  }
  if (rng.chance(PII_P[channel] ?? 0)) {
    const fragment = pick(rng, channel === 'call' ? bank.piiNote : bank.pii)(ctx);
    pii = fragment.includes('@') ? 'email' : /1\d{2} ?\d{4} ?\d{4}/.test(fragment) ? 'phone' : 'wechat';
    body += fragment;
  }
  if (channel !== 'call' && !TERMINAL.test(body)) body += pick(rng, bank.endings[mood])(ctx);
  if (lang === 'en') body = rng.chance(0.12) ? body.toLowerCase() : capitalise(body);
  // Mix before framing: the customer mixes languages, the e-mail signature or chat greeting does not.
  if (lang === 'mixed') body = mixInEnglish(body, mood, rng);
  ctx.body = lang === 'en' ? slangEn(body, rng) : slangZh(body, rng);
  return { text: pick(rng, bank.frames[channel])(ctx), pii };
}

/** The customer's own words: the core sentence, its details in some order, and where they write from. */
function composeBody(bank: CompiledBank, scenario: ScenarioKey, mood: Mood, en: boolean, ctx: RenderCtx): string {
  const { rng } = ctx;
  const parts = [pick(rng, bank.say[scenario])(ctx)];
  const details = bank.detail[scenario];
  if (details.length && rng.chance(DETAIL_P[mood])) {
    const extra = oneOrTwo(details, SECOND_DETAIL_P, ctx);
    if (rng.chance(DETAIL_FIRST_P)) parts.unshift(extra.shift()!);
    parts.push(...extra);
  }
  if (rng.chance(CONTEXT_P[mood])) parts.unshift(pick(rng, bank.contexts[mood])(ctx));
  return en ? parts.map((p, i) => (i < parts.length - 1 ? endSentence(capitalise(p)) : capitalise(p))).join(' ') : parts.reduce(joinZh);
}

// Agents note who called about half the time, and often how the call went; a note picked whole was
// written identically by every agent taking that kind of call in a day, and all but one folded.
const CALLER_P = 0.45;
const NOTE_EXTRA_P = 0.6;
const SECOND_NOTE_EXTRA_P = 0.25;

/** An agent's call note: the scenario's summary, sometimes who called and what else the agent noted. */
function composeNote(bank: CompiledBank, scenario: ScenarioKey, mood: Mood, en: boolean, ctx: RenderCtx): string {
  const { rng } = ctx;
  let note = pick(rng, bank.note[scenario])(ctx);
  if (rng.chance(NOTE_EXTRA_P)) note += oneOrTwo(bank.noteExtras[mood], SECOND_NOTE_EXTRA_P, ctx).map((x) => (en ? ', ' : '，') + x).join('');
  if (rng.chance(CALLER_P)) {
    const caller = pick(rng, bank.callers)(ctx);
    note = en ? `${note} (${caller})` : `${caller}，${note}`;
  }
  return note;
}

// Clauses of one Chinese message run on with commas; after a question or an exclamation, no comma.
const joinZh = (a: string, b: string) => (TERMINAL.test(a) ? a + b : `${a}，${b}`);

export function composeNoise(kind: 'noise' | 'advert', lang: SimLang, rng: Rng, customer: Customer): string {
  const bank = BANKS[lang === 'en' ? 'en' : 'zh'];
  const ctx: RenderCtx = { rng, customer, mood: 'neutral', body: '' };
  return pick(rng, kind === 'noise' ? bank.noise : bank.adverts)(ctx);
}

const CAMPAIGN_TAILS = { zh: ['', '', '', '！', ' +1', ' 同样遭遇', ' 顶', ' 转发'], en: ['', '', ' +1', '!!', ' same here'] };

/** Copy-paste campaigns: mostly identical, sometimes with a tail added by the person pasting. */
export function composeCampaign(lang: SimLang, rng: Rng, customer: Customer): string {
  const key = lang === 'en' ? 'en' : 'zh';
  const ctx: RenderCtx = { rng, customer, mood: 'negative', body: '' };
  return pick(rng, BANKS[key].campaigns)(ctx) + rng.pick(CAMPAIGN_TAILS[key]);
}

// "Honestly, " + "My food…" reads wrong; keep capitals that matter ("I", acronyms) by checking the next letter.
const joinOpener = (opener: string, body: string) =>
  /[,:] $|so $/.test(opener) && /^[A-Z][a-z]/.test(body) ? opener + body[0].toLowerCase() + body.slice(1) : opener + body;
const endSentence = (s: string) => (/[.!?…]$/.test(s) ? s : `${s}.`);
const capitalise = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);

// Words bilingual users type in English inside Chinese sentences.
const SWAPS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['闪退', ['crash', '闪退']], ['加载', ['loading', 'load']], ['转圈', ['loading']], ['退款', ['refund']],
  ['优惠券', ['coupon']], ['软件', ['App']], ['更新', ['update']], ['页面', ['page']], ['界面', ['UI']],
  ['订单', ['order']], ['验证码', ['code']], ['会员', ['VIP', 'member']], ['配送', ['delivery']], ['客服', ['客服', 'CS']]
];
const MIXED_TAILS: Record<Mood, readonly string[]> = {
  negative: [' emmm', ' OMG', ' 真的 so annoying', ' what?', ' orz', ' 太 low 了', ' 心累 tbh', ' bro 认真的吗'],
  positive: [' nice', ' good job', ' yyds', ' perfect', ' love it', ' 真的 amazing'],
  neutral: [' thx', ' pls', ' ok?', ' emmm']
};

function mixInEnglish(text: string, mood: Mood, rng: Rng): string {
  let out = text;
  for (const [from, to] of SWAPS) {
    if (out.includes(from) && rng.chance(0.7)) out = out.replace(from, rng.pick(to));
  }
  // Guarantee the mix is visible: a message labelled mixed must carry some Latin-script words.
  if (!/[A-Za-z]{2,}/.test(out.replace(/App|APP|iOS/g, '')) || rng.chance(0.15)) out += rng.pick(MIXED_TAILS[mood]);
  return out;
}

function slangZh(text: string, rng: Rng): string {
  let out = text;
  if (rng.chance(0.3)) out = out.replace('怎么', '咋').replace('什么', '啥');
  if (rng.chance(0.03)) out = out.replace('已经', '以经');
  if (rng.chance(0.03)) out = out.replace('在', '再');
  if (rng.chance(0.02)) out = out.replace('的', '滴');
  if (rng.chance(0.04)) out = out.replace(/！$/, '！！！！！');
  return out;
}

function slangEn(text: string, rng: Rng): string {
  let out = text;
  if (rng.chance(0.25)) out = out.replace("n't", 'nt').replace("'m", 'm');
  if (rng.chance(0.15)) out = out.replace(/\byou\b/, 'u');
  if (rng.chance(0.2)) out = out.replace(/\bplease\b/i, 'pls');
  if (rng.chance(0.04)) out = out.replace(/!$/, '!!!!!');
  return out;
}
