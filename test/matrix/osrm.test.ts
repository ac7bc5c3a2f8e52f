import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOsrm } from '../../src/matrix/osrm.js';
import { startOsrmServer, type OsrmServer } from '../helpers/osrm-server.js';
import { expectedMatrix, firstDifference, pointsNearRennes } from './fixtures.js';

let server: OsrmServer;
beforeEach(async () => {
  server = await startOsrmServer();
});
afterEach(async () => {
  await server.close();
});

describe('OSRM table', () => {
  it('returns the road model values from one request', async () => {
    const points = [
      { lat: 48.0, lon: -1.0 },
      { lat: 48.01, lon: -1.0 },
      { lat: 48.01, lon: -0.99 },
    ];
    const matrix = await createOsrm({ baseUrl: server.url }).matrix(points);
    // 0 → 1: 0.01° north = 1.2 × 1 111.95 m = 1 334.34 m → 1334.3 → 1334 m; at 50 km/h 96.07 s → 96.1 → 96 s.
    expect(matrix.distances[1]).toBe(1334);
    expect(matrix.durations[1]).toBe(96);
    expect(matrix.source).toBe('osrm');
    expect(matrix.size).toBe(3);
    expect(matrix.durations).toEqual(expectedMatrix(points).durations);
    expect(matrix.distances).toEqual(expectedMatrix(points).distances);
    expect(server.requests).toHaveLength(1);
    const url = server.requests[0]?.url ?? '';
    expect(url).toContain('/table/v1/driving/-1,48;-1,48.01;-0.99,48.01?');
    expect(url).toContain('annotations=duration,distance');
    expect(url).toContain('generate_hints=false');
    expect(url).not.toContain('sources=');
  });

  it('splits a 25-point matrix into 3×3 blocks and assembles the same matrix', async () => {
    const points = pointsNearRennes(25);
    const single = await createOsrm({ baseUrl: server.url }).matrix(points);
    expect(server.requests).toHaveLength(1);
    server.requests.length = 0;

    const chunked = await createOsrm({ baseUrl: server.url, maxTableSize: 3 }).matrix(points);
    expect(chunked.durations).toEqual(single.durations);
    expect(chunked.distances).toEqual(single.distances);
    expect(chunked.durations).toEqual(expectedMatrix(points).durations);
    // ⌈25 / 3⌉ = 9 source blocks × 9 destination blocks.
    expect(server.requests).toHaveLength(81);
    for (const request of server.requests) {
      expect(request.sources).toBeLessThanOrEqual(3);
      expect(request.destinations).toBeLessThanOrEqual(3);
      expect(request.coordinates).toBeLessThanOrEqual(6);
    }
    // Diagonal blocks send their coordinates once.
    expect(server.requests.filter((r) => r.coordinates <= 3)).toHaveLength(9);
  });

  it('computes a 1,000-point matrix within the default table size', async () => {
    const points = pointsNearRennes(1000, 7);
    const matrix = await createOsrm({ baseUrl: server.url }).matrix(points);
    expect(server.requests).toHaveLength(100);
    expect(Math.max(...server.requests.map((r) => r.url.length))).toBeLessThanOrEqual(8000);
    const expected = expectedMatrix(points);
    expect(firstDifference(matrix.durations, expected.durations)).toBe(-1);
    expect(firstDifference(matrix.distances, expected.distances)).toBe(-1);
  });

  it('computes a rectangle sending only the coordinates it needs', async () => {
    const points = pointsNearRennes(10);
    const osrm = createOsrm({ baseUrl: server.url });
    const table = await osrm.table(points, [8, 9], [0, 1, 2]);
    const full = expectedMatrix(points);
    expect([...table.durations]).toEqual([8, 9].flatMap((s) => [0, 1, 2].map((d) => full.durations[s * 10 + d])));
    expect(server.requests[0]).toMatchObject({ coordinates: 5, sources: 2, destinations: 3 });
    expect([...table.snapMetres.keys()].sort()).toEqual([0, 1, 2, 8, 9]);
  });

  it('halves blocks until their URL fits the length limit', async () => {
    const points = pointsNearRennes(40);
    const matrix = await createOsrm({ baseUrl: server.url, maxUrlLength: 500 }).matrix(points);
    expect(matrix.durations).toEqual(expectedMatrix(points).durations);
    expect(server.requests.length).toBeGreaterThan(1);
    for (const request of server.requests) expect(request.url.length + server.url.length).toBeLessThanOrEqual(500);
  });

  it('sends coinciding points once and fills every copy', async () => {
    const [a, b] = pointsNearRennes(2);
    const matrix = await createOsrm({ baseUrl: server.url }).matrix([a, b, { ...a }]);
    expect(server.requests[0]?.coordinates).toBe(2);
    expect([...matrix.durations]).toEqual([0, matrix.durations[1], 0, matrix.durations[3], 0, matrix.durations[3], 0, matrix.durations[1], 0]);
  });

  it('makes no request for no points', async () => {
    const matrix = await createOsrm({ baseUrl: server.url }).matrix([]);
    expect(matrix.size).toBe(0);
    expect(server.requests).toHaveLength(0);
  });
});

describe('OSRM route geometry', () => {
  it('returns the GeoJSON line through the points', async () => {
    const points = [
      { lat: 48.0, lon: -1.0 },
      { lat: 48.01, lon: -0.99 },
    ];
    const line = await createOsrm({ baseUrl: server.url }).routeGeometry(points);
    expect(line).toEqual({ type: 'LineString', coordinates: [[-1, 48], [-0.99, 48], [-0.99, 48.01]] });
    expect(server.requests[0]?.url).toContain('overview=full&geometries=geojson');
  });

  it('joins legs when the route has more waypoints than the server allows', async () => {
    const points = pointsNearRennes(12);
    const whole = await createOsrm({ baseUrl: server.url }).routeGeometry(points);
    server.requests.length = 0;
    const legs = await createOsrm({ baseUrl: server.url, maxRouteSize: 5 }).routeGeometry(points);
    expect(legs).toEqual(whole);
    // Legs of at most 5 waypoints sharing their ends: 0-4, 4-8, 8-11.
    expect(server.requests.map((r) => r.coordinates)).toEqual([5, 5, 4]);
  });
});
