import { afterEach, describe, expect, it } from 'vitest';
import { OsrmRequestError, OsrmUnavailableError, UnreachablePointsError, createOsrm, type OsrmOptions } from '../../src/matrix/osrm.js';
import { startOsrmServer, type OsrmServer, type OsrmServerOptions } from '../helpers/osrm-server.js';
import { expectedMatrix, pointsNearRennes, recordingSleep } from './fixtures.js';

let server: OsrmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(serverOptions: OsrmServerOptions = {}, clientOptions: Partial<OsrmOptions> = {}) {
  const started = await startOsrmServer(serverOptions);
  server = started;
  const backoff = recordingSleep();
  const osrm = createOsrm({ baseUrl: started.url, sleep: backoff.sleep, random: () => 0.5, ...clientOptions });
  return { server: started, osrm, delays: backoff.delays };
}

const points = pointsNearRennes(5);

describe('OSRM transient failures', () => {
  it('retries a request that times out, then succeeds', async () => {
    const { server, osrm } = await setup({}, { timeoutMs: 100 });
    server.setFault({ kind: 'delay', ms: 60_000 });
    const matrix = await osrm.matrix(points);
    expect(matrix.durations).toEqual(expectedMatrix(points).durations);
    expect(server.requests).toHaveLength(2);
  });

  it('retries HTTP 500 with growing, jittered backoff', async () => {
    const { server, osrm, delays } = await setup();
    server.setFault({ kind: 'status', status: 500, count: 2 });
    const matrix = await osrm.matrix(points);
    expect(matrix.durations).toEqual(expectedMatrix(points).durations);
    expect(server.requests).toHaveLength(3);
    // random() = 0.5 → ¾ of min(4000, 250 × 2^k).
    expect(delays).toEqual([188, 375]);
  });

  it('retries a reset connection', async () => {
    const { server, osrm } = await setup();
    server.setFault({ kind: 'reset' });
    await osrm.matrix(points);
    expect(server.requests).toHaveLength(2);
  });

  it('gives up with OsrmUnavailableError once the retries are spent', async () => {
    const { server, osrm, delays } = await setup({}, { retries: 3 });
    server.setFault({ kind: 'status', status: 503, count: 10 });
    const error = await osrm.matrix(points).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OsrmUnavailableError);
    expect(error).toMatchObject({ attempts: 4, code: 'OSRM_UNAVAILABLE' });
    expect(String(error)).toContain('HTTP 503');
    expect(server.requests).toHaveLength(4);
    expect(delays).toHaveLength(3);
  });

  it('reports a refused connection as OsrmUnavailableError naming the server', async () => {
    const closed = await startOsrmServer();
    await closed.close();
    const { sleep } = recordingSleep();
    const error = await createOsrm({ baseUrl: closed.url, sleep, retries: 2 })
      .matrix(points)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OsrmUnavailableError);
    expect(String(error)).toContain(closed.url);
    expect(String(error)).toContain('ECONNREFUSED');
  });

  it('stops at once, without retrying, when the caller aborts', async () => {
    const { server, osrm } = await setup();
    server.setFault({ kind: 'delay', ms: 60_000 });
    const controller = new AbortController();
    const pending = osrm.matrix(points, { signal: controller.signal });
    controller.abort(new Error('plan cancelled'));
    await expect(pending).rejects.toThrow('plan cancelled');
    expect(server.requests.length).toBeLessThanOrEqual(1);
  });
});

describe('OSRM refusals', () => {
  it('does not retry a 4xx answer', async () => {
    const { server, osrm } = await setup();
    server.setFault({ kind: 'status', status: 400, body: JSON.stringify({ code: 'InvalidOptions', message: 'Coordinates are invalid' }) });
    const error = await osrm.matrix(points).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OsrmRequestError);
    expect(error).toMatchObject({ status: 400, osrmCode: 'InvalidOptions' });
    expect(server.requests).toHaveLength(1);
  });

  it('explains TooBig when maxTableSize is above the server limit', async () => {
    const { server, osrm } = await setup({ maxTableSize: 5 }, { maxTableSize: 10 });
    const error = await osrm.matrix(pointsNearRennes(10)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OsrmRequestError);
    expect(error).toMatchObject({ osrmCode: 'TooBig' });
    expect(String(error)).toContain("server's --max-table-size");
    expect(server.requests).toHaveLength(1);
  });

  it('rejects an answer that is not OSRM JSON', async () => {
    const { server, osrm } = await setup();
    server.setFault({ kind: 'status', status: 200, body: JSON.stringify({ code: 'Ok', durations: [[0]] }) });
    await expect(osrm.matrix(points)).rejects.toBeInstanceOf(OsrmRequestError);
    expect(server.requests).toHaveLength(1);
  });

  it('rejects an answer of the wrong size or with a cell that is not a number, naming it', async () => {
    const waypoints = [{ distance: 1 }, { distance: 2 }];
    const answer = (durations: unknown[][]) => JSON.stringify({ code: 'Ok', durations, distances: [[0, 1], [1, 0]], sources: waypoints, destinations: waypoints });
    const { server, osrm } = await setup();
    const two = points.slice(0, 2);
    server.setFault({ kind: 'status', status: 200, body: answer([[0, '12'], [3, 0]]) });
    await expect(osrm.matrix(two)).rejects.toThrow('durations[0][1] is "12", not a number or null');
    server.setFault({ kind: 'status', status: 200, body: answer([[0, 1]]) });
    await expect(osrm.matrix(two)).rejects.toThrow('durations has 1 rows for a 2×2 request');
    server.setFault({ kind: 'status', status: 200, body: answer([[0, 1], [1]]) });
    await expect(osrm.matrix(two)).rejects.toThrow('durations[1] is not a row of 2 cells');
  });
});

describe('OSRM table cells', () => {
  it('reads a negative distance (two points snapped onto one road segment) as 0', async () => {
    const { server, osrm } = await setup();
    const waypoints = [{ distance: 494 }, { distance: 59.4 }];
    // As osrm-routed answered for two points on one segment: -1.2 m in 0 s.
    server.setFault({ kind: 'status', status: 200, body: JSON.stringify({ code: 'Ok', durations: [[0, 0], [0, 0]], distances: [[0, -1.2], [-0.4, 0]], sources: waypoints, destinations: waypoints }) });
    const matrix = await osrm.matrix(points.slice(0, 2));
    expect([...matrix.distances]).toEqual([0, 0, 0, 0]);
    expect([...matrix.durations]).toEqual([0, 0, 0, 0]);
  });

  it('rounds cells to whole seconds and metres', async () => {
    const { server, osrm } = await setup();
    const waypoints = [{ distance: 0 }, { distance: 0 }];
    server.setFault({ kind: 'status', status: 200, body: JSON.stringify({ code: 'Ok', durations: [[0, 1299.7], [1304.2, 0]], distances: [[0, 21063.4], [21063.5, 0]], sources: waypoints, destinations: waypoints }) });
    const matrix = await osrm.matrix(points.slice(0, 2));
    expect([...matrix.durations]).toEqual([0, 1300, 1304, 0]);
    expect([...matrix.distances]).toEqual([0, 21063, 21064, 0]);
  });
});

describe('OSRM unreachable points', () => {
  const noRoad = { south: 49.5, west: -2, north: 49.6, east: -1 };

  it('names a point off the roads with how far it snapped, as osrm-routed snaps any point by default', async () => {
    const some = pointsNearRennes(6);
    some[2] = { lat: 49.55, lon: -1.5 };
    const { osrm } = await setup({ noRoad: [noRoad] });
    const error = await osrm.matrix(some).catch((e: unknown) => e);
    // 0.05° to the box's south edge: 111 195 × 0.05 = 5 559.75 m.
    expect(error).toMatchObject({ points: [{ index: 2, reason: 'snapped-too-far' }] });
    expect(error instanceof UnreachablePointsError ? error.points[0]?.snapMetres : undefined).toBeCloseTo(5559.75, 0);
  });

  it('names a point OSRM cannot snap (NoSegment, from a server with --default-radius), across chunked blocks', async () => {
    const some = pointsNearRennes(10);
    some[7] = { lat: 49.55, lon: -1.5 };
    const { osrm } = await setup({ noRoad: [noRoad], defaultRadius: 1000 }, { maxTableSize: 3 });
    const error = await osrm.matrix(some).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreachablePointsError);
    expect(error).toMatchObject({ indices: [7], points: [{ index: 7, reason: 'no-road-nearby' }] });
  });

  it('names every unsnappable point, not only the first one OSRM reports', async () => {
    const some = pointsNearRennes(6);
    some[1] = { lat: 49.55, lon: -1.5 };
    some[4] = { lat: 49.56, lon: -1.4 };
    const { osrm } = await setup({ noRoad: [noRoad], defaultRadius: 1000 });
    const error = await osrm.matrix(some).catch((e: unknown) => e);
    expect(error).toMatchObject({ indices: [1, 4] });
    expect(String(error)).toContain('#1 (no road nearby), #4 (no road nearby)');
  });

  it('names a point snapped farther from a road than allowed, with the distance', async () => {
    const far = { lat: 48.5, lon: -1.5 };
    const { osrm } = await setup({ snapMetres: ([lon, lat]) => (lon === far.lon && lat === far.lat ? 2345 : 12) }, { maxSnapMetres: 1000 });
    const error = await osrm.matrix([...points, far]).catch((e: unknown) => e);
    expect(error).toMatchObject({ points: [{ index: 5, reason: 'snapped-too-far', snapMetres: 2345 }] });
    expect(String(error)).toContain('nearest road 2345 m away');
  });

  it('names a point on a road island (null cells)', async () => {
    const island = { south: 47.0, west: -3.0, north: 47.1, east: -2.9 };
    const some = [...points, { lat: 47.05, lon: -2.95 }, ...pointsNearRennes(3, 9)];
    const { osrm } = await setup({ islands: [island] }, { maxTableSize: 4 });
    const error = await osrm.matrix(some).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UNREACHABLE_POINTS', points: [{ index: 5, reason: 'no-route' }] });
  });

  it('names a route waypoint OSRM cannot snap', async () => {
    const { osrm } = await setup({ noRoad: [noRoad], defaultRadius: 1000 });
    const error = await osrm.routeGeometry([...points.slice(0, 2), { lat: 49.55, lon: -1.5 }]).catch((e: unknown) => e);
    expect(error).toMatchObject({ indices: [2] });
  });
});
