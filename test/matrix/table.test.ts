import { describe, expect, it } from 'vitest';
import { UnreachablePointsError } from '../../src/matrix/errors.js';
import { backoffMs } from '../../src/matrix/retry.js';
import { UNREACHABLE, emptyRawMatrix, pointsWithoutRoute, toMatrix } from '../../src/matrix/table.js';

const X = UNREACHABLE;

describe('unreachable points', () => {
  it('blames the point whose row and column are mostly unreachable', () => {
    // Point 2 is on an island: nothing reaches it and it reaches nothing.
    const durations = Int32Array.from([0, 5, X, 6, 5, 0, X, 7, X, X, 0, X, 6, 7, X, 0]);
    expect(pointsWithoutRoute(4, durations, new Set())).toEqual([2]);
  });

  it('names both ends when no point stands out', () => {
    expect(pointsWithoutRoute(2, Int32Array.from([0, X, 5, 0]), new Set())).toEqual([0, 1]);
  });

  it('ignores unsnapped points, already reported', () => {
    const durations = Int32Array.from([0, X, 5, X, 0, X, 5, X, 0]);
    expect(pointsWithoutRoute(3, durations, new Set([1]))).toEqual([]);
  });

  it('turns unsnapped, far and isolated points into one error, sorted by index', () => {
    const raw = emptyRawMatrix(3);
    raw.unsnapped.add(2);
    raw.snapMetres.set(0, 1500);
    raw.snapMetres.set(1, 10);
    raw.durations.set([0, 5, X, 5, 0, X, X, X, 0]);
    const error = (() => {
      try {
        return toMatrix(raw, 'osrm', 1000);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UnreachablePointsError);
    expect(error).toMatchObject({
      points: [
        { index: 0, reason: 'snapped-too-far', snapMetres: 1500 },
        { index: 2, reason: 'no-road-nearby' },
      ],
    });
  });
});

describe('retry backoff', () => {
  it('doubles up to the cap and jitters within [½, 1] of it', () => {
    const policy = { baseDelayMs: 250, maxDelayMs: 4000 };
    expect([0, 1, 2, 3, 4, 5].map((k) => backoffMs(k, { ...policy, random: () => 0 }))).toEqual([125, 250, 500, 1000, 2000, 2000]);
    expect([0, 5].map((k) => backoffMs(k, { ...policy, random: () => 0.999999 }))).toEqual([250, 4000]);
  });
});
