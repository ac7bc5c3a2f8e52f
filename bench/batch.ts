/**
 * Batch throughput: a team of reps submitted as one batch, planned by 1, 2, …
 * compiled worker processes (each with WORKER_CONCURRENCY=1: one solver child)
 * against one Redis (its own redis-server on a free port). Reports the time
 * from submission to the batch's end, plans per minute, and per worker.
 * Each plan has the same iteration budget, so the work per plan is fixed and
 * the figures compare worker counts, not search luck.
 *
 *   npm run bench:batch [-- --reps 40 --accounts 80 --iterations 2000 --workers 1,2,3]
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort, until } from './processes.js';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { BatchRequest, type BatchRequestInput } from '../src/contract/batch.js';
import { configToEnv, defaultConfig } from '../src/config.js';
import { batchQueueName, createBatchQueue } from '../src/queue/batch-queue.js';
import { configuredPlanQueue } from '../src/queue/plan-queue.js';

const { values } = parseArgs({
  options: {
    reps: { type: 'string', default: '40' },
    accounts: { type: 'string', default: '80' },
    iterations: { type: 'string', default: '2000' },
    workers: { type: 'string', default: '1,2,3' },
  },
});
const REPS = Number(values.reps);
const ACCOUNTS = Number(values.accounts);
const ITERATIONS = Number(values.iterations);
const WORKER_COUNTS = values.workers.split(',').map(Number);
const WORKER = fileURLToPath(new URL('../src/bin/worker.js', import.meta.url));

/** A team around Rennes: each rep a home and its own accounts, weekly or fortnightly, seeded. */
function team(): BatchRequestInput {
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const reps = Array.from({ length: REPS }, (_, r) => {
    const home = { lat: 47.8 + random() * 0.6, lon: -2.0 + random() * 0.8 };
    const accounts = Array.from({ length: ACCOUNTS }, (_, a) => ({
      id: `r${String(r)}-a${String(a)}`,
      location: { lat: home.lat + (random() - 0.5) * 0.3, lon: home.lon + (random() - 0.5) * 0.4 },
      visitMinutes: 30 + Math.floor(random() * 4) * 15,
      frequency: { visits: 1, perWeeks: random() < 0.6 ? 1 : 2 },
      priority: 1 + Math.floor(random() * 5),
      lastVisit: '2026-11-23',
    }));
    return { rep: { id: `rep-${String(r)}`, start: home, workingHours: [{ days: ['mon' as const, 'tue' as const, 'wed' as const, 'thu' as const, 'fri' as const], start: '08:00', end: '18:00' }] }, accounts };
  });
  return { timezone: 'Europe/Paris', horizon: { start: '2026-11-30', days: 5 }, options: { timeLimitSeconds: 120, seed: 1, iterations: ITERATIONS, travelTimes: 'haversine' }, reps };
}

interface Run {
  readonly seconds: number;
  /** Mean time a worker spent on one plan (BullMQ's processedOn to finishedOn). */
  readonly perPlan: number;
}

async function run(redisUrl: string, workers: number): Promise<Run> {
  const config = defaultConfig({ REDIS_URL: redisUrl, QUEUE_NAME: `bench-${String(workers)}-${String(Date.now())}`, LOG_LEVEL: 'warn' });
  const env = { ...process.env, ...configToEnv(config), WORKER_CONCURRENCY: '1' };
  const children = Array.from({ length: workers }, () => spawn(process.execPath, [WORKER], { env, stdio: 'ignore' }));
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const plans = configuredPlanQueue(config, connection);
  const batches = createBatchQueue({ config, connection, plans });
  const watch = new Queue(config.QUEUE_NAME, { connection, prefix: config.QUEUE_PREFIX });
  const events = new QueueEvents(batchQueueName(config), { connection: { url: redisUrl }, prefix: config.QUEUE_PREFIX });
  // A worker that cannot start (a wrong Node, say) ends the run rather than leaving it waiting.
  const crashed = new Promise<never>((_, reject) => {
    for (const child of children) child.once('exit', (code) => { reject(new Error(`a worker process exited with code ${String(code)}`)); });
  });
  crashed.catch(() => undefined);
  try {
    await events.waitUntilReady();
    // Every worker is connected before the clock starts.
    const ready = async () => {
      while ((await watch.getWorkers()).length < workers) await new Promise((resolve) => setTimeout(resolve, 50));
    };
    await Promise.race([ready(), crashed]);
    const request = BatchRequest.parse(team());
    const started = performance.now();
    const { id } = await batches.submit(request, { owner: 'bench', requestId: 'bench' });
    const ended = new Promise<void>((resolve) => {
      events.on('completed', ({ jobId }) => {
        if (jobId === id) resolve();
      });
    });
    await Promise.race([ended, crashed]);
    const seconds = (performance.now() - started) / 1000;
    const batch = await batches.get(id, 'bench');
    if (batch?.counts.completed !== REPS) throw new Error(`only ${String(batch?.counts.completed)} of ${String(REPS)} plans completed`);
    const jobs = await watch.getJobs(['completed']);
    const perPlan = jobs.reduce((sum, j) => sum + ((j.finishedOn ?? 0) - (j.processedOn ?? 0)), 0) / jobs.length / 1000;
    return { seconds, perPlan };
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null ? once(c, 'exit') : Promise.resolve())));
    await events.close();
    await watch.obliterate({ force: true });
    await watch.close();
    await batches.close();
    await plans.close();
    connection.disconnect();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'tournee-bench-batch-'));
const redisPort = await freePort();
const redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
try {
  await until(redis, 'Ready to accept connections');
  console.log(`${String(REPS)} reps × ${String(ACCOUNTS)} accounts, ${String(ITERATIONS)} iterations per plan, haversine, node ${process.version}`);
  console.log(`load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${String(cpus().length)} cores`);
  console.log('workers  seconds  plans/min  plans/min/worker  s/plan in a worker');
  for (const workers of WORKER_COUNTS) {
    const { seconds, perPlan } = await run(`redis://127.0.0.1:${String(redisPort)}`, workers);
    const perMinute = (REPS / seconds) * 60;
    console.log(`${String(workers).padStart(7)}  ${seconds.toFixed(1).padStart(7)}  ${perMinute.toFixed(1).padStart(9)}  ${(perMinute / workers).toFixed(1).padStart(16)}  ${perPlan.toFixed(2).padStart(18)}`);
  }
} finally {
  redis.kill('SIGTERM');
  await once(redis, 'exit');
  rmSync(dir, { recursive: true, force: true });
}
