import { describe, expect, it } from 'vitest';
import { searchProgress } from '../../src/domain/progress.js';

describe('searchProgress', () => {
  it('turns cost seconds into objective minutes and time spent into percent and ETA', () => {
    // 4.2 s of a 10 s limit: 42 %, 5.8 s left; 35,640 cost seconds are 594 minutes.
    expect(searchProgress({ iteration: 1200, bestCost: 35_640, elapsedMs: 4200 }, { timeLimitMs: 10_000 })).toEqual({
      iteration: 1200,
      elapsedMs: 4200,
      percent: 42,
      bestObjective: 594,
      etaSeconds: 5.8,
    });
  });

  it('counts the iteration budget when it ends the search first', () => {
    // 250 of 1,000 iterations in 2 s: 25 %, against 2 % of the time limit; 750 more at 8 ms each is 6 s.
    const p = searchProgress({ iteration: 250, bestCost: 600, elapsedMs: 2000 }, { timeLimitMs: 100_000, iterations: 1000 });
    expect(p.percent).toBe(25);
    expect(p.etaSeconds).toBe(6);
    expect(p.bestObjective).toBe(10);
  });

  it('keeps to the deadline when the iteration budget would take longer', () => {
    // 10 of 1,000 iterations in 9 s: the budget would need 891 s more, the 10 s limit ends it in 1 s.
    const p = searchProgress({ iteration: 10, bestCost: 60, elapsedMs: 9000 }, { timeLimitMs: 10_000, iterations: 1000 });
    expect(p.percent).toBe(90);
    expect(p.etaSeconds).toBe(1);
  });

  it('never goes past 100 % or below zero seconds', () => {
    const p = searchProgress({ iteration: 5, bestCost: 0, elapsedMs: 12_000 }, { timeLimitMs: 10_000 });
    expect(p.percent).toBe(100);
    expect(p.etaSeconds).toBe(0);
  });
});
