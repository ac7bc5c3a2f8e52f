/**
 * Travel-time matrices against the OSRM-protocol test server: how long a
 * 500- and a 1,000-point matrix take, fetched in 100×100 blocks, and how long
 * the Redis cache takes to answer the same portfolio again.
 *
 *   npm run build && node dist/bench/matrix.js [--sizes 500,1000] [--redis redis://127.0.0.1:6379]
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import type { Location } from '../src/contract/common.js';
import { createCachedTravelTimes } from '../src/matrix/cached.js';
import { createOsrm } from '../src/matrix/osrm.js';
import { startOsrmServer } from '../test/helpers/osrm-server.js';

const { values } = parseArgs({
  options: { sizes: { type: 'string', default: '500,1000' }, redis: { type: 'string', default: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' } },
});

/** Deterministic points within ~40 km of Rennes. */
function points(n: number): Location[] {
  let x = 12345;
  const next = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: n }, () => ({ lat: 48.11 + (next() - 0.5) * 0.7, lon: -1.68 + (next() - 0.5) * 1.0 }));
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await run();
  return [value, performance.now() - start];
}

const server = await startOsrmServer({ maxTableSize: 100 });
const redis = new Redis(values.redis, { maxRetriesPerRequest: 1 });
const prefix = `bench-matrix-${randomUUID()}`;
try {
  const osrm = createOsrm({ baseUrl: server.url, maxTableSize: 100 });
  console.log('points | direct ms | requests | cache miss ms | cache hit ms | hit requests');
  for (const n of values.sizes.split(',').map(Number)) {
    const list = points(n);
    const before = server.requests.length;
    const [, direct] = await timed(() => osrm.matrix(list));
    const requests = server.requests.length - before;
    const cached = createCachedTravelTimes(osrm, redis, { prefix: `${prefix}:${String(n)}`, ttlSeconds: 600 });
    const [, miss] = await timed(() => cached.matrix(list));
    const hitBefore = server.requests.length;
    const [, hit] = await timed(() => cached.matrix(list));
    const hitRequests = server.requests.length - hitBefore;
    console.log(`${String(n).padStart(6)} | ${direct.toFixed(0).padStart(9)} | ${String(requests).padStart(8)} | ${miss.toFixed(0).padStart(13)} | ${hit.toFixed(0).padStart(12)} | ${String(hitRequests).padStart(12)}`);
  }
} finally {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
  await server.close();
}
