import type { Channel } from '../../schemas/feedback.ts';
import type { Rng } from './rng.ts';
import type { Mood, ScenarioKey } from './scenarios.ts';
import type { Customer } from './world.ts';

/**
 * A tiny template language, compiled once so that rendering is string concatenation:
 *   {slot}      a slot filled by a word list or a function (dish names, minutes, order numbers…)
 *   [a|b|c]     an inline alternative, each branch itself a template (may hold slots, may be empty)
 * Unknown slots fail at compile time, so a typo in a phrase bank breaks the tests, not the demo.
 */

export type TextLang = 'zh' | 'en';

export interface RenderCtx {
  rng: Rng;
  customer: Customer;
  mood: Mood;
  /** filled in before rendering a channel frame */
  body: string;
}

export type Render = (ctx: RenderCtx) => string;
export type SlotFn = Render;

/** One language's phrases; pure data, compiled by `compileBank`. */
export interface PhraseBank {
  words: Record<string, readonly string[]>;
  /**
   * `detail`: further clauses a customer adds to `say` (what they tried, where, on which phone, what it
   * cost them); composed with it so that different customers rarely write the same text (compose.ts).
   */
  scenarios: Record<ScenarioKey, { say: readonly string[]; note: readonly string[]; detail?: readonly string[] }>;
  /** per channel, wrapping `{body}`; call frames wrap an agent's `note` instead of the customer's words */
  frames: Record<Channel, readonly string[]>;
  openers: Record<Mood, readonly string[]>;
  /** when and where the customer writes from ("刚下班到家", "At the office"): topic-neutral lead-ins */
  contexts: Record<Mood, readonly string[]>;
  closers: Record<Mood, readonly string[]>;
  endings: Record<Mood, readonly string[]>;
  agent: Record<Mood, readonly string[]>;
  /**
   * Call notes: who called (`callers`) and what else the agent noted (`noteExtras`), added around a
   * scenario's `note` so that agents summarising many similar calls in a day do not write one text.
   */
  callers: readonly string[];
  noteExtras: Record<Mood, readonly string[]>;
  noise: readonly string[];
  adverts: readonly string[];
  campaigns: readonly string[];
  pii: readonly string[];
  /** contact details as an agent records them in a call note */
  piiNote: readonly string[];
}

export interface CompiledBank {
  say: Record<ScenarioKey, Render[]>;
  note: Record<ScenarioKey, Render[]>;
  detail: Record<ScenarioKey, Render[]>;
  frames: Record<Channel, Render[]>;
  openers: Record<Mood, Render[]>;
  contexts: Record<Mood, Render[]>;
  closers: Record<Mood, Render[]>;
  endings: Record<Mood, Render[]>;
  callers: Render[];
  noteExtras: Record<Mood, Render[]>;
  noise: Render[];
  adverts: Render[];
  campaigns: Render[];
  pii: Render[];
  piiNote: Render[];
}

export function compile(src: string, slots: Record<string, SlotFn>): Render {
  const parts: Array<string | Render> = [];
  let lit = '';
  const flush = () => {
    if (lit) parts.push(lit);
    lit = '';
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (ch === '{') {
      const close = src.indexOf('}', i);
      if (close < 0) throw new Error(`unclosed { in template: ${src}`);
      const name = src.slice(i + 1, close);
      const slot = slots[name];
      if (!slot) throw new Error(`unknown slot {${name}} in template: ${src}`);
      flush();
      parts.push(slot);
      i = close;
    } else if (ch === '[') {
      const close = src.indexOf(']', i);
      if (close < 0) throw new Error(`unclosed [ in template: ${src}`);
      const inner = src.slice(i + 1, close);
      // A bracket without '|' is almost always meant literally (e.g. the WeChat sticker "[赞]").
      if (!inner.includes('|')) throw new Error(`[${inner}] has a single branch; alternatives need '|': ${src}`);
      const branches = inner.split('|').map((b) => compile(b, slots));
      flush();
      parts.push((ctx) => branches[Math.floor(ctx.rng.next() * branches.length)](ctx));
      i = close;
    } else {
      lit += ch;
    }
  }
  flush();
  if (parts.length === 0) return () => '';
  if (parts.length === 1) {
    const only = parts[0];
    return typeof only === 'string' ? () => only : only;
  }
  return (ctx) => {
    let out = '';
    for (const p of parts) out += typeof p === 'string' ? p : p(ctx);
    return out;
  };
}

const mapValues = <K extends string, V, W>(rec: Record<K, V>, f: (v: V) => W): Record<K, W> =>
  Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, f(v as V)])) as Record<K, W>;

/** Compiles a bank; `extraSlots` are the computed slots (numbers, ids, customer-dependent words). */
export function compileBank(bank: PhraseBank, extraSlots: Record<string, SlotFn>): CompiledBank {
  const slots: Record<string, SlotFn> = { ...extraSlots };
  const pending: Array<() => void> = [];
  for (const [name, list] of Object.entries(bank.words)) {
    if (list.length === 0) throw new Error(`word list {${name}} is empty`);
    // Word lists may use other slots (e.g. a delay phrase with {mins}), so they compile after all are known.
    const compiled: Render[] = [];
    slots[name] = (ctx) => compiled[Math.floor(ctx.rng.next() * compiled.length)](ctx);
    pending.push(() => list.forEach((w) => compiled.push(compile(w, slots))));
  }
  slots.agent = (ctx) => agent[ctx.mood][Math.floor(ctx.rng.next() * agent[ctx.mood].length)](ctx);
  slots.body = (ctx) => ctx.body;
  const all = (list: readonly string[]) => list.map((s) => compile(s, slots));
  const agent = mapValues(bank.agent, all);
  pending.forEach((run) => run());
  return {
    say: mapValues(bank.scenarios, (s) => all(s.say)),
    note: mapValues(bank.scenarios, (s) => all(s.note)),
    detail: mapValues(bank.scenarios, (s) => all(s.detail ?? [])),
    frames: mapValues(bank.frames, all),
    openers: mapValues(bank.openers, all),
    contexts: mapValues(bank.contexts, all),
    closers: mapValues(bank.closers, all),
    endings: mapValues(bank.endings, all),
    callers: all(bank.callers),
    noteExtras: mapValues(bank.noteExtras, all),
    noise: all(bank.noise),
    adverts: all(bank.adverts),
    campaigns: all(bank.campaigns),
    pii: all(bank.pii),
    piiNote: all(bank.piiNote)
  };
}
