/**
 * Splitting a sources × destinations table into OSRM requests that osrm-routed
 * accepts: each holds at most `maxTableSize` sources and as many destinations
 * (OSRM refuses more than max² cells with `TooBig`), carries only its own
 * coordinates but never fewer than two (OSRM refuses one with `InvalidOptions`),
 * and fits the URL length limit (halved until it does).
 */
import type { Location } from '../contract/common.js';

export interface ChunkLimits {
  readonly baseUrl: string;
  readonly profile: string;
  readonly maxTableSize: number;
  readonly maxUrlLength: number;
}

/** One `table` request and how its answer maps back to point indices. */
export interface TableRequest {
  readonly url: string;
  /** Point indices whose rows this request computes, and the answer row of each. */
  readonly sources: readonly number[];
  readonly rowOf: readonly number[];
  /** Point indices whose columns this request computes, and the answer column of each. */
  readonly destinations: readonly number[];
  readonly colOf: readonly number[];
  /** Point indices sent as each coordinate of the URL (several when points coincide). */
  readonly pointsAt: readonly (readonly number[])[];
  /** Unique coordinates asked as sources and destinations. */
  readonly rows: number;
  readonly cols: number;
}

/** `lon,lat` with at most 6 decimals (OSRM's own precision). */
export function formatCoordinate(point: Location): string {
  return `${String(Number(point.lon.toFixed(6)))},${String(Number(point.lat.toFixed(6)))}`;
}

/** The distinct positions the indices are sent at, and the slot of each index among them. */
function slotsOf(indices: readonly number[], positionOf: ReadonlyMap<number, number>): { positions: number[]; slotOf: number[] } {
  const slotByPosition = new Map<number, number>();
  const positions: number[] = [];
  const slotOf = indices.map((index) => {
    const position = positionOf.get(index) ?? -1;
    let slot = slotByPosition.get(position);
    if (slot === undefined) {
      slot = positions.length;
      slotByPosition.set(position, slot);
      positions.push(position);
    }
    return slot;
  });
  return { positions, slotOf };
}

const isIdentity = (positions: readonly number[], length: number): boolean =>
  positions.length === length && positions.every((p, i) => p === i);

/** The coordinate of each point index as sent, checking the index. */
function coordinatesOf(points: readonly Location[], format: (index: number) => string): (index: number) => string {
  return (index) => {
    if (!(index >= 0 && index < points.length)) throw new RangeError(`point index out of range: ${index}`);
    return format(index);
  };
}

function tableRequest(
  coordinateOf: (index: number) => string,
  sources: readonly number[],
  destinations: readonly number[],
  limits: Pick<ChunkLimits, 'baseUrl' | 'profile'>,
): TableRequest {
  const coordinateAt = new Map<string, number>();
  const positionOf = new Map<number, number>();
  const coordinates: string[] = [];
  const pointsAt: number[][] = [];
  for (const index of [...sources, ...destinations]) {
    if (positionOf.has(index)) continue;
    const key = coordinateOf(index);
    let position = coordinateAt.get(key);
    if (position === undefined) {
      position = coordinates.length;
      coordinateAt.set(key, position);
      coordinates.push(key);
      pointsAt.push([]);
    }
    positionOf.set(index, position);
    pointsAt[position].push(index);
  }
  // A lone coordinate travels twice: OSRM answers a duplicate, never a single one.
  if (coordinates.length === 1) {
    coordinates.push(...coordinates);
    pointsAt.push(...pointsAt);
  }
  const src = slotsOf(sources, positionOf);
  const dst = slotsOf(destinations, positionOf);
  const params: string[] = [];
  if (!isIdentity(src.positions, pointsAt.length)) params.push(`sources=${src.positions.join(';')}`);
  if (!isIdentity(dst.positions, pointsAt.length)) params.push(`destinations=${dst.positions.join(';')}`);
  params.push('annotations=duration,distance', 'generate_hints=false');
  return {
    url: `${limits.baseUrl}/table/v1/${limits.profile}/${coordinates.join(';')}?${params.join('&')}`,
    sources,
    rowOf: src.slotOf,
    destinations,
    colOf: dst.slotOf,
    pointsAt,
    rows: src.positions.length,
    cols: dst.positions.length,
  };
}

/** The request for exactly these sources and destinations (no splitting). */
export function buildTableRequest(
  points: readonly Location[],
  sources: readonly number[],
  destinations: readonly number[],
  limits: Pick<ChunkLimits, 'baseUrl' | 'profile'>,
): TableRequest {
  return tableRequest(coordinatesOf(points, (index) => formatCoordinate(points[index])), sources, destinations, limits);
}

/** ⌈length / size⌉ runs of nearly equal length: no sliver of a block at the end. */
function slices(indices: readonly number[], size: number): number[][] {
  const count = Math.ceil(indices.length / size);
  const out: number[][] = [];
  for (let k = 0; k < count; k++) out.push(indices.slice(Math.floor((k * indices.length) / count), Math.floor(((k + 1) * indices.length) / count)));
  return out;
}

/** All the requests for a sources × destinations table, in row-block order. */
export function planTable(
  points: readonly Location[],
  sources: readonly number[],
  destinations: readonly number[],
  limits: ChunkLimits,
): TableRequest[] {
  const requests: TableRequest[] = [];
  // Each point is formatted once, not once per block it appears in.
  const formatted = new Map<number, string>();
  const coordinateOf = coordinatesOf(points, (index) => {
    let text = formatted.get(index);
    if (text === undefined) {
      text = formatCoordinate(points[index]);
      formatted.set(index, text);
    }
    return text;
  });
  const add = (s: readonly number[], d: readonly number[]): void => {
    const request = tableRequest(coordinateOf, s, d, limits);
    if (request.url.length <= limits.maxUrlLength) {
      requests.push(request);
      return;
    }
    if (s.length <= 1 && d.length <= 1) {
      throw new RangeError(`an OSRM table URL for two points is ${request.url.length} characters, over maxUrlLength ${limits.maxUrlLength}`);
    }
    if (s.length >= d.length) {
      const half = Math.ceil(s.length / 2);
      add(s.slice(0, half), d);
      add(s.slice(half), d);
    } else {
      const half = Math.ceil(d.length / 2);
      add(s, d.slice(0, half));
      add(s, d.slice(half));
    }
  };
  for (const s of slices(sources, limits.maxTableSize)) {
    for (const d of slices(destinations, limits.maxTableSize)) add(s, d);
  }
  return requests;
}

/** Runs `run` over the items, at most `limit` at a time; the first failure aborts the rest and is thrown. */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  run: (item: T, signal: AbortSignal) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const controller = new AbortController();
  const combined = signal ? AbortSignal.any([signal, controller.signal]) : controller.signal;
  const state: { next: number; failure?: { error: unknown } } = { next: 0 };
  const fail = (error: unknown): void => {
    if (state.failure !== undefined) return;
    state.failure = { error };
    controller.abort(error);
  };
  const worker = async (): Promise<void> => {
    while (state.failure === undefined && state.next < items.length) {
      const item = items[state.next++];
      try {
        await run(item, combined);
      } catch (error) {
        fail(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (state.failure !== undefined) throw state.failure.error;
}
