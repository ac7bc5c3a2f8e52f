/**
 * A test double of osrm-routed over real HTTP on 127.0.0.1: the `table`, `route`
 * and `nearest` services of the OSRM v5 protocol, answering every request the way
 * a real osrm-routed v6 does (test/matrix/contract.test.ts replays recorded answers
 * against it), over the road model of osrm-roads.ts.
 *
 * Faults are queued and consumed one request at a time.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { parseQuery, refuse, type Reply } from './osrm-query.js';
import { createRoads, type RoadOptions } from './osrm-roads.js';
import { nearest, route, table, type ServiceLimits } from './osrm-services.js';

export type { Coordinate } from './osrm-query.js';
export { DETOUR, METRES_PER_DEGREE, SPEED_MPS, coordinateKey, pairKey, roadModel, type Box, type Cell, type RecordedRoads, type Snapped } from './osrm-roads.js';

export interface OsrmServerOptions extends RoadOptions {
  /** `--max-table-size`: refuses |sources| × |destinations| > max² with TooBig. Default 100. */
  readonly maxTableSize?: number;
  /** `--max-viaroute-size`. Default 500. */
  readonly maxRouteSize?: number;
  /** `--default-radius` in metres: a coordinate farther from its road answers NoSegment. Default unlimited. */
  readonly defaultRadius?: number;
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

/** osrm-routed v6 reads request lines of any length; Node's default limit is 16 KiB. */
const MAX_REQUEST_LINE = 1 << 20;

export function startOsrmServer(options: OsrmServerOptions = {}): Promise<OsrmServer> {
  const limits: ServiceLimits = {
    maxTableSize: options.maxTableSize ?? 100,
    maxRouteSize: options.maxRouteSize ?? 500,
    defaultRadius: options.defaultRadius,
  };
  const roads = createRoads(options);
  const requests: RecordedRequest[] = [];
  const faults: { fault: Fault; left: number }[] = [];
  const timers = new Set<NodeJS.Timeout>();

  function answer(req: IncomingMessage): Reply {
    const query = parseQuery(req.url ?? '/');
    if (!('service' in query)) return query;
    switch (query.service) {
      case 'table':
        return table(query, roads, limits);
      case 'route':
        return route(query, roads, limits);
      case 'nearest':
        return nearest(query, roads, limits);
      default:
        return refuse('InvalidService', `Service ${query.service} not found!`);
    }
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    requests.push(describe(req.url ?? '/'));
    const head = faults.at(0);
    const fault = head?.fault;
    if (head && --head.left <= 0) faults.shift();
    const send = (status: number, body: string): void => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' }).end(body);
    };
    const reply = (): void => {
      const { status, body } = answer(req);
      send(status, JSON.stringify(body));
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
          reply();
        }, fault.ms);
        timers.add(timer);
        return;
      }
      case undefined:
        reply();
    }
  }

  const server = createServer({ maxHeaderSize: MAX_REQUEST_LINE }, handle);
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
