/**
 * A team of 50 reps planned by three worker processes (the compiled worker,
 * each running the compiled processor in its own children) against one Redis:
 * every plan completes, each process takes a share, and the batch ends with
 * exactly one callback.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { BatchJob, BatchRequest, SubmittedBatch, repPlan } from '../../src/contract/batch.js';
import { configToEnv } from '../../src/config.js';
import { pointsOf } from '../../src/domain/compile.js';
import { createHaversine } from '../../src/matrix/haversine.js';
import { callbackQueueName } from '../../src/queue/callbacks.js';
import { smallBatch } from '../helpers/batches.js';
import { startReceiver, type Receiver } from '../helpers/callback-receiver.js';
import { checkPlanResult } from '../helpers/check-result.js';
import { startService, testConfig, type TestService } from '../helpers/service.js';

const WORKER = fileURLToPath(new URL('../../dist/src/bin/worker.js', import.meta.url));
const SECRET = 'three-workers-secret-0123';

let service: TestService | undefined;
let hook: Receiver | undefined;
let workers: ChildProcess[] = [];
afterEach(async () => {
  await Promise.all(
    workers.map(async (w) => {
      if (w.exitCode !== null) return;
      const exited = new Promise((resolve) => w.once('exit', resolve));
      w.kill('SIGTERM');
      await exited;
    }),
  );
  workers = [];
  await service?.close();
  await hook?.close();
  service = undefined;
  hook = undefined;
});

/** Resolves once `n` workers are connected to the queue (BullMQ names their connections). */
async function connected(queue: Queue, n: number): Promise<void> {
  while ((await queue.getWorkers()).length < n) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('a 50-rep batch over three worker processes', () => {
  it('completes every plan, spreads them over the three, and calls back exactly once', async () => {
    hook = await startReceiver();
    service = await startService(testConfig({ CALLBACK_ALLOW_PRIVATE: 'true', CALLBACK_SECRET: SECRET }));
    const s = service;
    const env = { ...process.env, ...configToEnv(s.config), CALLBACK_SECRET: SECRET };
    workers = [0, 1, 2].map(() => spawn(process.execPath, [WORKER], { env, stdio: 'ignore' }));
    const plans = new Queue(s.config.QUEUE_NAME, { connection: s.redis, prefix: s.config.QUEUE_PREFIX });
    await connected(plans, 3);

    const body = smallBatch(50, { callbackUrl: hook.url });
    const res = await s.app.inject({ method: 'POST', url: '/v1/batches', payload: body });
    expect(res.statusCode).toBe(202);
    const submitted = SubmittedBatch.parse(res.json());

    const delivery = await hook.next();
    expect(JSON.parse(delivery.body)).toMatchObject({ type: 'batch.completed', id: submitted.id, counts: { completed: 50, failed: 0, cancelled: 0 } });
    const batch = BatchJob.parse((await s.app.inject({ method: 'GET', url: `/v1/batches/${submitted.id}` })).json());
    expect(batch).toMatchObject({ status: 'completed', percent: 100, counts: { completed: 50 } });

    // Exactly one: the batch's callback job is the only one, and it is done, so nothing more can be sent.
    const callbacks = new Queue(callbackQueueName(s.config), { connection: s.redis, prefix: s.config.QUEUE_PREFIX });
    expect(await callbacks.getJobCounts('completed', 'waiting', 'delayed', 'active', 'failed')).toEqual({ completed: 1, waiting: 0, delayed: 0, active: 0, failed: 0 });
    expect(hook.count()).toBe(1);

    const pids = new Set(workers.map((w) => String(w.pid)));
    const takers = new Set<string>();
    const request = BatchRequest.parse(body);
    for (const [i, ref] of submitted.plans.entries()) {
      const job = await plans.getJob(ref.planId);
      takers.add(job?.processedBy?.split(':').at(-1) ?? 'none');
      const rep = request.reps.at(i);
      const result = (await s.plans.read(ref.planId))?.result;
      if (!rep || !result) throw new Error(`no result for ${ref.repId}`);
      const own = repPlan(request, rep);
      checkPlanResult(own, await createHaversine({}).matrix(pointsOf(own)), result, { today: '2026-11-23' });
    }
    expect(takers).toEqual(pids);
    await Promise.all([plans.close(), callbacks.close()]);
  });
});
