/**
 * Load on the HTTP API: POST /v1/plans next to GET /health, in the same run,
 * against the compiled API process on loopback with a real Redis (its own
 * redis-server on a free port), and the API's resident memory over the POST
 * run. Plans are only queued (no worker runs): this measures submission.
 *
 *   npm run bench:api [-- --seconds 60 --health-seconds 20 --connections 50]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort, until } from './processes.js';
import autocannon, { type Result } from 'autocannon';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    'health-seconds': { type: 'string', default: '20' },
    connections: { type: 'string', default: '50' },
    'log-level': { type: 'string', default: 'info' },
  },
});
const SECONDS = Number(values.seconds);
const HEALTH_SECONDS = Number(values['health-seconds']);
const CONNECTIONS = Number(values.connections);
const KEY = 'bench-key-0123456789abcdef';
const API = fileURLToPath(new URL('../src/bin/api.js', import.meta.url));
const BODY = readFileSync(fileURLToPath(new URL('../../examples/small.json', import.meta.url)), 'utf8');

/** Waits (up to 10 s) for the API to answer. */
async function listening(url: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer`);
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

function load(url: string, seconds: number, post: boolean): Promise<Result> {
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    method: post ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json', 'x-api-key': KEY },
    ...(post ? { body: BODY } : {}),
  });
}

function line(name: string, r: Result): string {
  const ok = r.requests.total === 0 ? 0 : (r['2xx'] / r.requests.total) * 100;
  return `${name.padEnd(16)} ${r.requests.average.toFixed(0).padStart(8)} ${String(r.latency.p50).padStart(8)} ${String(r.latency.p99).padStart(8)} ${ok.toFixed(1).padStart(7)} ${String(r.errors + r.timeouts).padStart(7)}`;
}

const dir = mkdtempSync(join(tmpdir(), 'tournee-bench-api-'));
const redisPort = await freePort();
const redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
let api: ChildProcess | undefined;
try {
  await until(redis, 'Ready to accept connections');
  const port = await freePort();
  api = spawn(process.execPath, [...((process.env.BENCH_NODE_OPTIONS ?? '').split(' ').filter((o) => o.length > 0)), API], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      REDIS_URL: `redis://127.0.0.1:${String(redisPort)}`,
      LOG_LEVEL: values['log-level'],
      API_KEYS: `bench:${KEY}`,
      // The limiter runs (and counts in Redis) but never refuses.
      RATE_LIMIT_SUBMIT: '1000000000',
      RATE_LIMIT_READ: '1000000000',
    },
    // Logs go nowhere: a pipe nobody reads would fill and hold them in the API's memory.
    stdio: ['ignore', process.env.BENCH_API_STDOUT ? 'inherit' : 'ignore', 'inherit'],
  });
  const pid = api.pid ?? 0;
  const base = `http://127.0.0.1:${String(port)}`;
  await listening(`${base}/health`);
  await load(`${base}/v1/plans`, 3, true);
  await load(`${base}/health`, 2, false);

  const health = await load(`${base}/health`, HEALTH_SECONDS, false);
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(rssMb(pid)), 1000);
  const post = await load(`${base}/v1/plans`, SECONDS, true);
  clearInterval(sampler);

  console.log(`${String(CONNECTIONS)} connections, node ${process.version}, log level ${values['log-level']}`);
  console.log('route            req/s    p50 ms   p99 ms    2xx %  errors');
  console.log(line('GET /health', health));
  console.log(line('POST /v1/plans', post));
  console.log(`POST / health throughput: ${(post.requests.average / health.requests.average).toFixed(2)}`);
  const tenth = Math.max(1, Math.floor(samples.length / 10));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  console.log(
    `API RSS over the ${String(SECONDS)} s POST run: first ${String(tenth)} s ${mean(samples.slice(0, tenth)).toFixed(0)} MB, ` +
      `last ${String(tenth)} s ${mean(samples.slice(-tenth)).toFixed(0)} MB, min ${Math.min(...samples).toFixed(0)} MB, max ${Math.max(...samples).toFixed(0)} MB`,
  );
  console.log(`RSS samples (MB, 1 s apart): ${samples.map((s) => s.toFixed(0)).join(' ')}`);
} finally {
  api?.kill('SIGTERM');
  if (api && api.exitCode === null) await once(api, 'exit');
  redis.kill('SIGTERM');
  await once(redis, 'exit');
  rmSync(dir, { recursive: true, force: true });
}
