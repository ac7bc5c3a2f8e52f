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

  it('refetches only the cells that went missing from a known row', async () => {
    const points = pointsNearRennes(10);
    const cached = createCachedTravelTimes(createOsrm({ baseUrl: server.url }), redis, { prefix });
    await cached.matrix(points);
    await redis.hdel(`${prefix}:v1:osrm:driving:${pointKey(points[3] ?? { lat: 0, lon: 0 })}`, pointKey(points[8] ?? { lat: 0, lon: 0 }));
    server.requests.length = 0;
    const matrix = await cached.matrix(points);
    expect(server.requests.map((r) => [r.sources, r.destinations])).toEqual([[1, 1]]);
    expect(matrix.durations).toEqual(expectedMatrix(points).durations);
  });

  it('keys by the source and profile and sets the TTL', async () => {
    const points = pointsNearRennes(3);
    await createCachedTravelTimes(createOsrm({ baseUrl: server.url }), redis, { prefix, ttlSeconds: 600 }).matrix(points);
    await createCachedTravelTimes(createOsrm({ baseUrl: server.url, profile: 'foot' }), redis, { prefix }).matrix(points);
    await createCachedTravelTimes(createHaversine(), redis, { prefix }).matrix(points);
    expect(server.requests.map((r) => r.url.split('/')[3])).toEqual(['driving', 'foot']);
    const key = `${prefix}:v1:osrm:driving:${pointKey(points[0] ?? { lat: 0, lon: 0 })}`;
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(600);
    expect(await redis.keys(`${prefix}:v1:haversine:50kmh-x1.3:*`)).toHaveLength(3);
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
