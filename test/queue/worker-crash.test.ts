import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { QueueEvents } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlanRequest } from '../../src/contract/plan-request.js';
import { configToEnv } from '../../src/config.js';
import { pointsOf } from '../../src/domain/compile.js';
import { createHaversine } from '../../src/matrix/haversine.js';
import { checkPlanResult } from '../helpers/check-result.js';
import { finished } from '../helpers/jobs.js';
import { smallRequest } from '../helpers/requests.js';
import { startService, testConfig, type TestService } from '../helpers/service.js';

const WORKER = fileURLToPath(new URL('../../dist/src/bin/worker.js', import.meta.url));

let service: TestService;
let events: QueueEvents;
beforeEach(async () => {
  service = await startService(testConfig({ WORKER_LOCK_MS: '1000', JOB_ATTEMPTS: '2' }));
  events = new QueueEvents(service.config.QUEUE_NAME, { connection: { url: service.config.REDIS_URL }, prefix: service.config.QUEUE_PREFIX });
  await events.waitUntilReady();
});
afterEach(async () => {
  await events.close();
  await service.close();
});

function progressOf(jobId: string): Promise<void> {
  return new Promise((resolve) => {
    const listener = ({ jobId: id }: { jobId: string }) => {
      if (id !== jobId) return;
      events.off('progress', listener);
      resolve();
    };
    events.on('progress', listener);
  });
}

describe('a worker that dies mid-plan', () => {
  it('loses nothing: another worker takes the plan over and completes it', async () => {
    const body = smallRequest({ options: { timeLimitSeconds: 3, seed: 1 } });
    const { id } = (await service.app.inject({ method: 'POST', url: '/v1/plans', payload: body })).json<{ id: string }>();

    // A worker in its own process group, killed without warning once its search runs.
    const running = progressOf(id);
    const crashing = spawn(process.execPath, [WORKER], { env: { ...process.env, ...configToEnv(service.config) }, detached: true, stdio: 'ignore' });
    await running;
    const exited = new Promise((resolve) => crashing.once('exit', resolve));
    process.kill(-(crashing.pid ?? 0), 'SIGKILL');
    await exited;

    const worker = service.startWorker();
    expect(await finished(worker, id)).toBe('completed');
    const job = await service.plans.read(id);
    expect(job?.status).toBe('completed');
    expect(job?.attempts).toBeGreaterThanOrEqual(2);
    const request = PlanRequest.parse(body);
    const result = job?.result;
    if (!result) throw new Error('no result');
    checkPlanResult(request, await createHaversine({}).matrix(pointsOf(request)), result, { today: '2026-11-23' });
  });
});
