import { noteText, type TransitionError } from '../../../schemas/alerts.ts';
import { CHANNELS } from '../../../schemas/feedback.ts';
import { regionLabel } from '../../../schemas/regions.ts';
import { parentOf, topicLabel } from '../../../schemas/taxonomy.ts';
import { parseSlice } from '../../../streaming/analyse/alerts/slices.ts';
import { PLATFORMS } from '../../../streaming/sim/world.ts';
import type { Translate, UiLang } from '../i18n/index.ts';

/**
 * Words for slices and their parts: "App › Slow loading · East China" rather than "topic:app.slow|region:east".
 * `short`: the topic's own name without its parent ("Slow loading · East China"), for the wall's alert line,
 * where the full form pushed the place, which says most, past the ellipsis.
 */
export function valueLabel(dimension: string, value: string, lang: UiLang, t: Translate, short = false): string {
  if (dimension === 'topic') return value.includes('.') && !short ? `${topicLabel(parentOf(value), lang)} › ${topicLabel(value, lang)}` : topicLabel(value, lang);
  if (dimension === 'region') return regionLabel(value, lang);
  if (dimension === 'channel' && (CHANNELS as readonly string[]).includes(value)) return t(`channel.${value as (typeof CHANNELS)[number]}`);
  if (dimension === 'platform' && (PLATFORMS as readonly string[]).includes(value)) return t(`alerts.platform.${value as (typeof PLATFORMS)[number]}`);
  // a message without this field (a call has no app version): said in words, a bare "—" read as a glitch
  return value || t('alerts.notGiven');
}

/** Why an action failed, in the page's language: the desk's own reasons and the server's refusals by code. */
export function actionError(error: TransitionError, t: Translate): string {
  if (error.message === OFFLINE) return t('alerts.failedOffline');
  if (error.message === TIMEOUT) return t('alerts.failedTimeout');
  if (error.code === 'unknown_alert') return t('alerts.failedUnknown');
  if (error.code === 'invalid_transition' && error.from !== 'none') return t('alerts.failedState', { status: t(`alerts.status.${error.from}`) });
  return t('alerts.failed', { reason: error.message });
}

/** the desk's reasons for an action that never reached the server, or got no answer */
export const OFFLINE = 'offline';
export const TIMEOUT = 'timeout';

export function sliceWords(slice: string, lang: UiLang, t: Translate, short = false): string {
  const parts = Object.entries(parseSlice(slice));
  if (parts.length === 0) return lang === 'zh' ? '全部反馈' : 'All feedback';
  return parts.map(([d, v]) => valueLabel(d, v, lang, t, short)).join(' · ');
}

/**
 * "Also spiking": the other slices that fired, in words, each said once. Two slices can read the same
 * (the same slice twice, its parts in another order), and a slice that contains the headline ("East
 * China" or "Delivery" beside "Delivery › Delays · East China") spikes because the headline does: it is
 * the headline in other words. Both are left out, so the line lists only what adds to the headline.
 */
export function alsoSpiking(headline: string, members: readonly { slice: string }[], lang: UiLang, t: Translate, max = 4): string[] {
  const parts = (words: string) => words.split(' · ').map((w) => w.trim().toLowerCase());
  // The headline's parts, and what each implies: a topic "Parent › Child" is inside "Parent".
  const implied = new Set(parts(sliceWords(headline, lang, t)).flatMap((p) => [p, p.split(' › ')[0]]));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const m of members) {
    const words = sliceWords(m.slice, lang, t);
    const ps = parts(words);
    const key = [...ps].sort().join('\u0000');
    if (seen.has(key) || ps.every((p) => implied.has(p))) continue;
    seen.add(key);
    out.push(words);
    if (out.length === max) break;
  }
  return out;
}

/** Who did it: the engine's automatic transitions are "system" in the log, "automatically" to people. */
export const actorWords = (actor: string, t: Translate): string => (actor === 'system' ? t('alerts.system') : actor);

// The engine writes these two notes in both languages in one string (engine.ts: reopen(), openGroups()).
const BOTH_LANGUAGES = [
  /^(fired again \d+ min after it was resolved) \/ (解决 \d+ 分钟后再次触发)$/,
  /^(follows \S+, resolved by .+ \d+ min before) \/ (接续 \S+（\d+ 分钟前由 .+ 解决）)$/
];

/** A note in the viewer's language: noteText, and the engine's "en / zh" notes split to their side. */
export function noteWords(note: string, lang: UiLang): string {
  for (const re of BOTH_LANGUAGES) {
    const m = re.exec(note);
    if (m) return m[lang === 'en' ? 1 : 2];
  }
  return noteText(note, lang);
}
