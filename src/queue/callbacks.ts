/**
 * Callbacks: when a plan ends, its `callbackUrl` receives one POST with the
 * plan's final status. A delivery is a job of its own queue, added when the
 * plan ends (by the processor, by the worker's events and by a cancel; the job
 * id makes these one), and retried with backoff until the receiver answers 2xx:
 * at least once, with a stable `webhook-id`, signed when CALLBACK_SECRET is set
 * (Standard Webhooks: `v1,` + base64 HMAC-SHA256 of "id.timestamp.body").
 * The status is read when delivering, so a callback never tells more than GET.
 */
import { createHmac } from 'node:crypto';
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { PlanJob } from '../contract/plan-job.js';
import type { Config } from '../config.js';
import { assertPublicAddress } from './public-address.js';

export interface CallbackData {
  readonly planId: string;
  readonly url: string;
}

export interface CallbackSender {
  send(data: CallbackData): Promise<void>;
  close(): Promise<void>;
}

export function callbackQueueName(config: Config): string {
  return `${config.QUEUE_NAME}-callbacks`;
}

export function createCallbackSender(config: Config, connection: Redis): CallbackSender {
  const queue = new Queue<CallbackData>(callbackQueueName(config), { connection, prefix: config.QUEUE_PREFIX });
  queue.on('error', () => undefined);
  return {
    async send(data) {
      await queue.add('callback', data, {
        jobId: `callback-${data.planId}`,
        attempts: config.CALLBACK_ATTEMPTS,
        backoff: { type: 'exponential', delay: 1000, jitter: 0.5 },
        removeOnComplete: { age: config.RESULT_TTL_SECONDS, count: config.RESULT_MAX_COUNT },
        removeOnFail: { age: config.RESULT_TTL_SECONDS, count: config.RESULT_MAX_COUNT },
      });
    },
    async close() {
      await queue.close();
    },
  };
}

export function callbackBody(plan: PlanJob): string {
  return JSON.stringify({
    type: `plan.${plan.status}`,
    id: plan.id,
    status: plan.status,
    finishedAt: plan.finishedAt ?? null,
    href: `/v1/plans/${plan.id}`,
  });
}

export function signature(secret: string, id: string, timestamp: string, body: string): string {
  return 'v1,' + createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`).digest('base64');
}

/** Delivers callbacks; the work is I/O only, so it runs in the worker process itself. */
export function createCallbackWorker(
  config: Config,
  connection: Redis,
  logger: Logger,
  readPlan: (planId: string) => Promise<PlanJob | null>,
): Worker<CallbackData> {
  const deliver = async (job: Job<CallbackData>) => {
    const plan = await readPlan(job.data.planId);
    if (!plan) throw new UnrecoverableError('the plan no longer exists');
    if (plan.status === 'queued' || plan.status === 'active') throw new Error('the plan has not finished yet');
    await assertPublicAddress(job.data.url, config.CALLBACK_ALLOW_PRIVATE);
    const body = callbackBody(plan);
    const id = `plan-${plan.status}-${plan.id}`;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const headers: Record<string, string> = { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': timestamp };
    if (config.CALLBACK_SECRET) headers['webhook-signature'] = signature(config.CALLBACK_SECRET, id, timestamp, body);
    const response = await fetch(job.data.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(config.CALLBACK_TIMEOUT_MS), redirect: 'manual' });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`callback answered ${String(response.status)}`);
  };
  const worker = new Worker<CallbackData>(callbackQueueName(config), deliver, { connection, prefix: config.QUEUE_PREFIX, concurrency: 4 });
  worker.on('error', (err) => {
    logger.error({ err }, 'callback worker error');
  });
  worker.on('failed', (job, err) => {
    logger.warn({ jobId: job?.data.planId, attempt: job?.attemptsMade, err: err.message }, 'callback delivery failed');
  });
  return worker;
}
