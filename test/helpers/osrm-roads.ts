/**
 * The road network behind the OSRM test double.
 *
 * Model: distance = 1.2 × (north-south metres + east-west metres), i.e. a Manhattan
 * grid; duration = distance at 50 km/h; both rounded to 0.1 like OSRM. Like
 * osrm-routed with its default unlimited radius, every point snaps somewhere: a
 * point inside a `noRoad` box snaps to the box's nearest edge, and the waypoint's
 * `distance` says how far that is. Points inside an `islands` box reach only points
 * of the same box (null cells, `NoRoute`).
 *
 * Recorded values override the model for the coordinates they name, so that the
 * double can give exactly what a real osrm-routed answered: snapped waypoints by
 * input coordinate, and table cells and route legs by pair of input coordinates
 * (they differ: a route may not turn back at a via point).
 */
import type { Coordinate } from './osrm-query.js';

export interface Box {
  readonly south: number;
  readonly west: number;
  readonly north: number;
  readonly east: number;
}

export const METRES_PER_DEGREE = 111_195;
export const DETOUR = 1.2;
export const SPEED_MPS = 50 / 3.6;
export const round1 = (x: number): number => Math.round(x * 10) / 10;
const inside = (box: Box, [lon, lat]: Coordinate): boolean => lat >= box.south && lat <= box.north && lon >= box.west && lon <= box.east;

function rawMetres([lon1, lat1]: Coordinate, [lon2, lat2]: Coordinate): number {
  const meanLat = (((lat1 + lat2) / 2) * Math.PI) / 180;
  return DETOUR * METRES_PER_DEGREE * (Math.abs(lat2 - lat1) + Math.abs(lon2 - lon1) * Math.cos(meanLat));
}

/** The model's values between two points on the roads, exactly as the server sends them. */
export const roadModel = {
  distance: (a: Coordinate, b: Coordinate): number => round1(rawMetres(a, b)),
  duration: (a: Coordinate, b: Coordinate): number => round1(rawMetres(a, b) / SPEED_MPS),
};

/** Where an input coordinate lands on the road network. */
export interface Snapped {
  readonly location: Coordinate;
  /** Metres from the input coordinate to `location`. */
  readonly distance: number;
  readonly name: string;
  /** OSM nodes of the snapped segment (the `nearest` service shows them). */
  readonly nodes?: readonly [number, number];
}

export interface Cell {
  readonly duration: number;
  readonly distance: number;
}

/** Values a real osrm-routed answered, keyed by `coordinateKey` and `pairKey`. */
export interface RecordedRoads {
  readonly waypoints?: ReadonlyMap<string, Snapped>;
  /** `null`: no route. */
  readonly cells?: ReadonlyMap<string, Cell | null>;
  readonly legs?: ReadonlyMap<string, Cell | null>;
}

export interface RoadOptions {
  readonly noRoad?: readonly Box[];
  readonly islands?: readonly Box[];
  /** Metres from a point outside the `noRoad` boxes to its road (waypoint `distance`). Default 0. */
  readonly snapMetres?: (point: Coordinate) => number;
  readonly recorded?: RecordedRoads;
}

/** A coordinate as a key: the numbers, so `48.116710` and `48.11671` are one point. */
export const coordinateKey = ([lon, lat]: Coordinate): string => `${String(lon)},${String(lat)}`;
export const pairKey = (from: Coordinate, to: Coordinate): string => `${coordinateKey(from)};${coordinateKey(to)}`;

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** The nearest point on the edge of `box` from a point inside it. */
function edgeOf(box: Box, [lon, lat]: Coordinate): Coordinate {
  const lonMetres = METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
  const candidates: Coordinate[] = [[lon, box.south], [lon, box.north], [box.west, lat], [box.east, lat]];
  const metres = ([x, y]: Coordinate): number => Math.hypot((x - lon) * lonMetres, (y - lat) * METRES_PER_DEGREE);
  return candidates.reduce((best, c) => (metres(c) < metres(best) ? c : best));
}

export interface Roads {
  snap(point: Coordinate): Snapped;
  /** Table cells from each source to each destination (indices into `points`); null where no route joins them. */
  table(points: readonly Coordinate[], sources: readonly number[], destinations: readonly number[]): Cells;
  /** A route leg between two consecutive waypoints. */
  leg(from: Coordinate, to: Coordinate): Cell | null;
}

export interface Cells {
  readonly durations: (number | null)[][];
  readonly distances: (number | null)[][];
}

export function createRoads(options: RoadOptions = {}): Roads {
  const recorded = options.recorded ?? {};
  const islandOf = (p: Coordinate): number => (options.islands ?? []).findIndex((box) => inside(box, p));

  function snap(point: Coordinate): Snapped {
    const known = recorded.waypoints?.get(coordinateKey(point));
    if (known) return known;
    const box = (options.noRoad ?? []).find((b) => inside(b, point));
    const location = box ? edgeOf(box, point) : point;
    const distance = box ? rawMetres(point, location) / DETOUR : (options.snapMetres?.(point) ?? 0);
    return { location: [round6(location[0]), round6(location[1])], distance: round1(distance), name: '' };
  }

  function modelled(from: Coordinate, to: Coordinate): Cell | null {
    if (islandOf(from) !== islandOf(to)) return null;
    const metres = rawMetres(snap(from).location, snap(to).location);
    return { duration: round1(metres / SPEED_MPS), distance: round1(metres) };
  }

  const recordedFrom = new Set([...(recorded.cells?.keys() ?? [])].map((key) => key.slice(0, key.indexOf(';'))));

  return {
    snap,
    table(points, sources, destinations) {
      // Snap each coordinate once, and look up recorded cells only from recorded points: a 1,000-point table has a million cells.
      const at = points.map((p) => snap(p).location);
      const keys = points.map(coordinateKey);
      const island = points.map(islandOf);
      const durations: (number | null)[][] = [];
      const distances: (number | null)[][] = [];
      for (const s of sources) {
        const durationRow: (number | null)[] = [];
        const distanceRow: (number | null)[] = [];
        const lookUp = recordedFrom.has(keys[s]);
        for (const d of destinations) {
          const known = lookUp ? recorded.cells?.get(`${keys[s]};${keys[d]}`) : undefined;
          if (known !== undefined) {
            durationRow.push(known?.duration ?? null);
            distanceRow.push(known?.distance ?? null);
          } else if (island[s] !== island[d]) {
            durationRow.push(null);
            distanceRow.push(null);
          } else {
            const metres = rawMetres(at[s], at[d]);
            durationRow.push(round1(metres / SPEED_MPS));
            distanceRow.push(round1(metres));
          }
        }
        durations.push(durationRow);
        distances.push(distanceRow);
      }
      return { durations, distances };
    },
    leg(from, to) {
      const key = pairKey(from, to);
      const known = recorded.legs?.has(key) ? recorded.legs.get(key) : recorded.cells?.get(key);
      return known === undefined ? modelled(from, to) : known;
    },
  };
}
