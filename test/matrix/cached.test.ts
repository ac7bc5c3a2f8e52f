import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createCachedTravelTimes, pointKey } from '../../src/matrix/cached.js';
import { createHaversine } from '../../src/matrix/haversine.js';
import { UnreachablePointsError, createOsrm } from '../../src/matrix/osrm.js';
import { startOsrmServer, type OsrmServer } from '../helpers/osrm-server.js';
import { expectedMatrix, firstDifference, pointsNearRennes } from './fixtures.js';

let redis: Redis;
let server: OsrmServer;
let prefix: string;

beforeAll(() => {
  redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  await redis.quit();
});
beforeEach(async () => {
  server = await startOsrmServer({ noRoad: [{ south: 49.5, west: -2, north: 49.6, east: -1 }], defaultRadius: 1000 });
  prefix = `test-${randomUUID()}`;
});
afterEach(async () => {
  await server.close();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
});

const cellsRequested = (s: OsrmServer): number => s.requests.reduce((sum, r) => sum + r.sources * r.destinations, 0);

describe('Redis travel-time cache', () => {
  it('answers a repeated portfolio from Redis with no table request', async () => {
    const points = pointsNearRennes(30);
    const cached = createCachedTravelTimes(createOsrm({ baseUrl: server.url }), redis, { prefix });
    const first = await cached.matrix(points);
    expect(first.durations).toEqual(expectedMatrix(points).durations);
    expect(server.requests).toHaveLength(1);
    expect(cached.stats()).toEqual({ hits: 0, misses: 900, fetches: 1 });

    const second = await cached.matrix(points);
    expect(server.requests).toHaveLength(1);
    expect(second).toEqual(first);
    expect(cached.stats()).toEqual({ hits: 900, misses: 900, fetches: 1 });
  });

  it('finds cells by point, whatever their order in the request', async () => {
    const points = pointsNearRennes(12);
    const cached = createCachedTravelTimes(createOsrm({ baseUrl: server.url }), redis, { prefix });
    await cached.matrix(points);
    const reversed = [...points].reverse();
    const matrix = await cached.matrix(reversed);
    expect(server.requests).toHaveLength(1);
    expect(matrix.durations).toEqual(expectedMatrix(reversed).durations);
  });

  it('fetches only the rows and columns of points it has not seen', async () => {
    const n = 40;
    const points = pointsNearRennes(n + 2, 3);
    const cached = createCachedTravelTimes(createOsrm({ baseUrl: server.url }), redis, { prefix });
    await cached.matrix(points.slice(0, n));
    server.requests.length = 0;

    const matrix = await cached.matrix(points);
    expect(firstDifference(matrix.durations, expectedMatrix(points).durations)).toBe(-1);
    expect(firstDifference(matrix.distances, expectedMatrix(points).distances)).toBe(-1);
    // New rows 2 × 42, then old rows × new columns 40 × 2: exactly the (n + 2)² − n² missing cells.
    expect(server.requests.map((r) => [r.sources, r.destinations])).toEqual([[2, 42], [40, 2]]);
    expect(cellsRequested(server)).toBe((n + 2) ** 2 - n ** 2);
    expect(cached.stats()).toMatchObject({ hits: n * n, fetches: 3 });
  });

  it('fills only the cells missing between points first seen in different portfolios, storing each once', async () => {
    const points = pointsNearRennes(10);
    const cached = createCachedTravelTimes(createOsrm({ baseUrl: server.url }), redis, { prefix });
    await cached.matrix(points.slice(0, 6));
    await cached.matrix(points.slice(3));
    server.requests.length = 0;
    const matrix = await cached.matrix(points);
    // Every row is known; 0-2 lack 6-9 and 6-9 lack 0-2: one 7×7 block covers them.
    expect(server.requests.map((r) => [r.sources, r.destinations])).toEqual([[7, 7]]);
    expect(matrix.durations).toEqual(expectedMatrix(points).durations);
    expect(matrix.distances).toEqual(expectedMatrix(points).distances);
    // Point 0's row: its snapping distance and 10 destinations, each once (16 bytes an entry).
    expect(await redis.strlen(`${prefix}:v2:osrm:driving:${pointKey(points[0])}`)).toBe(11 * 16);
    server.requests.length = 0;
    expect(await cached.matrix(points)).toEqual(matrix);
    expect(server.requests).toHaveLength(0);
  });

  it('keys by the source and profile and sets the TTL', async () => {
    const points = pointsNearRennes(3);
    await createCachedTravelTimes(createOsrm({ baseUrl: server.url }), redis, { prefix, ttlSeconds: 600 }).matrix(points);
    await createCachedTravelTimes(createOsrm({ baseUrl: server.url, profile: 'foot' }), redis, { prefix }).matrix(points);
    await createCachedTravelTimes(createHaversine(), redis, { prefix }).matrix(points);
    expect(server.requests.map((r) => r.url.split('/')[3])).toEqual(['driving', 'foot']);
    const key = `${prefix}:v2:osrm:driving:${pointKey(points[0])}`;
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(600);
    expect(await redis.keys(`${prefix}:v2:haversine:50kmh-x1.3:*`)).toHaveLength(3);
  });

  it('adds cells to a row without extending its lifetime, so every cell is fetched again within the TTL', async () => {
    const points = pointsNearRennes(4);
    const cached = createCachedTravelTimes(createOsrm({ baseUrl: server.url }), redis, { prefix, ttlSeconds: 600 });
    await cached.matrix(points.slice(0, 3));
    const old = `${prefix}:v2:osrm:driving:${pointKey(points[0])}`;
    await redis.expire(old, 100);
    await cached.matrix(points);
    expect(await redis.strlen(old)).toBe(5 * 16);
    expect(await redis.ttl(old)).toBeLessThanOrEqual(100);
    expect(await redis.ttl(`${prefix}:v2:osrm:driving:${pointKey(points[3])}`)).toBeGreaterThan(100);
  });

  it('does not store an unsnappable point, so the error comes back', async () => {
    const points = [...pointsNearRennes(4), { lat: 49.55, lon: -1.5 }];
    const cached = createCachedTravelTimes(createOsrm({ baseUrl: server.url }), redis, { prefix });
    await expect(cached.matrix(points)).rejects.toBeInstanceOf(UnreachablePointsError);
    server.requests.length = 0;
    const error = await cached.matrix(points).catch((e: unknown) => e);
    expect(error).toMatchObject({ indices: [4] });
    // The good points' cells were kept: only the bad point's row and column are asked again.
    expect(server.requests.map((r) => r.sources * r.destinations)).toEqual([5, 4]);
    expect(await cached.matrix(points.slice(0, 4))).toMatchObject({ size: 4 });
  });

  it('keeps snapping distances: a point snapped too far is named again from the cache, with its distance', async () => {
    await server.close();
    const far = { lat: 48.5, lon: -1.5 };
    server = await startOsrmServer({ snapMetres: ([lon, lat]) => (lon === far.lon && lat === far.lat ? 2345 : 12) });
    const points = [...pointsNearRennes(4), far];
    const cached = createCachedTravelTimes(createOsrm({ baseUrl: server.url, maxSnapMetres: 1000 }), redis, { prefix });
    const expected = { points: [{ index: 4, reason: 'snapped-too-far', snapMetres: 2345 }] };
    expect(await cached.matrix(points).catch((e: unknown) => e)).toMatchObject(expected);
    server.requests.length = 0;
    expect(await cached.matrix(points).catch((e: unknown) => e)).toMatchObject(expected);
    expect(server.requests).toHaveLength(0);
    expect(await cached.matrix(points.slice(0, 4))).toMatchObject({ size: 4 });
  });

  it('does not store unreachable cells: a point on a road island is asked again, and its row does not grow', async () => {
    await server.close();
    server = await startOsrmServer({ islands: [{ south: 47.0, west: -3.0, north: 47.1, east: -2.9 }] });
    const points = [...pointsNearRennes(4), { lat: 47.05, lon: -2.95 }];
    const cached = createCachedTravelTimes(createOsrm({ baseUrl: server.url }), redis, { prefix });
    const lengths = async (): Promise<number[]> => Promise.all(points.map((p) => redis.strlen(`${prefix}:v2:osrm:driving:${pointKey(p)}`)));
    const expected = { points: [{ index: 4, reason: 'no-route' }] };
    expect(await cached.matrix(points).catch((e: unknown) => e)).toMatchObject(expected);
    const stored = await lengths();
    // The island's row holds only its snapping distance and itself; the others lack its column.
    expect(stored).toEqual([5, 5, 5, 5, 2].map((entries) => entries * 16));
    server.requests.length = 0;
    expect(await cached.matrix(points).catch((e: unknown) => e)).toMatchObject(expected);
    expect(server.requests.length).toBeGreaterThan(0);
    expect(await lengths()).toEqual(stored);
  });

  it('serves coinciding points from one row', async () => {
    const [a, b, c] = pointsNearRennes(3);
    const points = [a, b, { ...a }, c];
    const cached = createCachedTravelTimes(createOsrm({ baseUrl: server.url }), redis, { prefix });
    const first = await cached.matrix(points);
    expect(first.durations).toEqual(expectedMatrix(points).durations);
    server.requests.length = 0;
    expect(await cached.matrix(points)).toEqual(first);
    expect(await cached.matrix([c, a, b])).toMatchObject({ size: 3 });
    expect(server.requests).toHaveLength(0);
  });

  it('falls back to the provider when Redis is unreachable', async () => {
    const down = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    down.on('error', () => undefined);
    const warnings: string[] = [];
    const logger = { warn: (_: object, msg: string) => warnings.push(msg) };
    const points = pointsNearRennes(5);
    const cached = createCachedTravelTimes(createOsrm({ baseUrl: server.url }), down, { prefix, logger });
    const matrix = await cached.matrix(points);
    expect(matrix.durations).toEqual(expectedMatrix(points).durations);
    expect(warnings).toEqual(['travel-time cache read failed; fetching every cell', 'travel-time cache write failed']);
    down.disconnect();
  });
});
