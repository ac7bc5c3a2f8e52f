import { describe, expect, it } from 'vitest';
import { createHaversine, greatCircleMetres } from '../../src/matrix/haversine.js';

describe('haversine travel times', () => {
  // One degree of latitude on a sphere of radius 6 371 000 m is 111 194.93 m.
  const a = { lat: 48, lon: -1.7 };
  const b = { lat: 49, lon: -1.7 };

  it('is the great-circle distance', () => {
    expect(greatCircleMetres(a, b)).toBeCloseTo(111_194.93, 1);
    expect(greatCircleMetres(a, a)).toBe(0);
  });

  it('stretches distance by the detour factor and drives it at the given speed', async () => {
    const matrix = await createHaversine().matrix([a, b]);
    // 111 194.93 × 1.3 = 144 553.4 m → 144 553; 144 553.4 m / (50 / 3.6 m/s) = 10 407.8 s → 10 408.
    expect(matrix.source).toBe('haversine');
    expect(matrix.size).toBe(2);
    expect([...matrix.distances]).toEqual([0, 144_553, 144_553, 0]);
    expect([...matrix.durations]).toEqual([0, 10_408, 10_408, 0]);
  });

  it('takes its speed and detour factor from the options', async () => {
    const matrix = await createHaversine({ speedKmh: 36, detourFactor: 1 }).matrix([a, b]);
    // 111 194.93 m at 10 m/s = 11 119.5 s → 11 119 (Math.round of 11 119.49).
    expect(matrix.distances[1]).toBe(111_195);
    expect(matrix.durations[1]).toBe(11_119);
  });

  it('computes any rectangle of the matrix', async () => {
    const points = [a, b, { lat: 48, lon: -0.7 }];
    const provider = createHaversine();
    const full = await provider.matrix(points);
    const table = await provider.table(points, [2], [0, 1]);
    expect([...table.durations]).toEqual([full.durations[6], full.durations[7]]);
    expect(table.unsnapped.size).toBe(0);
  });

  it('gives an empty matrix for no points', async () => {
    const matrix = await createHaversine().matrix([]);
    expect(matrix.size).toBe(0);
    expect(matrix.durations).toHaveLength(0);
  });

  it('refuses a non-positive speed or a detour below 1', () => {
    expect(() => createHaversine({ speedKmh: 0 })).toThrow(RangeError);
    expect(() => createHaversine({ detourFactor: 0.9 })).toThrow(RangeError);
  });
});
