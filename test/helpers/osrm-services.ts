/**
 * The `table`, `route` and `nearest` services of the OSRM test double, checking a
 * request in osrm-routed's order: its options (`InvalidOptions`), its coordinates'
 * ranges, its size (`TooBig`), then snapping (`NoSegment`) and routing.
 */
import { indicesOf, radiusesOf, refuse, type Coordinate, type OsrmQuery, type Reply } from './osrm-query.js';
import { coordinateKey, round1, type Roads, type Snapped } from './osrm-roads.js';

export interface ServiceLimits {
  /** `--max-table-size`: sources × destinations above its square is `TooBig`. */
  readonly maxTableSize: number;
  /** `--max-viaroute-size`. */
  readonly maxRouteSize: number;
  /** `--default-radius`: metres to a road beyond which a coordinate without its own radius does not snap. */
  readonly defaultRadius: number | undefined;
}

const PER_COORDINATE = ['hints', 'bearings', 'radiuses', 'approaches'];

/** osrm-routed's help for an invalid request, which names only some of the causes; undefined when valid. */
function wrongOptions(query: OsrmQuery, minimum: 1 | 2, exact: boolean): string | undefined {
  const count = query.coordinates.length;
  for (const name of PER_COORDINATE) {
    const size = query.options.get(name)?.split(';').length ?? 0;
    if (size > 0 && size !== count) return `Number of elements in ${name} size ${size} does not match coordinate size ${count}`;
  }
  if (exact && count !== 1) return 'Only one input coordinate is supported';
  if (count < minimum) return 'Number of coordinates needs to be at least two.';
  for (const name of ['sources', 'destinations']) {
    const indices = indicesOf(query.options.get(name), count);
    if (indices.length > count || indices.some((i) => i >= count)) return '';
  }
  return undefined;
}

const validCoordinates = (points: readonly Coordinate[]): boolean => points.every(([lon, lat]) => Math.abs(lon) <= 180 && Math.abs(lat) <= 90);

/** Each coordinate snapped, or the NoSegment refusal naming the first one beyond its radius. */
function snapAll(query: OsrmQuery, roads: Roads, limits: ServiceLimits): Snapped[] | Reply {
  const radiuses = radiusesOf(query.options.get('radiuses'));
  const snapped = query.coordinates.map((p) => roads.snap(p));
  const bad = snapped.findIndex((s, i) => s.distance > (radiuses?.[i] ?? limits.defaultRadius ?? Number.POSITIVE_INFINITY));
  return bad < 0 ? snapped : refuse('NoSegment', `Could not find a matching segment for coordinate ${bad}`);
}

/** A waypoint as osrm-routed writes it; hints are opaque, so any stable text does. */
function waypoint(query: OsrmQuery, point: Coordinate, snapped: Snapped, withNodes = false): Record<string, unknown> {
  const hint = query.options.get('generate_hints') === 'false' ? {} : { hint: Buffer.from(coordinateKey(point)).toString('base64url') };
  const nodes = withNodes ? { nodes: snapped.nodes ?? [0, 0] } : {};
  return { ...nodes, ...hint, location: snapped.location, name: snapped.name, distance: snapped.distance };
}

const skipWaypoints = (query: OsrmQuery): boolean => query.options.get('skip_waypoints') === 'true';

function checked(query: OsrmQuery, minimum: 1 | 2, exact = false): Reply | undefined {
  const help = wrongOptions(query, minimum, exact);
  if (help !== undefined) return refuse('InvalidOptions', help);
  if (!validCoordinates(query.coordinates)) return refuse('InvalidOptions', 'Coordinates are invalid');
  return undefined;
}

export function table(query: OsrmQuery, roads: Roads, limits: ServiceLimits): Reply {
  const refusal = checked(query, 2);
  if (refusal) return refusal;
  const points = query.coordinates;
  const sources = indicesOf(query.options.get('sources'), points.length);
  const destinations = indicesOf(query.options.get('destinations'), points.length);
  if (sources.length * destinations.length > limits.maxTableSize ** 2) return refuse('TooBig', 'Too many table coordinates');
  const snapped = snapAll(query, roads, limits);
  if (!Array.isArray(snapped)) return snapped;
  const annotations = query.options.get('annotations') ?? 'duration';
  const wants = (name: string): boolean => annotations === 'true' || annotations.split(',').includes(name);
  const cells = roads.table(points, sources, destinations);
  const waypoints = (indices: readonly number[]) => indices.map((i) => waypoint(query, points[i], snapped[i]));
  const body = {
    code: 'Ok',
    ...(wants('duration') ? { durations: cells.durations } : {}),
    ...(wants('distance') ? { distances: cells.distances } : {}),
    ...(skipWaypoints(query) ? {} : { sources: waypoints(sources), destinations: waypoints(destinations) }),
  };
  return { status: 200, body };
}

/** Google's polyline encoding, at 5 or 6 decimals, of `[lon, lat]` positions. */
function encodePolyline(positions: readonly Coordinate[], precision: number): string {
  const factor = 10 ** precision;
  let out = '';
  let last = [0, 0];
  for (const [lon, lat] of positions) {
    const next = [Math.round(lat * factor), Math.round(lon * factor)];
    for (const k of [0, 1]) {
      let value = (next[k] ?? 0) - (last[k] ?? 0);
      value = value < 0 ? ~(value << 1) : value << 1;
      for (; value >= 0x20; value >>= 5) out += String.fromCharCode((0x20 | (value & 0x1f)) + 63);
      out += String.fromCharCode(value + 63);
    }
    last = next;
  }
  return out;
}

/** The line through the snapped waypoints, north-south then east-west on each leg. */
function geometry(query: OsrmQuery, snapped: readonly Snapped[]): Record<string, unknown> {
  const overview = query.options.get('overview') ?? 'simplified';
  if (overview === 'false') return {};
  const positions: Coordinate[] = [];
  for (const { location } of snapped) {
    const last = positions.at(-1);
    if (last) positions.push([location[0], last[1]]);
    positions.push(location);
  }
  const unique = positions.filter((p, k) => k === 0 || p[0] !== positions[k - 1]?.[0] || p[1] !== positions[k - 1]?.[1]);
  const format = query.options.get('geometries') ?? 'polyline';
  if (format === 'geojson') return { geometry: { coordinates: unique, type: 'LineString' } };
  return { geometry: encodePolyline(unique, format === 'polyline6' ? 6 : 5) };
}

export function route(query: OsrmQuery, roads: Roads, limits: ServiceLimits): Reply {
  const refusal = checked(query, 2);
  if (refusal) return refusal;
  const points = query.coordinates;
  if (points.length > limits.maxRouteSize) return refuse('TooBig', `Number of entries ${points.length} is higher than current maximum (${limits.maxRouteSize})`);
  const snapped = snapAll(query, roads, limits);
  if (!Array.isArray(snapped)) return snapped;
  const legs = [];
  for (let k = 1; k < points.length; k++) {
    const leg = roads.leg(points[k - 1], points[k]);
    if (leg === null) return refuse('NoRoute', 'Impossible route between points');
    legs.push({ steps: [], weight: leg.duration, summary: '', duration: leg.duration, distance: leg.distance });
  }
  const duration = round1(legs.reduce((sum, leg) => sum + leg.duration, 0));
  const distance = round1(legs.reduce((sum, leg) => sum + leg.distance, 0));
  const routes = [{ legs, weight_name: 'routability', ...geometry(query, snapped), weight: duration, duration, distance }];
  const waypoints = skipWaypoints(query) ? {} : { waypoints: points.map((p, i) => waypoint(query, p, snapped[i])) };
  return { status: 200, body: { code: 'Ok', routes, ...waypoints } };
}

export function nearest(query: OsrmQuery, roads: Roads, limits: ServiceLimits): Reply {
  const refusal = checked(query, 1, true);
  if (refusal) return refusal;
  const snapped = snapAll(query, roads, limits);
  if (!Array.isArray(snapped)) return snapped;
  return { status: 200, body: { code: 'Ok', waypoints: query.coordinates.map((p, i) => waypoint(query, p, snapped[i], true)) } };
}
