/**
 * Travel-time matrices of 500 and 1,000 points: the client's time (`createOsrm(...)
 * .matrix()`, blocks of 100 × 100 fetched 4 at a time) over one direct `table` call
 * of all the points to the same server (the request sent and the whole answer
 * received, nothing parsed), the CPU time the client's own work took, and a Redis
 * cache hit's time over the client's fetch.
 * Against the OSRM test double (its own processes, `--max-table-size 10000` so that
 * the direct call is one request, and as many threads as osrm-routed's default, one
 * per core), then against `OSRM_URL` when it is set (its `--max-table-size` must
 * allow the direct call). Each figure is the median of the runs.
 *
 *   npm run bench:matrix [-- --sizes 500,1000 --runs 5 --threads 2 --redis redis://127.0.0.1:6379]
 */
import { randomUUID } from 'node:crypto';
import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import type { Location } from '../src/contract/common.js';
import { createCachedTravelTimes } from '../src/matrix/cached.js';
import { formatCoordinate } from '../src/matrix/chunk.js';
import { createOsrm } from '../src/matrix/osrm.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '500,1000' },
    runs: { type: 'string', default: '5' },
    threads: { type: 'string', default: String(availableParallelism()) },
    redis: { type: 'string', default: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const runs = Number(values.runs);

/** Deterministic points within ~40 km of Rennes. */
function points(n: number): Location[] {
  let x = 12345;
  const next = (): number => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: n }, () => ({ lat: 48.11 + (next() - 0.5) * 0.7, lon: -1.68 + (next() - 0.5) * 1.0 }));
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/** Wall time, and CPU time of this process (the client's own work: the double runs in other processes). */
async function timedWithCpu(run: () => Promise<unknown>): Promise<[number, number]> {
  const cpu = process.cpuUsage();
  const wall = await timed(run);
  const used = process.cpuUsage(cpu);
  return [wall, (used.user + used.system) / 1000];
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** One `table` request of every point, read to its end. */
async function directCall(baseUrl: string, list: readonly Location[]): Promise<void> {
  const url = `${baseUrl}/table/v1/driving/${list.map(formatCoordinate).join(';')}?annotations=duration,distance&generate_hints=false`;
  const response = await fetch(url);
  const body = await response.arrayBuffer();
  if (!response.ok) throw new Error(`the direct call was refused (HTTP ${response.status}): ${Buffer.from(body).toString().slice(0, 200)}`);
}

interface Figures {
  direct: number;
  client: number;
  clientCpu: number;
  fill: number;
  hit: number;
}

async function measure(baseUrl: string, redis: Redis, n: number): Promise<Figures> {
  const list = points(n);
  const osrm = createOsrm({ baseUrl, maxTableSize: 100 });
  const direct = await timed(() => directCall(baseUrl, list));
  const [client, clientCpu] = await timedWithCpu(() => osrm.matrix(list));
  const cached = createCachedTravelTimes(osrm, redis, { prefix: `bench-matrix-${randomUUID()}`, ttlSeconds: 600 });
  const fill = await timed(() => cached.matrix(list));
  const hit = await timed(() => cached.matrix(list));
  return { direct, client, clientCpu, fill, hit };
}

async function report(target: string, baseUrl: string, redis: Redis): Promise<void> {
  console.log(`\n${target}: ${baseUrl}; client maxTableSize 100, concurrency 4; median of ${runs} runs`);
  console.log('points | direct ms | client ms | client/direct | client CPU ms | cache fill ms | cache hit ms | hit/fetch');
  await createOsrm({ baseUrl }).matrix(points(200)); // warm-up
  for (const n of sizes) {
    const all: Figures[] = [];
    for (let k = 0; k < runs; k++) all.push(await measure(baseUrl, redis, n));
    const m = (key: keyof Figures): number => median(all.map((f) => f[key]));
    const ratio = (key: keyof Figures, over: keyof Figures): number => median(all.map((f) => f[key] / f[over]));
    const cells = [m('direct').toFixed(0), m('client').toFixed(0), ratio('client', 'direct').toFixed(2), m('clientCpu').toFixed(0), m('fill').toFixed(0), m('hit').toFixed(0), ratio('hit', 'client').toFixed(2)];
    const widths = [9, 9, 13, 13, 13, 12, 9];
    console.log([String(n).padStart(6), ...cells.map((c, i) => c.padStart(widths[i] ?? 0))].join(' | '));
  }
}

function startDouble(): Promise<{ url: string; server: ChildProcess }> {
  const server = fork(new URL('./osrm-double.js', import.meta.url), ['10000', values.threads]);
  return new Promise((resolve, reject) => {
    server.once('message', (url: unknown) => { resolve({ url: String(url), server }); });
    server.once('error', reject);
  });
}

const redis = new Redis(values.redis, { maxRetriesPerRequest: 1 });
const double = await startDouble();
try {
  await report(`OSRM test double (${values.threads} threads)`, double.url, redis);
  if (process.env.OSRM_URL) {
    await report('OSRM_URL', process.env.OSRM_URL.replace(/\/+$/, ''), redis).catch((error: unknown) => {
      console.log(`OSRM_URL: not measured: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
} finally {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', 'bench-matrix-*', 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
  double.server.disconnect();
}
