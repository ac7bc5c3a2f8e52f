/**
 * SIGTERM ends the service within its grace period whatever its dependencies
 * do: with Redis killed, and with a plan stuck on an OSRM that never answers.
 * Each test runs its own redis-server and the compiled service as a process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { createPlanQueue } from '../../src/queue/plan-queue.js';
import { smallRequest } from '../helpers/requests.js';

const START = fileURLToPath(new URL('../../dist/src/bin/start.js', import.meta.url));

interface LogLine {
  msg: string;
  [key: string]: unknown;
}

/** A child process whose pino lines can be awaited. */
function watched(child: ChildProcess) {
  const lines: LogLine[] = [];
  const waiters: { test: (l: LogLine) => boolean; resolve: (l: LogLine) => void }[] = [];
  if (child.stdout) {
    createInterface({ input: child.stdout }).on('line', (text) => {
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        return;
      }
      lines.push(line);
      for (const w of waiters.filter((x) => x.test(line))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    });
  }
  return {
    lines,
    until: (test: (l: LogLine) => boolean) => new Promise<LogLine>((resolve) => {
      const seen = lines.find(test);
      if (seen) resolve(seen);
      else waiters.push({ test, resolve });
    }),
  };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const clean of cleanups.splice(0)) clean();
});

async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  return typeof address === 'object' && address ? address.port : 0;
}

async function startRedis(): Promise<{ url: string; process: ChildProcess }> {
  const dir = mkdtempSync(join(tmpdir(), 'tournee-shutdown-'));
  const port = await freePort();
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  cleanups.push(() => {
    redis.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  const output = createInterface({ input: redis.stdout });
  for await (const line of output) if (line.includes('Ready to accept connections')) break;
  return { url: `redis://127.0.0.1:${String(port)}`, process: redis };
}

function startService(env: Record<string, string>) {
  const child = spawn(process.execPath, [START], { env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', SHUTDOWN_GRACE_SECONDS: '3', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  cleanups.push(() => child.kill('SIGKILL'));
  return { child, log: watched(child) };
}

describe('shutdown', () => {
  it('ends within its grace period after Redis is gone, having logged the outage calmly', async () => {
    const redis = await startRedis();
    const { child, log } = startService({ REDIS_URL: redis.url });
    await log.until((l) => l.msg.startsWith('Server listening'));
    redis.process.kill('SIGKILL');
    await log.until((l) => l.msg === 'redis (api) is unreachable');
    await log.until((l) => l.msg === 'redis (worker) is unreachable');
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
    expect(log.lines.map((l) => l.msg)).toContain('closed');
    // Each connection's outage is one line, not one per reconnection attempt.
    expect(log.lines.filter((l) => l.msg.endsWith('is unreachable')).length).toBeLessThanOrEqual(3);
  });

  it('ends within its grace period while a plan waits on an OSRM that never answers', async () => {
    const silent: Socket[] = [];
    const osrm: Server = createServer((socket) => silent.push(socket));
    osrm.listen(0, '127.0.0.1');
    await once(osrm, 'listening');
    cleanups.push(() => {
      for (const s of silent) s.destroy();
      osrm.close();
    });
    const address = osrm.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const redis = await startRedis();
    const { child, log } = startService({ REDIS_URL: redis.url, OSRM_URL: `http://127.0.0.1:${String(port)}`, OSRM_TIMEOUT_MS: '60000' });
    const listening = await log.until((l) => l.msg.startsWith('Server listening'));
    const url = /http:\/\/[\d.]+:\d+/.exec(listening.msg)?.[0] ?? '';
    const body = smallRequest({ options: { timeLimitSeconds: 5, travelTimes: 'osrm' } });
    const asked = once(osrm, 'connection');
    const res = await fetch(`${url}/v1/plans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(202);
    await log.until((l) => l.msg === 'plan started');
    await asked;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
    expect(log.lines.map((l) => l.msg)).toContain('closed');
    // The plan cut short went back to the queue for another worker, neither failed nor lost.
    const { id } = (await res.json()) as { id: string };
    const connection = new Redis(redis.url);
    const { QUEUE_NAME, QUEUE_PREFIX } = defaultConfig();
    const plans = createPlanQueue({ connection, queueName: QUEUE_NAME, prefix: QUEUE_PREFIX, attempts: 1, resultTtlSeconds: 60 });
    await once(connection, 'ready');
    try {
      expect((await plans.read(id))?.status).toBe('queued');
    } finally {
      await plans.close();
      connection.disconnect();
    }
  });
});
