import { noteText, type Alert } from '../../../schemas/alerts.ts';
import type { Bilingual } from '../../../schemas/taxonomy.ts';
import { DURATION_WORDS, durationSpan as span, SEVERITY_DEFAULTS } from '../../analyse/alerts/severity.ts';

/**
 * How long an alert actually fired. An alert the system resolved and then re-opened (reopen.ts) keeps
 * its start, so its `durationMin` (first start → last minute above the band) spans the quiet stretch
 * between the two: "75 min" for 35 min of firing and 40 quiet. The engine records each re-opening with
 * its quiet stretch (stats.reopenings); alerts stored before it did are read off their notes, with their
 * times: the automatic resolution's note ("back within the expected band for 15 min", at the resolution)
 * and the re-opening's ("fired again N min after it was resolved", at the re-opening). Shared by the
 * webhooks and the on-call card, so both say the same.
 */

const MINUTE = 60_000;
// Written by the engine (engine.ts reopen(), schemas backInBandNote), read here for alerts stored before
// stats.reopenings; firing.test.ts runs the real engine, so a change of wording there fails here instead
// of silently counting their quiet time again.
const REOPEN_NOTE = /^fired again (\d+) min after it was resolved/;
const BACK_IN_BAND = /^back within the expected band for (\d+) min$/;

export interface Reopening {
  /** when it re-opened (epoch ms) */
  at: number;
  /** when the system had resolved it, if its note is there */
  resolvedAt: number | null;
  /** whole minutes between its last minute above the band and the minute it fired again */
  quietMin: number;
}

/**
 * Every re-opening of the alert, oldest first, with the quiet stretch before it: the engine's record, and
 * for re-openings from before it kept one (an alert stored earlier, re-opened again since), its notes.
 */
export function reopenings(a: Pick<Alert, 'state' | 'stats'>): Reopening[] {
  const kept = a.stats.reopenings;
  if (!kept) return fromNotes(a);
  const older = fromNotes(a).slice(0, Math.max(0, reopenNotes(a) - kept.length));
  return [...older, ...kept.map((r) => ({ at: r.at, resolvedAt: r.resolvedAt, quietMin: r.quietMin }))];
}

const reopenNotes = (a: Pick<Alert, 'state'>) => a.state.notes.filter((n) => n.actor === 'system' && REOPEN_NOTE.test(n.note)).length;

/** The re-openings told by the engine's notes (alerts stored before stats.reopenings). */
function fromNotes(a: Pick<Alert, 'state'>): Reopening[] {
  const out: Reopening[] = [];
  const notes = a.state.notes;
  notes.forEach((n, i) => {
    if (n.actor !== 'system') return;
    const again = REOPEN_NOTE.exec(n.note);
    if (!again) return;
    // The resolution it undid: the latest system note before it that says the alert went back in band.
    let resolution: { at: number; quiet: number } | null = null;
    for (let j = i - 1; j >= 0 && !resolution; j--) {
      const m = notes[j].actor === 'system' ? BACK_IN_BAND.exec(noteText(notes[j].note, 'en')) : null;
      if (m) resolution = { at: notes[j].at, quiet: Number(m[1]) };
    }
    // The minute that fired: a closed minute re-opens when it ends, a sliding window inside its minute.
    const firedMinute = Math.ceil(n.at / MINUTE) * MINUTE - MINUTE;
    // Resolved `quiet` minutes after its last minute above, at the end of the minute that made it quiet.
    const quietMin = resolution ? Math.round((firedMinute - resolution.at) / MINUTE) + resolution.quiet : Number(again[1]);
    out.push({ at: n.at, resolvedAt: resolution?.at ?? null, quietMin: Math.max(0, quietMin) });
  });
  return out;
}

/** Minutes the alert fired: its span less the quiet stretches before each re-opening (at least 1). */
export function firingMinutes(a: Pick<Alert, 'state' | 'stats'>): number {
  const quiet = reopenings(a).reduce((sum, r) => sum + r.quietMin, 0);
  return Math.max(1, Math.round(a.stats.durationMin - quiet));
}

// The engine's duration line (severity.ts assessSeverity: DURATION_WORDS + the span), found by its words.
const isDurationReason = (r: Bilingual) => DURATION_WORDS.some((w) => r.en.startsWith(`${w.en} (`));
const LIVE = DURATION_WORDS;
// "Just started" of an alert that first fired an hour ago and is back would be untrue.
const BACK_BRIEFLY: Bilingual = { en: 'Fired only briefly', zh: '触发时间短' };
const PAST: Bilingual[] = [{ en: 'Short-lived', zh: '持续时间短' }, { en: 'Went on for a while', zh: '持续了一段时间' }, { en: 'Long-running', zh: '持续很久' }];

/**
 * The severity's duration line as it should read now: the engine writes it while the alert is live
 * ("Just started (5 min)") and a resolved alert kept that wording; and it sizes a re-opened alert by a
 * span that includes the quiet stretch. This says it in the past once resolved, and counts firing
 * minutes only, naming the quiet stretch, once re-opened. The tier follows the minutes it names.
 */
export function durationReason(a: Pick<Alert, 'state' | 'stats'>): Bilingual {
  const min = firingMinutes(a);
  const tier = SEVERITY_DEFAULTS.duration.filter((t) => min >= t).length;
  const d = span(min);
  const back = reopenings(a);
  const quiet = back.length ? span(back.reduce((sum, r) => sum + r.quietMin, 0)) : null;
  if (a.state.status === 'resolved') {
    const w = PAST[tier];
    return quiet
      ? { en: `${w.en} (fired ${d.en} in all, with a quiet ${quiet.en} in between)`, zh: `${w.zh}（累计触发 ${d.zh}，中间平静 ${quiet.zh}）` }
      : { en: `${w.en} (lasted ${d.en})`, zh: `${w.zh}（共持续 ${d.zh}）` };
  }
  const w = quiet && tier === 0 ? BACK_BRIEFLY : LIVE[tier];
  return quiet
    ? { en: `${w.en} (${d.en} of firing, re-opened after a quiet ${quiet.en})`, zh: `${w.zh}（累计触发 ${d.zh}，平静 ${quiet.zh}后重新打开）` }
    : { en: `${w.en} (${d.en})`, zh: `${w.zh}（${d.zh}）` };
}

/** The severity reasons to show: the engine's, with its duration line as durationReason says it. */
export function shownReasons(a: Pick<Alert, 'severityReasons' | 'state' | 'stats'>): Bilingual[] {
  return a.severityReasons.map((r) => (isDurationReason(r) ? durationReason(a) : r));
}
