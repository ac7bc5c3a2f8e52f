import { describe, expect, it } from 'vitest';
import { buildTableRequest, forEachLimited, formatCoordinate, planTable } from '../../src/matrix/chunk.js';
import { pointsNearRennes } from './fixtures.js';

const limits = { baseUrl: 'http://osrm', profile: 'driving', maxTableSize: 100, maxUrlLength: 8000 };
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

describe('table request planning', () => {
  it('formats lon,lat with at most 6 decimals', () => {
    expect(formatCoordinate({ lat: 48.1173, lon: -1.6778 })).toBe('-1.6778,48.1173');
    expect(formatCoordinate({ lat: 48.12345678, lon: 0.0000001 })).toBe('0,48.123457');
  });

  it('omits sources and destinations when the block is all coordinates both ways', () => {
    const request = buildTableRequest(pointsNearRennes(3), [0, 1, 2], [0, 1, 2], limits);
    expect(request.url).not.toMatch(/sources|destinations/);
    expect(request).toMatchObject({ rows: 3, cols: 3, rowOf: [0, 1, 2], colOf: [0, 1, 2] });
  });

  it('sends an off-diagonal block as its sources then its destinations', () => {
    const request = buildTableRequest(pointsNearRennes(5), [3, 4], [0, 1, 2], limits);
    expect(request.url).toContain('?sources=0;1&destinations=2;3;4&');
    expect(request.pointsAt).toEqual([[3], [4], [0], [1], [2]]);
  });

  it('sends coinciding points once', () => {
    const [a, b] = pointsNearRennes(2);
    const request = buildTableRequest([a, b, { ...a }], [0, 1, 2], [0, 1, 2], limits);
    expect(request).toMatchObject({ rows: 2, cols: 2, rowOf: [0, 1, 0], colOf: [0, 1, 0], pointsAt: [[0, 2], [1]] });
  });

  it('cuts sources and destinations into blocks of at most maxTableSize, of nearly equal sizes', () => {
    const points = pointsNearRennes(250);
    const requests = planTable(points, range(0, 250), range(0, 250), limits);
    // ⌈250 / 100⌉² = 9 blocks, of 83, 83 and 84 points each way.
    expect(requests.map((r) => [r.rows, r.cols])).toEqual([83, 83, 84].flatMap((s) => [83, 83, 84].map((d) => [s, d])));
  });

  it('cuts 101 points into 50 and 51, not 100 and a lone point', () => {
    const requests = planTable(pointsNearRennes(101), range(0, 101), range(0, 101), limits);
    expect(requests.map((r) => [r.rows, r.cols])).toEqual([[50, 50], [50, 51], [51, 50], [51, 51]]);
  });

  it('sends a lone coordinate twice, as OSRM needs two', () => {
    const [a, b] = pointsNearRennes(2);
    const single = buildTableRequest([a, b], [1], [1], limits);
    expect(single.url).toBe(`http://osrm/table/v1/driving/${formatCoordinate(b)};${formatCoordinate(b)}?sources=0&destinations=0&annotations=duration,distance&generate_hints=false`);
    expect(single).toMatchObject({ rows: 1, cols: 1, rowOf: [0], colOf: [0], pointsAt: [[1], [1]] });
    const coinciding = buildTableRequest([a, { ...a }], [0, 1], [0, 1], limits);
    expect(coinciding).toMatchObject({ rows: 1, cols: 1, rowOf: [0, 0], colOf: [0, 0], pointsAt: [[0, 1], [0, 1]] });
    expect(coinciding.url).toContain('?sources=0&destinations=0&');
  });

  it('halves a block whose URL is too long', () => {
    const points = pointsNearRennes(20);
    const requests = planTable(points, range(0, 20), range(0, 20), { ...limits, maxUrlLength: 200 });
    expect(requests.every((r) => r.url.length <= 200)).toBe(true);
    expect(requests.reduce((cells, r) => cells + r.sources.length * r.destinations.length, 0)).toBe(400);
  });

  it('refuses a URL limit too short for two points', () => {
    expect(() => planTable(pointsNearRennes(2), [0], [1], { ...limits, maxUrlLength: 20 })).toThrow(RangeError);
  });
});

describe('bounded concurrency', () => {
  it('never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await forEachLimited(range(0, 20), 3, async (item) => {
      running++;
      peak = Math.max(peak, running);
      await Promise.resolve();
      running--;
      done.push(item);
    });
    expect(peak).toBe(3);
    expect(done.sort((a, b) => a - b)).toEqual(range(0, 20));
  });

  it('stops starting items after the first failure and throws it', async () => {
    const started: number[] = [];
    const failure = forEachLimited(range(0, 20), 2, (item) => {
      started.push(item);
      return item === 1 ? Promise.reject(new Error('block 1 failed')) : Promise.resolve();
    });
    await expect(failure).rejects.toThrow('block 1 failed');
    expect(started.length).toBeLessThan(20);
  });
});
