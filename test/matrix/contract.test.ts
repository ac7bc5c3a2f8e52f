/**
 * The OSRM test double answers like a real osrm-routed. Every request recorded
 * against osrm-routed v6.0.0 (../shared/osrm-contract/cases.json, beside the
 * repository) is replayed against the double, fed how the real server snapped
 * every recorded coordinate and the cells and legs of that case's answer; it
 * must give the same status, code and message, and the same numbers. Then the production client, on recorded answers, must
 * assemble exactly the recorded matrix from blocks.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createOsrm } from '../../src/matrix/osrm.js';
import { coordinateKey, pairKey, startOsrmServer, type Cell, type Coordinate, type OsrmServer, type RecordedRoads, type Snapped } from '../helpers/osrm-server.js';

const Position = z.tuple([z.number(), z.number()]);
const Waypoint = z.object({ location: Position, distance: z.number(), name: z.string(), nodes: z.tuple([z.number(), z.number()]).optional() });
const Cells = z.array(z.array(z.number().nullable()));
const TableBody = z.object({ durations: Cells, distances: Cells, sources: z.array(Waypoint), destinations: z.array(Waypoint) });
const RouteBody = z.object({ routes: z.array(z.object({ legs: z.array(z.object({ duration: z.number(), distance: z.number() })) })), waypoints: z.array(Waypoint) });
const NearestBody = z.object({ waypoints: z.array(Waypoint) });
const Case = z.object({ name: z.string(), note: z.string(), maxTableSize: z.number().int(), request: z.string(), status: z.number().int(), body: z.record(z.string(), z.unknown()) });
type Case = z.infer<typeof Case>;

const cases = z.object({ cases: z.array(Case) }).parse(JSON.parse(readFileSync(new URL('../../../shared/osrm-contract/cases.json', import.meta.url), 'utf8'))).cases;

/** The request's service, coordinates and sources/destinations, read without the double's own parser. */
function requestOf(c: Case): { service: string; coordinates: Coordinate[]; sources: number[]; destinations: number[] } {
  const url = new URL(c.request, 'http://osrm');
  const [, service = '', , , path = ''] = url.pathname.split('/');
  const coordinates = path.split(';').map((pair): Coordinate => {
    const [lon = Number.NaN, lat = Number.NaN] = pair.split(',').map(Number);
    return [lon, lat];
  });
  const indices = (name: string): number[] => url.searchParams.get(name)?.split(';').map(Number) ?? coordinates.map((_, i) => i);
  return { service, coordinates, sources: indices('sources'), destinations: indices('destinations') };
}

const snappedOf = (w: z.infer<typeof Waypoint>): Snapped => ({ location: w.location, distance: w.distance, name: w.name, ...(w.nodes ? { nodes: w.nodes } : {}) });

/** How the real server snapped each coordinate, from every answer that shows it. */
function recordedWaypoints(): Map<string, Snapped> {
  const waypoints = new Map<string, Snapped>();
  for (const c of cases.filter((k) => k.status === 200)) {
    const { service, coordinates, sources, destinations } = requestOf(c);
    const set = (index: number, w: z.infer<typeof Waypoint>): void => void waypoints.set(coordinateKey(coordinates[index] ?? [0, 0]), snappedOf(w));
    if (service === 'table') {
      const body = TableBody.parse(c.body);
      body.sources.forEach((w, i) => { set(sources[i] ?? -1, w); });
      body.destinations.forEach((w, j) => { set(destinations[j] ?? -1, w); });
    } else {
      (service === 'route' ? RouteBody : NearestBody).parse(c.body).waypoints.forEach((w, i) => { set(i, w); });
    }
  }
  return waypoints;
}

/** The cells or legs of one recorded answer, by pair of coordinates. */
function recordedRoads(c: Case, waypoints: ReadonlyMap<string, Snapped>): RecordedRoads {
  const cells = new Map<string, Cell | null>();
  const legs = new Map<string, Cell | null>();
  const { service, coordinates, sources, destinations } = requestOf(c);
  const at = (i: number): Coordinate => coordinates[i] ?? [0, 0];
  if (c.status === 200 && service === 'table') {
    const body = TableBody.parse(c.body);
    sources.forEach((s, i) => {
      destinations.forEach((d, j) => {
        const duration = body.durations[i]?.[j] ?? null;
        const distance = body.distances[i]?.[j] ?? null;
        cells.set(pairKey(at(s), at(d)), duration === null || distance === null ? null : { duration, distance });
      });
    });
  }
  if (c.status === 200 && service === 'route') {
    RouteBody.parse(c.body).routes[0]?.legs.forEach((leg, k) => legs.set(pairKey(at(k), at(k + 1)), leg));
  }
  return { waypoints, cells, legs };
}

/** The answer with what the double cannot know made comparable: hints are opaque, a geometry is compared by its ends. */
function comparable(value: unknown, key = ''): unknown {
  if (key === 'hint') return typeof value === 'string' ? 'a hint' : value;
  if (Array.isArray(value)) return value.map((v) => comparable(v));
  if (typeof value !== 'object' || value === null) return value;
  if (key === 'geometry') {
    const line = z.object({ type: z.literal('LineString'), coordinates: z.array(Position).min(2) }).parse(value);
    return { type: line.type, from: line.coordinates.at(0), to: line.coordinates.at(-1) };
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, comparable(v, k)]));
}

let server: OsrmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const waypoints = recordedWaypoints();

describe('the OSRM test double replays what osrm-routed answered', () => {
  it('holds every kind of request the recording covers', () => {
    expect(cases.map((c) => c.name)).toEqual(expect.arrayContaining(['table-1', 'table-1-sources-destinations', 'table-101', 'table-101-split', 'table-100x1', 'table-duplicate', 'table-far', 'table-radius', 'table-negative-distance', 'route-1', 'route-geojson', 'nearest']));
  });

  it.each(cases)('$name: $note', async (c) => {
    server = await startOsrmServer({ maxTableSize: c.maxTableSize, recorded: recordedRoads(c, waypoints) });
    const response = await fetch(`${server.url}${c.request}`);
    const body: unknown = await response.json();
    expect(response.status).toBe(c.status);
    if (c.status !== 200) {
      expect(body).toEqual(c.body);
      return;
    }
    expect(comparable(body)).toEqual(comparable(c.body));
  });
});

describe('the OSRM client on recorded answers', () => {
  const recorded = (name: string): Case => cases.find((c) => c.name === name) ?? expect.fail(`no case ${name}`);
  const asPoints = (coordinates: readonly Coordinate[]) => coordinates.map(([lon, lat]) => ({ lat, lon }));
  const whole = (x: number | null): number => (x === null ? -1 : Math.max(0, Math.round(x)));

  it('assembles the recorded 100-point table exactly from 10×10 blocks', async () => {
    const c = recorded('table-100');
    server = await startOsrmServer({ maxTableSize: 10, recorded: recordedRoads(c, waypoints) });
    const matrix = await createOsrm({ baseUrl: server.url, maxTableSize: 10 }).matrix(asPoints(requestOf(c).coordinates));
    const body = TableBody.parse(c.body);
    expect([...matrix.durations]).toEqual(body.durations.flat().map(whole));
    expect([...matrix.distances]).toEqual(body.distances.flat().map(whole));
    expect(server.requests).toHaveLength(100);
  });

  it('reads the recorded negative distance as 0 m', async () => {
    const c = recorded('table-negative-distance');
    server = await startOsrmServer({ recorded: recordedRoads(c, waypoints) });
    const matrix = await createOsrm({ baseUrl: server.url }).matrix(asPoints(requestOf(c).coordinates));
    expect([...matrix.distances]).toEqual([0, 0, 0, 0]);
  });

  it('reports the far point by its recorded snapping distance', async () => {
    const c = recorded('table-far');
    server = await startOsrmServer({ recorded: recordedRoads(c, waypoints) });
    const error = await createOsrm({ baseUrl: server.url, maxSnapMetres: 1000 })
      .matrix(asPoints(requestOf(c).coordinates))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ points: [{ index: 1, reason: 'snapped-too-far', snapMetres: 67053.862 }] });
  });
});
