/**
 * A small server that speaks the OSRM v5 HTTP protocol (`table` and `route`) over
 * a deterministic road model, for tests over real HTTP on 127.0.0.1.
 *
 * Road model: distance = 1.2 × (north-south metres + east-west metres), i.e. a
 * Manhattan grid; duration = distance at 50 km/h; both rounded to 0.1 like OSRM.
 * Points inside a `noRoad` box cannot be snapped (`NoSegment`); points inside an
 * `islands` box reach only points of the same box (null cells, `NoRoute`).
 * Faults are queued and consumed one request at a time.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export type Coordinate = readonly [lon: number, lat: number];
export interface Box {
  readonly south: number;
  readonly west: number;
  readonly north: number;
  readonly east: number;
}

export const METRES_PER_DEGREE = 111_195;
export const DETOUR = 1.2;
export const SPEED_MPS = 50 / 3.6;
const round1 = (x: number): number => Math.round(x * 10) / 10;
const inside = (box: Box, [lon, lat]: Coordinate): boolean => lat >= box.south && lat <= box.north && lon >= box.west && lon <= box.east;

function rawMetres([lon1, lat1]: Coordinate, [lon2, lat2]: Coordinate): number {
  const meanLat = (((lat1 + lat2) / 2) * Math.PI) / 180;
  return DETOUR * METRES_PER_DEGREE * (Math.abs(lat2 - lat1) + Math.abs(lon2 - lon1) * Math.cos(meanLat));
}

/** The model's values, exactly as the server sends them. */
export const roadModel = {
  distance: (a: Coordinate, b: Coordinate): number => round1(rawMetres(a, b)),
  duration: (a: Coordinate, b: Coordinate): number => round1(rawMetres(a, b) / SPEED_MPS),
};

export interface OsrmServerOptions {
  /** `--max-table-size`: refuses |sources| × |destinations| > max² with TooBig. Default 100. */
  readonly maxTableSize?: number;
  /** `--max-viaroute-size`. Default 500. */
  readonly maxRouteSize?: number;
  readonly noRoad?: readonly Box[];
  readonly islands?: readonly Box[];
  /** Metres from a point to its road (waypoint `distance`). Default 0. */
  readonly snapMetres?: (point: Coordinate) => number;
}

export type Fault =
  | { readonly kind: 'status'; readonly status: number; readonly body?: string; readonly count?: number }
  | { readonly kind: 'delay'; readonly ms: number; readonly count?: number }
  | { readonly kind: 'reset'; readonly count?: number };

export interface RecordedRequest {
  readonly service: string;
  readonly url: string;
  readonly coordinates: number;
  readonly sources: number;
  readonly destinations: number;
}

export interface OsrmServer {
  readonly url: string;
  /** Every request received, faulty or not, in order. */
  readonly requests: RecordedRequest[];
  /** Queues a fault for the next `count` (default 1) requests. */
  setFault(fault: Fault): void;
  close(): Promise<void>;
}

interface Reply {
  readonly status: number;
  readonly body: unknown;
}
const fail = (code: string, message: string): Reply => ({ status: 400, body: { code, message } });

function parseCoordinates(text: string): Coordinate[] | Reply {
  const out: Coordinate[] = [];
  let position = 0;
  for (const pair of text.split(';')) {
    const match = /^(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)$/.exec(pair);
    if (!match) return fail('InvalidQuery', `Query string malformed close to position ${position}`);
    const lon = Number(match[1]);
    const lat = Number(match[2]);
    if (Math.abs(lon) > 180 || Math.abs(lat) > 90) return fail('InvalidOptions', 'Coordinates are invalid');
    out.push([lon, lat]);
    position += pair.length + 1;
  }
  return out.length === 0 ? fail('InvalidQuery', 'Query string malformed close to position 0') : out;
}

function parseIndices(value: string | null, count: number): number[] | undefined {
  if (value === null || value === 'all') return Array.from({ length: count }, (_, i) => i);
  const indices = value.split(';').map(Number);
  return indices.every((i) => Number.isInteger(i) && i >= 0 && i < count) ? indices : undefined;
}

function describe(path: string): RecordedRequest {
  const url = new URL(path, 'http://localhost');
  const [, service = '', , , coordinates = ''] = url.pathname.split('/');
  const count = coordinates.split(';').length;
  const size = (name: string): number => {
    const value = url.searchParams.get(name);
    return value === null || value === 'all' ? count : value.split(';').length;
  };
  return { service, url: path, coordinates: count, sources: size('sources'), destinations: size('destinations') };
}

export function startOsrmServer(options: OsrmServerOptions = {}): Promise<OsrmServer> {
  const maxTableSize = options.maxTableSize ?? 100;
  const maxRouteSize = options.maxRouteSize ?? 500;
  const islandOf = (p: Coordinate): number => (options.islands ?? []).findIndex((box) => inside(box, p));
  const connected = (a: Coordinate, b: Coordinate): boolean => islandOf(a) === islandOf(b);
  const waypoint = (p: Coordinate) => ({ hint: '', distance: round1(options.snapMetres?.(p) ?? 0), name: '', location: p });
  const requests: RecordedRequest[] = [];
  const faults: { fault: Fault; left: number }[] = [];
  const timers = new Set<NodeJS.Timeout>();

  function snapAll(points: readonly Coordinate[]): Reply | undefined {
    const bad = points.findIndex((p) => (options.noRoad ?? []).some((box) => inside(box, p)));
    return bad < 0 ? undefined : fail('NoSegment', `Could not find a matching segment for coordinate ${bad}`);
  }

  function table(points: readonly Coordinate[], query: URLSearchParams): Reply {
    const sources = parseIndices(query.get('sources'), points.length);
    const destinations = parseIndices(query.get('destinations'), points.length);
    if (!sources || !destinations) return fail('InvalidOptions', 'Source or destination indices are greater than number of coordinates');
    if (sources.length * destinations.length > maxTableSize * maxTableSize) return fail('TooBig', 'Too many table coordinates');
    const unsnappable = snapAll(points);
    if (unsnappable) return unsnappable;
    const annotations = (query.get('annotations') ?? 'duration').split(',');
    const cells = (value: (a: Coordinate, b: Coordinate) => number) =>
      sources.map((s) => destinations.map((d) => (connected(points[s], points[d]) ? value(points[s], points[d]) : null)));
    return {
      status: 200,
      body: {
        code: 'Ok',
        ...(annotations.includes('duration') ? { durations: cells(roadModel.duration) } : {}),
        ...(annotations.includes('distance') ? { distances: cells(roadModel.distance) } : {}),
        sources: sources.map((s) => waypoint(points[s])),
        destinations: destinations.map((d) => waypoint(points[d])),
      },
    };
  }

  function route(points: readonly Coordinate[]): Reply {
    if (points.length < 2) return fail('InvalidOptions', 'Number of coordinates needs to be at least two.');
    if (points.length > maxRouteSize) return fail('TooBig', `Number of entries ${points.length} is higher than current maximum (${maxRouteSize})`);
    const unsnappable = snapAll(points);
    if (unsnappable) return unsnappable;
    const geometry: Coordinate[] = [points[0]];
    let distance = 0;
    let duration = 0;
    for (let k = 1; k < points.length; k++) {
      const a = points[k - 1];
      const b = points[k];
      if (!connected(a, b)) return fail('NoRoute', 'Impossible route between points');
      geometry.push([b[0], a[1]], b);
      distance += roadModel.distance(a, b);
      duration += roadModel.duration(a, b);
    }
    const routes = [{ geometry: { type: 'LineString', coordinates: geometry }, distance: round1(distance), duration: round1(duration), legs: [] }];
    return { status: 200, body: { code: 'Ok', routes, waypoints: points.map(waypoint) } };
  }

  function answer(req: IncomingMessage): Reply {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = /^\/([^/]+)\/([^/]+)\/([^/]+)\/(.*)$/.exec(url.pathname);
    if (!match) return fail('InvalidUrl', `URL string malformed close to position 1: "${url.pathname}"`);
    const [, service = '', version = '', , coordinates = ''] = match;
    const parsed = parseCoordinates(decodeURIComponent(coordinates));
    if (!Array.isArray(parsed)) return parsed;
    if (version !== 'v1') return fail('InvalidVersion', `Service version ${version} not found!`);
    if (service === 'table') return table(parsed, url.searchParams);
    if (service === 'route') return route(parsed);
    return fail('InvalidService', `Service ${service} not found!`);
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    requests.push(describe(req.url ?? '/'));
    const reply = answer(req);
    const head = faults.at(0);
    const fault = head?.fault;
    if (head && --head.left <= 0) faults.shift();
    const send = (status: number, body: string): void => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(body);
    };
    switch (fault?.kind) {
      case 'status':
        send(fault.status, fault.body ?? JSON.stringify({ code: 'InternalError', message: 'injected fault' }));
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'delay': {
        const timer = setTimeout(() => {
          timers.delete(timer);
          send(reply.status, JSON.stringify(reply.body));
        }, fault.ms);
        timers.add(timer);
        return;
      }
      case undefined:
        send(reply.status, JSON.stringify(reply.body));
    }
  }

  const server = createServer(handle);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}`,
        requests,
        setFault(fault) {
          faults.push({ fault, left: fault.count ?? 1 });
        },
        close() {
          for (const timer of timers) clearTimeout(timer);
          timers.clear();
          server.closeAllConnections();
          return new Promise((done) => server.close(() => { done(); }));
        },
      });
    });
  });
}
