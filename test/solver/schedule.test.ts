import { describe, expect, it } from 'vitest';
import { isFeasibleRoute, scheduleRoute } from '../../src/solver/schedule.js';
import { lineOfThree, makeProblem } from '../helpers/instances.js';

// lineOfThree: depot at x = 0, clients at x = 10, 20, 30, 5 s of service.
// Route 0, 1, 2 from 0: service 10-15, 25-30, 40-45, back at 75, travel 60.
const all = [0, 1, 2];

function starts(schedule: ReturnType<typeof scheduleRoute>): number[] {
  return schedule?.stops.map((s) => s.start) ?? [];
}

describe('scheduleRoute without break', () => {
  it('times a route with open windows', () => {
    const s = scheduleRoute(lineOfThree(), 0, all);
    expect(s).toEqual({
      departure: 0,
      stops: [
        { client: 0, arrival: 10, start: 10, end: 15, wait: 0, travel: 10, distance: 10 },
        { client: 1, arrival: 25, start: 25, end: 30, wait: 0, travel: 10, distance: 10 },
        { client: 2, arrival: 40, start: 40, end: 45, wait: 0, travel: 10, distance: 10 },
      ],
      break: null, returnTravel: 30, returnDistance: 30, returnTime: 75, travel: 60, distance: 60, load: 3,
    });
  });

  it('takes travel and distance from the previous location, return included', () => {
    // Manhattan durations, Chebyshev distances: (0,0) → (3,4) → (3,0) → (0,0).
    const p = makeProblem({ clients: [{ at: [3, 4] }, { at: [3, 0] }] });
    const s = scheduleRoute(p, 0, [0, 1]);
    expect(s?.stops.map((x) => [x.travel, x.distance])).toEqual([[7, 4], [4, 4]]);
    expect([s?.returnTravel, s?.returnDistance, s?.travel, s?.distance]).toEqual([3, 3, 14, 11]);
  });

  it('waits for a window and leaves later instead', () => {
    // Client 0 opens at 50: arrive 10 when leaving at 0, so leave at 40 and wait nowhere.
    const s = scheduleRoute(lineOfThree({}, [[50, 60]]), 0, all);
    expect(s?.departure).toBe(40);
    expect(s?.stops[0]).toMatchObject({ arrival: 50, start: 50, wait: 0 });
    expect(starts(s)).toEqual([50, 65, 80]);
    expect(s?.returnTime).toBe(115);
  });

  it('keeps waiting that a later departure cannot avoid', () => {
    // Client 1 opens at 60: leaving later would move client 0's start, so leave at 0.
    const s = scheduleRoute(lineOfThree({}, [undefined, [60, 70]]), 0, all);
    expect(s?.departure).toBe(0);
    expect(s?.stops[1]).toMatchObject({ arrival: 25, start: 60, wait: 35 });
    expect(s?.returnTime).toBe(110);
  });

  it('uses the first window whose close is not before the arrival', () => {
    // Client 1 is reached at 25: window [0, 20] has closed, [40, 60] opens at 40.
    const s = scheduleRoute(lineOfThree({}, [undefined, [0, 20, 40, 60]]), 0, all);
    expect(starts(s)).toEqual([10, 40, 55]);
    // A service may start at the very close of a window.
    expect(starts(scheduleRoute(lineOfThree({}, [undefined, [0, 25]]), 0, all))).toEqual([10, 25, 40]);
  });

  it('refuses a route that misses every window', () => {
    expect(scheduleRoute(lineOfThree({}, [undefined, [0, 24]]), 0, all)).toBeNull();
    expect(scheduleRoute(lineOfThree({}, [undefined, []]), 0, all)).toBeNull();
  });

  it('starts no earlier than earliestStart', () => {
    expect(starts(scheduleRoute(lineOfThree({ earliestStart: 100 }), 0, all))).toEqual([110, 125, 140]);
  });

  it('enforces latestEnd, maxDuration, maxTravel, maxVisits and capacity', () => {
    expect(scheduleRoute(lineOfThree({ latestEnd: 75 }), 0, all)).not.toBeNull();
    expect(scheduleRoute(lineOfThree({ latestEnd: 74 }), 0, all)).toBeNull();
    // Leaving at 40 (see above), back at 115: duration 75 although the shift started at 0.
    expect(scheduleRoute(lineOfThree({ maxDuration: 75 }, [[50, 60]]), 0, all)).not.toBeNull();
    expect(scheduleRoute(lineOfThree({ maxDuration: 74 }, [[50, 60]]), 0, all)).toBeNull();
    expect(scheduleRoute(lineOfThree({ maxTravel: 60 }), 0, all)).not.toBeNull();
    expect(scheduleRoute(lineOfThree({ maxTravel: 59 }), 0, all)).toBeNull();
    expect(scheduleRoute(lineOfThree({ maxVisits: 2 }), 0, all)).toBeNull();
    expect(scheduleRoute(lineOfThree({ maxVisits: 2 }), 0, [0, 2])).not.toBeNull();
    expect(scheduleRoute(lineOfThree({ capacity: 2 }), 0, all)).toBeNull();
    expect(scheduleRoute(lineOfThree({ capacity: 3 }), 0, all)?.load).toBe(3);
  });

  it('schedules an empty route with zero travel and no break', () => {
    const s = scheduleRoute(lineOfThree({ earliestStart: 7, breakDuration: 10, breakEarliest: 0, breakLatest: 5 }), 0, []);
    expect(s).toMatchObject({ departure: 7, stops: [], break: null, travel: 0, returnTime: 7, load: 0 });
  });

  it('agrees with isFeasibleRoute', () => {
    const p = lineOfThree({ latestEnd: 74 });
    expect(isFeasibleRoute(p, 0, all, 3)).toBe(false);
    expect(isFeasibleRoute(p, 0, all, 2)).toBe(true);
    expect(isFeasibleRoute(p, 0, all, 0)).toBe(true);
  });
});

describe('scheduleRoute with a 10 s break', () => {
  const withBreak = (breakEarliest: number, breakLatest: number, latestEnd = 1000) =>
    lineOfThree({ breakDuration: 10, breakEarliest, breakLatest, latestEnd });

  it('takes it before leaving when only that fits', () => {
    // Break in [0, 5]: only at the start, 0-10; everything 10 s later, back at 85.
    const s = scheduleRoute(withBreak(0, 5), 0, all);
    expect(s?.break).toEqual({ after: 0, start: 0, end: 10 });
    expect(starts(s)).toEqual([20, 35, 50]);
    expect(s?.returnTime).toBe(85);
  });

  it('takes it between stops when that returns earliest', () => {
    // Break in [15, 16]: at the start it runs 15-25 (back at 100); after stop 1 it runs 15-25 (back at 85).
    const s = scheduleRoute(withBreak(15, 16), 0, all);
    expect(s?.break).toEqual({ after: 1, start: 15, end: 25 });
    expect(starts(s)).toEqual([10, 35, 50]);
    expect(s?.returnTime).toBe(85);
  });

  it('takes it at the last stop before driving back', () => {
    // Break at exactly 45: after 0 stops back at 130, after 1 at 115, after 2 at 100,
    // after 3 (stop 2 ends at 45) at 85.
    const s = scheduleRoute(withBreak(45, 45), 0, all);
    expect(s?.break).toEqual({ after: 3, start: 45, end: 55 });
    expect(s?.returnTime).toBe(85);
  });

  it('takes none when the tour is back by the break\'s latest start', () => {
    // Back at 75 without a break: the rep has it at home.
    expect(scheduleRoute(withBreak(70, 200), 0, all)).toMatchObject({ break: null, returnTime: 75 });
    expect(scheduleRoute(withBreak(75, 75), 0, all)).toMatchObject({ break: null, returnTime: 75 });
  });

  it('takes it on the road when the tour would be back after its latest start', () => {
    // Break in [70, 74], back at 75 without it: at the start 70-80 (back at 145), after stop 0
    // (back at 140), after stop 1 (back at 125), after stop 2 (back at 80 + 30 = 110).
    expect(scheduleRoute(withBreak(70, 74), 0, all)).toMatchObject({ break: { after: 3, start: 70, end: 80 }, returnTime: 110 });
  });

  it('prefers the earliest position among equal returns, and absorbs waiting', () => {
    // Client 0 opens at 50, back at 115 > 100 without a break: a break at the start (0-10) costs
    // nothing, and leaving at 30 (break 30-40, arrival 50) still moves no service start.
    const p = lineOfThree({ breakDuration: 10, breakEarliest: 0, breakLatest: 100 }, [[50, 60]]);
    const s = scheduleRoute(p, 0, all);
    expect(s?.break).toEqual({ after: 0, start: 30, end: 40 });
    expect(s?.departure).toBe(30);
    expect(starts(s)).toEqual([50, 65, 80]);
  });

  it('limits the later departure by the break window', () => {
    // As above but the break must start by 5: leave at 5, break 5-15, arrive 25, wait 25.
    const p = lineOfThree({ breakDuration: 10, breakEarliest: 0, breakLatest: 5 }, [[50, 60]]);
    const s = scheduleRoute(p, 0, all);
    expect(s?.departure).toBe(5);
    expect(s?.break).toEqual({ after: 0, start: 5, end: 15 });
    expect(s?.stops[0]).toMatchObject({ arrival: 25, start: 50, wait: 25 });
  });

  it('refuses a route when the break fits nowhere', () => {
    // Break at exactly 12: only before leaving (stop 0 ends at 15), then back at 97.
    expect(scheduleRoute(withBreak(12, 12, 90), 0, all)).toBeNull();
    expect(scheduleRoute(withBreak(12, 12, 97), 0, all)?.break).toEqual({ after: 0, start: 12, end: 22 });
  });

  it('counts the break in maxDuration', () => {
    // Break in [0, 5] at the start: back at 85 after leaving at 0.
    expect(scheduleRoute(lineOfThree({ breakDuration: 10, breakLatest: 5, maxDuration: 85 }), 0, all)).not.toBeNull();
    expect(scheduleRoute(lineOfThree({ breakDuration: 10, breakLatest: 5, maxDuration: 84 }), 0, all)).toBeNull();
  });
});
