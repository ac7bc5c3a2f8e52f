/**
 * Road geometry through an ordered list of points with OSRM's `route` service.
 * Long routes are cut into legs that share their end points (within the
 * server's max-viaroute-size and the URL limit) and joined again.
 */
import { z } from 'zod';
import type { Location } from '../contract/common.js';
import { formatCoordinate, forEachLimited } from './chunk.js';
import { OsrmRequestError, UnreachablePointsError, refusal, unsnappedPoints } from './errors.js';
import { OsrmRouteResponse } from './osrm-schema.js';
import { getOsrm, type RetryPolicy } from './retry.js';

/** A GeoJSON LineString: `[lon, lat]` positions. */
export interface LineString {
  readonly type: 'LineString';
  readonly coordinates: [number, number][];
}

export interface RouteLimits {
  readonly baseUrl: string;
  readonly profile: string;
  readonly maxRouteSize: number;
  readonly maxUrlLength: number;
  readonly concurrency: number;
  readonly policy: RetryPolicy;
}

const QUERY = '?overview=full&geometries=geojson&steps=false&generate_hints=false';

interface Leg {
  readonly url: string;
  /** Point indices of the leg's waypoints, in order. */
  readonly indices: readonly number[];
}

/** Consecutive legs covering all points; leg k+1 starts where leg k ends. */
export function planRoute(points: readonly Location[], limits: Omit<RouteLimits, 'policy' | 'concurrency'>): Leg[] {
  const prefix = `${limits.baseUrl}/route/v1/${limits.profile}/`;
  const coordinates = points.map(formatCoordinate);
  const legs: Leg[] = [];
  let start = 0;
  while (start < points.length - 1) {
    const indices = [start];
    let length = prefix.length + QUERY.length + (coordinates[start]?.length ?? 0);
    for (let next = start + 1; next < points.length && indices.length < limits.maxRouteSize; next++) {
      const added = 1 + (coordinates[next]?.length ?? 0);
      if (indices.length >= 2 && length + added > limits.maxUrlLength) break;
      indices.push(next);
      length += added;
    }
    if (length > limits.maxUrlLength) throw new RangeError(`an OSRM route URL for two points is ${length} characters, over maxUrlLength ${limits.maxUrlLength}`);
    legs.push({ url: `${prefix}${indices.map((i) => coordinates[i]).join(';')}${QUERY}`, indices });
    start = indices[indices.length - 1] ?? points.length;
  }
  return legs;
}

async function fetchLeg(leg: Leg, limits: RouteLimits, signal: AbortSignal): Promise<[number, number][]> {
  const answer = await getOsrm(leg.url, limits.baseUrl, limits.policy, signal);
  if (!answer.ok) {
    const what = `a route through ${leg.indices.length} points`;
    if (answer.code === 'NoSegment') {
      const bad = unsnappedPoints(
        answer.message,
        leg.indices.map((i) => [i]),
      );
      if (bad !== undefined) throw new UnreachablePointsError(bad.map((index) => ({ index, reason: 'no-road-nearby' })));
    }
    throw refusal(answer, what, `maxRouteSize ${limits.maxRouteSize} is larger than the server's --max-viaroute-size`);
  }
  const parsed = OsrmRouteResponse.safeParse(answer.body);
  if (!parsed.success) throw new OsrmRequestError(`OSRM route answer is not OSRM v5 JSON: ${z.prettifyError(parsed.error)}`, 200);
  return parsed.data.routes[0]?.geometry.coordinates ?? [];
}

/** The LineString through `points` (at least two), following the roads. */
export async function routeGeometry(points: readonly Location[], limits: RouteLimits, signal?: AbortSignal): Promise<LineString> {
  if (points.length < 2) throw new RangeError(`a route needs at least two points, got ${points.length}`);
  const legs = planRoute(points, limits);
  const parts: [number, number][][] = legs.map(() => []);
  await forEachLimited(
    legs.map((leg, k) => ({ leg, k })),
    limits.concurrency,
    async ({ leg, k }, inner) => {
      parts[k] = await fetchLeg(leg, limits, inner);
    },
    signal,
  );
  const coordinates: [number, number][] = [];
  for (const part of parts) {
    const last = coordinates.at(-1);
    const first = part.at(0);
    const joined = last !== undefined && first !== undefined && last[0] === first[0] && last[1] === first[1];
    coordinates.push(...(joined ? part.slice(1) : part));
  }
  return { type: 'LineString', coordinates };
}
