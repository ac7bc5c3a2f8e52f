/**
 * A Redis cache in front of a travel-time provider, kept per cell so that a
 * replanned portfolio costs no table request and a portfolio with a few new
 * accounts fetches only the rows and columns of those accounts.
 *
 * Layout: one string per origin point, `{prefix}:v2:{source}:{profile}:{lat},{lon}`
 * (coordinates rounded to 5 decimals, about a metre), holding the origin's row in
 * binary (cache-row.ts): its snapping distance, which also marks the row as fetched,
 * then one entry per destination. A new row is written whole with the TTL; cells
 * fetched later are appended and leave the TTL as it is, so every cell is fetched
 * again from the routing engine at least every TTL (appending needs Redis 7 for
 * `EXPIRE … NX`). Unreachable cells and unsnappable points are never stored, so their
 * errors are raised again by a fresh request.
 *
 * The cache is an optimisation: when Redis fails, it logs a warning and the
 * provider is asked for everything. Give the client a `commandTimeout` so that a
 * hung Redis cannot stall a plan.
 */
import type { Redis } from 'ioredis';
import type { Location } from '../contract/common.js';
import { decodeRow, encodeRow, pointCode } from './cache-row.js';
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

/** A point as a key: `lat,lon` rounded to 5 decimals. */
export function pointKey(point: Location): string {
  const round = (x: number): string => (Math.round(x * 1e5) / 1e5).toFixed(5);
  return `${round(point.lat)},${round(point.lon)}`;
}

/** Origins per pipeline: bounds the memory of one round trip for large matrices. */
const BATCH = 100;

type Command = readonly [name: string, ...args: (string | number | Buffer)[]];

/**
 * Runs the commands in pipelines of BATCH, handing each reply to `onReply` as it
 * comes; the first error (ioredis reports them per reply), or undefined.
 */
async function run(redis: Redis, commands: readonly Command[], onReply: (reply: unknown, k: number) => void = () => undefined): Promise<Error | undefined> {
  try {
    for (let start = 0; start < commands.length; start += BATCH) {
      const results = (await redis.pipeline(commands.slice(start, start + BATCH).map((c) => [...c])).exec()) ?? [];
      for (const [k, [error, reply]] of results.entries()) {
        if (error !== null) return error;
        onReply(reply, start + k);
      }
    }
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
  return undefined;
}

export function createCachedTravelTimes(inner: TableTravelTimes, redis: Redis, options: CachedTravelTimesOptions): CachedTravelTimes {
  const ttlSeconds = options.ttlSeconds ?? 30 * 24 * 3600;
  const logger = options.logger;
  const stats = { hits: 0, misses: 0, fetches: 0 };
  const rowKey = (point: Location): string => `${options.prefix}:v2:${inner.source}:${inner.profile}:${pointKey(point)}`;

  /** Fills `raw` and `known` from Redis; returns which points have their whole row fetched once. */
  async function read(points: readonly Location[], codes: readonly number[], raw: RawMatrix, known: Uint8Array): Promise<boolean[]> {
    const rowKnown = points.map(() => false);
    const columns = new Map<number, number[]>();
    codes.forEach((code, j) => {
      const list = columns.get(code);
      if (list) list.push(j);
      else columns.set(code, [j]);
    });
    const error = await run(redis, points.map((p) => ['getBuffer', rowKey(p)]), (reply, i) => {
      if (!Buffer.isBuffer(reply)) return;
      const snap = decodeRow(reply, i, columns, raw, known);
      if (snap === undefined) return;
      rowKnown[i] = true;
      raw.snapMetres.set(i, snap);
    });
    if (error) {
      logger?.warn({ err: errorText(error) }, 'travel-time cache read failed; fetching every cell');
      known.fill(0);
      raw.durations.fill(UNREACHABLE);
      raw.distances.fill(UNREACHABLE);
      raw.snapMetres.clear();
      return points.map(() => false);
    }
    return rowKnown;
  }

  /**
   * Stores a fetched table: whole rows for points never fetched as origins, and the
   * cells that were missing for the others. Each destination goes once into a row.
   */
  async function write(points: readonly Location[], codes: readonly number[], table: Table, sources: readonly number[], destinations: readonly number[], fresh: readonly boolean[], known: Uint8Array): Promise<void> {
    const n = points.length;
    const commands: Command[] = [];
    sources.forEach((s, r) => {
      if (table.unsnapped.has(s)) return;
      const seen = new Set<number>();
      const cells: number[] = [];
      const durations: number[] = [];
      const distances: number[] = [];
      destinations.forEach((d, c) => {
        const duration = table.durations[r * destinations.length + c] ?? UNREACHABLE;
        const code = codes[d] ?? 0;
        if (duration === UNREACHABLE || table.unsnapped.has(d) || seen.has(code) || (!fresh[s] && known[s * n + d] === 1)) return;
        seen.add(code);
        cells.push(code);
        durations.push(duration);
        distances.push(table.distances[r * destinations.length + c] ?? UNREACHABLE);
      });
      const key = rowKey(points[s]);
      const snap = table.snapMetres.get(s);
      if (fresh[s]) {
        if (snap !== undefined) commands.push(['set', key, encodeRow(snap, cells, durations, distances), 'EX', ttlSeconds]);
      } else if (cells.length > 0) {
        commands.push(['append', key, encodeRow(undefined, cells, durations, distances)], ['expire', key, ttlSeconds, 'NX']);
      }
    });
    const error = await run(redis, commands);
    if (error) logger?.warn({ err: errorText(error) }, 'travel-time cache write failed');
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
      const codes = points.map(pointCode);
      const raw = emptyRawMatrix(n);
      const known = new Uint8Array(n * n);
      const rowKnown = await read(points, codes, raw, known);
      const hits = known.reduce((sum, k) => sum + k, 0);
      stats.hits += hits;
      stats.misses += n * n - hits;
      const parts = plan(n, rowKnown, known);
      const fresh = rowKnown.map((isKnown) => !isKnown);
      for (const [sources, destinations] of parts) {
        const table = await inner.table(points, sources, destinations, opts);
        stats.fetches++;
        putTable(raw, table, sources, destinations);
        await write(points, codes, table, sources, destinations, fresh, known);
      }
      logger?.debug?.({ points: n, hits, misses: n * n - hits, fetches: parts.length }, 'travel-time cache');
      return toMatrix(raw, inner.source, inner.maxSnapMetres);
    },
  };
}
