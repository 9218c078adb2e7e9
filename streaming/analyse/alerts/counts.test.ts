import { describe, expect, it } from 'vitest';
import { sliceCounts } from './counts.ts';

describe('slice counts', () => {
  it('counts message rows into plain cuts and topic rows into topic cuts, with parents', () => {
    const counts = sliceCounts([
      { channel: 'chat', region: 'east', count: 10 },
      { channel: 'in_app', region: 'east', count: 5 },
      { topic: 'app.slow', channel: 'in_app', region: 'east', count: 4 },
      { topic: 'app.crash', channel: 'chat', region: 'north', count: 2 }
    ]);
    expect(counts.get('all:')).toBe(15);
    expect(counts.get('region:east')).toBe(15);
    expect(counts.get('channel:chat')).toBe(10);
    expect(counts.get('topic:app.slow')).toBe(4);
    expect(counts.get('topic:app')).toBe(6);
    expect(counts.get('topic:app.slow|region:east')).toBe(4);
    expect(counts.get('topic:app|channel:chat')).toBe(2);
    // Topic rows never inflate the plain cuts.
    expect(counts.get('channel:in_app')).toBe(5);
  });

  it('skips a cut when the row lacks one of its dimensions', () => {
    const counts = sliceCounts([{ topic: 'app.slow', channel: 'chat', count: 3 }]);
    expect(counts.has('topic:app.slow|region:')).toBe(false);
    expect([...counts.keys()].some((k) => k.includes('region'))).toBe(false);
  });

  it('watches a topic in one channel of one region on its own, without parent cells there', () => {
    // The North hotline's support queue: 12 complaints in the cell, diluted in every coarser cut by the
    // hotline's other complaints (call × north), other regions' queues and other hotlines.
    const counts = sliceCounts([
      { channel: 'call', region: 'north', count: 60 },
      { topic: 'service.support', channel: 'call', region: 'north', count: 12 },
      { topic: 'service.support', channel: 'call', region: 'east', count: 9 },
      { topic: 'service.support', channel: 'chat', region: 'north', count: 14 },
      { topic: 'delivery.late', channel: 'call', region: 'north', count: 30 }
    ]);
    expect(counts.get('topic:service.support|channel:call|region:north')).toBe(12);
    expect(counts.get('topic:service.support|channel:call')).toBe(21);
    expect(counts.get('topic:service.support|region:north')).toBe(26);
    expect(counts.get('topic:delivery.late|channel:call|region:north')).toBe(30);
    expect(counts.has('topic:service|channel:call|region:north')).toBe(false);
    // One cell per topic row; the plain row makes none.
    expect([...counts.keys()].filter((k) => k.split('|').length === 3)).toHaveLength(4);
  });
});
