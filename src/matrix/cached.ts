/**
 * A Redis cache in front of a travel-time provider, kept per cell so that a
 * replanned portfolio costs no table request and a portfolio with a few new
 * accounts fetches only the rows and columns of those accounts.
 *
 * Layout: one hash per origin point, `{prefix}:v1:{source}:{profile}:{lat},{lon}`
 * (coordinates rounded to 5 decimals, about a metre), with one field per
 * destination point holding `"{seconds},{metres}"`, plus a `snap` field with the
 * origin's snapping distance, which also marks its row as fetched. Unreachable
 * cells and unsnappable points are never stored, so their errors are raised
 * again by a fresh request. Each write resets the hash's TTL; reads do not, so
 * cells are refreshed from the routing engine at least every TTL.
 *
 * The cache is an optimisation: when Redis fails, it logs a warning and the
 * provider is asked for everything. Give the client a `commandTimeout` so that a
 * hung Redis cannot stall a plan.
 */
import type { Redis } from 'ioredis';
import type { Location } from '../contract/common.js';
import { errorText } from './errors.js';
import type { MatrixLogger } from './retry.js';
import { UNREACHABLE, emptyRawMatrix, putTable, toMatrix, type RawMatrix, type Table, type TableTravelTimes } from './table.js';
import type { Matrix, MatrixOptions, TravelTimes } from './travel-times.js';

export interface CachedTravelTimesOptions {
  /** Key prefix, e.g. `tournee:matrix`. */
  readonly prefix: string;
  /** Lifetime of a written origin hash. Default 30 days. */
  readonly ttlSeconds?: number;
  readonly logger?: MatrixLogger;
}

/** Cells found in and missing from the cache, and sub-matrix requests made, since creation. */
export interface CacheStats {
  readonly hits: number;
  readonly misses: number;
  readonly fetches: number;
}

export interface CachedTravelTimes extends TravelTimes {
  stats(): CacheStats;
}

const SNAP = 'snap';

/** A point as a cache field: `lat,lon` rounded to 5 decimals. */
export function pointKey(point: Location): string {
  const round = (x: number): string => (Math.round(x * 1e5) / 1e5).toFixed(5);
  return `${round(point.lat)},${round(point.lon)}`;
}

/**
 * Redis's default hash-max-listpack-entries. Smaller rows are listpacks, where each
 * HMGET field is a linear scan, so they are read whole with HGETALL; larger rows are
 * hash tables, where HMGET is cheaper than building a large object from HGETALL.
 */
const LISTPACK_ENTRIES = 512;

/** A row as a field lookup, from an HGETALL (object) or HMGET (array after `snap`) reply. */
function rowLookup(reply: unknown, fields: readonly string[]): ((field: string) => string | undefined) | undefined {
  if (Array.isArray(reply) && reply.length === fields.length + 1) {
    const values = new Map<string, string>();
    reply.forEach((value: unknown, k) => {
      if (typeof value === 'string') values.set(k === 0 ? SNAP : (fields[k - 1] ?? ''), value);
    });
    return (field) => values.get(field);
  }
  if (typeof reply === 'object' && reply !== null && !Array.isArray(reply)) {
    return (field) => {
      const value: unknown = Object.hasOwn(reply, field) ? Reflect.get(reply, field) : undefined;
      return typeof value === 'string' ? value : undefined;
    };
  }
  return undefined;
}

function parseCell(value: string | null | undefined): [number, number] | undefined {
  if (value === null || value === undefined) return undefined;
  const comma = value.indexOf(',');
  const duration = Number(value.slice(0, comma));
  const distance = Number(value.slice(comma + 1));
  const valid = comma > 0 && Number.isInteger(duration) && Number.isInteger(distance) && duration >= 0 && distance >= 0;
  return valid ? [duration, distance] : undefined;
}

/** Origins per pipeline: bounds the memory of one round trip for large matrices. */
const BATCH = 100;

/** Runs the commands in pipelines of BATCH; the replies in order, or the first error (ioredis reports them per reply). */
async function run(redis: Redis, commands: readonly (readonly (string | number)[])[]): Promise<unknown[] | Error> {
  const replies: unknown[] = [];
  try {
    for (let start = 0; start < commands.length; start += BATCH) {
      const results = (await redis.pipeline(commands.slice(start, start + BATCH).map((c) => [...c])).exec()) ?? [];
      for (const [error, reply] of results) {
        if (error !== null) return error;
        replies.push(reply);
      }
    }
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
  return replies;
}

export function createCachedTravelTimes(inner: TableTravelTimes, redis: Redis, options: CachedTravelTimesOptions): CachedTravelTimes {
  const ttlSeconds = options.ttlSeconds ?? 30 * 24 * 3600;
  const logger = options.logger;
  const stats = { hits: 0, misses: 0, fetches: 0 };
  const hashKey = (field: string): string => `${options.prefix}:v1:${inner.source}:${inner.profile}:${field}`;

  /** Fills `raw` and `known` from Redis; returns which points have their row marked as fetched. */
  async function read(fields: readonly string[], raw: RawMatrix, known: Uint8Array): Promise<boolean[]> {
    const n = fields.length;
    const rowKnown = fields.map(() => false);
    const command = (field: string): string[] => (n < LISTPACK_ENTRIES ? ['hgetall', hashKey(field)] : ['hmget', hashKey(field), SNAP, ...fields]);
    const results = await run(redis, fields.map(command));
    if (results instanceof Error) {
      logger?.warn({ err: errorText(results) }, 'travel-time cache read failed; fetching every cell');
      return rowKnown;
    }
    results.forEach((reply, i) => {
      const row = rowLookup(reply, fields);
      const snap = Number(row?.(SNAP) ?? Number.NaN);
      if (row === undefined || !Number.isFinite(snap)) return;
      rowKnown[i] = true;
      raw.snapMetres.set(i, snap);
      for (let j = 0; j < n; j++) {
        const cell = parseCell(row(fields[j] ?? ''));
        if (cell === undefined) continue;
        raw.durations[i * n + j] = cell[0];
        raw.distances[i * n + j] = cell[1];
        known[i * n + j] = 1;
      }
    });
    return rowKnown;
  }

  async function write(fields: readonly string[], table: Table, sources: readonly number[], destinations: readonly number[], rows: ReadonlySet<number>): Promise<void> {
    const commands: (string | number)[][] = [];
    sources.forEach((s, r) => {
      if (table.unsnapped.has(s)) return;
      const key = hashKey(fields[s] ?? '');
      const hset: string[] = ['hset', key];
      destinations.forEach((d, c) => {
        const duration = table.durations[r * destinations.length + c] ?? UNREACHABLE;
        if (duration === UNREACHABLE || table.unsnapped.has(d)) return;
        hset.push(fields[d] ?? '', `${duration},${table.distances[r * destinations.length + c] ?? UNREACHABLE}`);
      });
      const snap = table.snapMetres.get(s);
      if (rows.has(s) && snap !== undefined) hset.push(SNAP, String(snap));
      if (hset.length > 2) commands.push(hset, ['expire', key, ttlSeconds]);
    });
    if (commands.length === 0) return;
    const results = await run(redis, commands);
    if (results instanceof Error) logger?.warn({ err: errorText(results) }, 'travel-time cache write failed');
  }

  /** The rectangles that cover every missing cell: new rows, new columns, then stray cells among known points. */
  function plan(n: number, rowKnown: readonly boolean[], known: Uint8Array): [number[], number[]][] {
    const all = rowKnown.map((_, i) => i);
    const fresh = all.filter((i) => !rowKnown[i]);
    const old = all.filter((i) => rowKnown[i]);
    const parts: [number[], number[]][] = [];
    if (fresh.length > 0) parts.push([fresh, all]);
    if (fresh.length > 0 && old.length > 0) parts.push([old, fresh]);
    const rows = old.filter((i) => old.some((j) => known[i * n + j] === 0));
    const cols = old.filter((j) => rows.some((i) => known[i * n + j] === 0));
    if (rows.length > 0) parts.push([rows, cols]);
    return parts;
  }

  return {
    source: inner.source,
    stats: () => ({ ...stats }),
    async matrix(points: readonly Location[], opts?: MatrixOptions): Promise<Matrix> {
      const n = points.length;
      if (n === 0) return inner.matrix(points, opts);
      const fields = points.map(pointKey);
      const raw = emptyRawMatrix(n);
      const known = new Uint8Array(n * n);
      const rowKnown = await read(fields, raw, known);
      const hits = known.reduce((sum, k) => sum + k, 0);
      stats.hits += hits;
      stats.misses += n * n - hits;
      const parts = plan(n, rowKnown, known);
      const freshRows = new Set(rowKnown.flatMap((isKnown, i) => (isKnown ? [] : [i])));
      for (const [sources, destinations] of parts) {
        const table = await inner.table(points, sources, destinations, opts);
        stats.fetches++;
        putTable(raw, table, sources, destinations);
        await write(fields, table, sources, destinations, freshRows);
      }
      logger?.debug?.({ points: n, hits, misses: n * n - hits, fetches: parts.length }, 'travel-time cache');
      return toMatrix(raw, inner.source, inner.maxSnapMetres);
    },
  };
}
