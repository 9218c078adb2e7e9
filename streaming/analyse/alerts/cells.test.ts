import { describe, expect, it } from 'vitest';
import type { SliceReading } from '../../../schemas/alerts.ts';
import { advanceAlerts, emptyEngineState } from './engine.ts';
import { foldCellFirings } from './cells.ts';

const MINUTE = 60_000;
const r = (slice: string, observed: number, expected: number): SliceReading => ({ slice, observed, expected, lower: 0, upper: expected * 2, score: 1, surprise: 8 });

describe('cells of one incident fire as their coarser slice', () => {
  // Late deliveries all over East China, first seen in a closed minute: the topic in the East and three of
  // its channels' cells cross the gates together.
  const east = [
    r('topic:delivery.late|region:east', 60, 12), r('topic:delivery.late', 80, 30), r('region:east', 120, 70),
    r('topic:delivery.late|channel:in_app|region:east', 20, 4), r('topic:delivery.late|channel:chat|region:east', 18, 4),
    r('topic:delivery.late|channel:survey|region:east', 12, 2)
  ];

  it('pages an incident spread over a region once, not once per channel', () => {
    const firings = foldCellFirings(east);
    expect(firings.map((f) => f.slice)).toEqual(['topic:delivery.late|region:east', 'topic:delivery.late', 'region:east']);
    const t = Date.UTC(2026, 0, 5, 6);
    const out = advanceAlerts(emptyEngineState(), { minute: t, firings, readings: new Map(east.map((x) => [x.slice, x])) });
    expect(out.state.active).toHaveLength(1);
    expect(out.notifications.filter((n) => n.kind === 'opened')).toHaveLength(1);
    // Unfolded, the cells are siblings on one dimension that the bare topic holds: the engine joins them too
    // (group.ts mergeSiblings; before it, one alert per cell — the failure the folding first guarded against).
    const raw = advanceAlerts(emptyEngineState(), { minute: t + MINUTE, firings: east, readings: new Map(east.map((x) => [x.slice, x])) });
    expect(raw.state.active).toHaveLength(1);
  });

  it('keeps a cell that fires alone: the North hotline queue', () => {
    const queue = [r('topic:service.support|channel:call|region:north', 14, 2), r('topic:service.support|region:north', 30, 12)];
    expect(foldCellFirings(queue)).toHaveLength(2);
    // Two cells in different places, no coarser slice holding both: two incidents, both kept.
    const two = [r('topic:service.support|channel:call|region:north', 14, 2), r('topic:delivery.late|channel:chat|region:east', 18, 4), r('region:east', 90, 70)];
    expect(foldCellFirings(two)).toHaveLength(3);
  });
});
