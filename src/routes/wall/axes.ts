import { scaleTime } from 'd3-scale';

/** Axis ticks of the wall's trend, sized to the pixels they have (labels are 0.85 rem high). */

export interface YTick {
  y: number;
  label: string;
}

/** Room per y label: its own line (≈1 rem) and a clear gap, so two bands' labels never read as one. */
export const Y_PITCH_REM = 1.4;
/** Room per x label: "19:45" or "现在" at 0.85 rem is under 2.6 rem wide; the rest is the gap. */
export const X_PITCH_REM = 3.8;

/**
 * Margin (px) for a column of y labels at 0.85 rem: their longest label's digits (≈0.55 rem each, % wider) and a
 * small gap to the plot. At least 1.5 rem, so "0" alone still clears the bars.
 */
export function labelWidth(ticks: readonly YTick[], rem: number): number {
  const chars = Math.max(0, ...ticks.map((t) => t.label.length));
  return Math.max(1.5, chars * 0.6 + 0.5) * rem;
}

/** How many ticks d3 should aim for on a band `px` high: one per ~2 label pitches, at least two
 * (a scale needs two numbers to be read). */
export const yTickCount = (px: number, rem: number): number => Math.max(2, Math.floor(px / (2 * Y_PITCH_REM * rem)));

/**
 * Labels at least `min` px apart, top first, none closer than `min` to `above` (the lowest label of the
 * band above). d3's tick count is a hint, and the share band's 0 % sits right over the volume band's top.
 */
export function spaced(ticks: readonly YTick[], above: number, min: number): YTick[] {
  const kept: YTick[] = [];
  let last = above;
  for (const tick of [...ticks].sort((a, b) => a.y - b.y)) {
    if (tick.y - last >= min) {
      kept.push(tick);
      last = tick.y;
    }
  }
  return kept;
}

/**
 * Which minutes of the window get a time label: d3's round times (…:00, :15, :30) at about one per
 * `X_PITCH_REM`, and always the last minute (labelled "now" by the caller), with any round time that
 * would touch it dropped. `firstMinute` is the window's first minute (ms), `n` its length in minutes.
 * Returns bucket indexes, ascending.
 */
export function timeTickIndexes(firstMinute: number, n: number, plotWidth: number, rem: number): number[] {
  if (n <= 0) return [];
  const pitch = X_PITCH_REM * rem;
  const perMinute = plotWidth / Math.max(1, n);
  const count = Math.max(1, Math.floor(plotWidth / pitch) - 1);
  const scale = scaleTime().domain([firstMinute, firstMinute + (n - 1) * 60_000]);
  const round = scale
    .ticks(count)
    .map((d) => Math.round((d.getTime() - firstMinute) / 60_000))
    .filter((i) => i >= 0 && i < n - 1);
  const kept: number[] = [];
  let last = -Infinity;
  for (const i of round) if ((i - last) * perMinute >= pitch) (kept.push(i), (last = i));
  // "now" hugs the right edge (anchor end): the label before it needs a whole pitch.
  while (kept.length && (n - 1 - kept[kept.length - 1]) * perMinute < pitch) kept.pop();
  return [...kept, n - 1];
}
