/**
 * Callbacks: when a plan ends, its `callbackUrl` receives one POST with the
 * plan's final status; a batch's, one POST when its last plan has ended. A delivery is a job of its own queue, one per plan (its
 * job id), retried with backoff until the receiver answers 2xx: at least once,
 * with a stable `webhook-id`, signed when CALLBACK_SECRET is set (Standard
 * Webhooks: `v1,` + base64 HMAC-SHA256 of "id.timestamp.body").
 * The body is built from the same read as GET, at delivery time, so a callback
 * always tells what GET tells; a delivery that finds the plan still running
 * waits (without spending an attempt) until the plan's end promotes it.
 */
import { createHmac } from 'node:crypto';
import { DelayedError, Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { BatchJob } from '../contract/batch.js';
import type { PlanJob } from '../contract/plan-job.js';
import type { Config } from '../config.js';
import { createCallbackClient, type Lookup } from './callback-http.js';
import { ForbiddenAddressError } from './public-address.js';

/** A plan's callback, or a batch's. */
export type CallbackData = { readonly planId: string; readonly url: string } | { readonly batchId: string; readonly url: string };

export interface CallbackSender {
  /** Queues the plan's callback (once per plan) and hurries a delivery that was waiting for the plan's end. */
  send(data: CallbackData): Promise<void>;
  /** Drops a plan's callback delivery, so that a plan reusing its id gets one of its own. */
  forget(planId: string): Promise<void>;
  close(): Promise<void>;
}

export function callbackQueueName(config: Config): string {
  return `${config.QUEUE_NAME}-callbacks`;
}

const jobIdOf = (data: CallbackData) => `callback-${'batchId' in data ? data.batchId : data.planId}`;

export function createCallbackSender(config: Config, connection: Redis): CallbackSender {
  const queue = new Queue<CallbackData>(callbackQueueName(config), { connection, prefix: config.QUEUE_PREFIX });
  queue.on('error', () => undefined);
  return {
    async send(data) {
      const jobId = jobIdOf(data);
      await queue.add('callback', data, {
        jobId,
        attempts: config.CALLBACK_ATTEMPTS,
        backoff: { type: 'exponential', delay: 1000, jitter: 0.5 },
        removeOnComplete: { age: config.RESULT_TTL_SECONDS },
        removeOnFail: { age: config.RESULT_TTL_SECONDS },
      });
      const job = await queue.getJob(jobId);
      if (job && (await job.isDelayed())) await job.promote().catch(() => undefined);
    },
    async forget(planId) {
      await queue.remove(jobIdOf({ planId, url: '' }));
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

export function batchCallbackBody(batch: BatchJob): string {
  return JSON.stringify({
    type: `batch.${batch.status}`,
    id: batch.id,
    status: batch.status,
    finishedAt: batch.finishedAt ?? null,
    href: `/v1/batches/${batch.id}`,
    counts: batch.counts,
  });
}

export function signature(secret: string, id: string, timestamp: string, body: string): string {
  return 'v1,' + createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`).digest('base64');
}

/** How long a delivery that found its plan still running waits before it looks again. */
const NOT_YET_MS = 1000;

export interface CallbackWorkerOptions {
  readonly config: Config;
  readonly connection: Redis;
  readonly logger: Logger;
  /** The plan as GET shows it, whoever owns it. */
  readonly readPlan: (planId: string) => Promise<PlanJob | null>;
  /** The batch as GET shows it, whoever owns it. */
  readonly readBatch: (batchId: string) => Promise<BatchJob | null>;
  /** Name resolution, injectable for tests. */
  readonly lookup?: Lookup;
}

export interface CallbackWorker {
  readonly worker: Worker<CallbackData>;
  close(force?: boolean): Promise<void>;
}

/** Delivers callbacks; the work is I/O only, so it runs in the worker process itself. */
export function createCallbackWorker(options: CallbackWorkerOptions): CallbackWorker {
  const { config, connection, logger, readPlan, readBatch } = options;
  const client = createCallbackClient({
    allowPrivate: config.CALLBACK_ALLOW_PRIVATE,
    timeoutMs: config.CALLBACK_TIMEOUT_MS,
    ...(options.lookup ? { lookup: options.lookup } : {}),
  });
  /** What to send for a plan or a batch, as GET shows it now; null when it is gone. */
  const describe = async (data: CallbackData) => {
    if ('batchId' in data) {
      const batch = await readBatch(data.batchId);
      return batch && { status: batch.status, id: `batch-${batch.status}-${batch.id}`, body: batchCallbackBody(batch) };
    }
    const plan = await readPlan(data.planId);
    return plan && { status: plan.status, id: `plan-${plan.status}-${plan.id}`, body: callbackBody(plan) };
  };
  const deliver = async (job: Job<CallbackData>, token?: string) => {
    const found = await describe(job.data);
    if (!found) throw new UnrecoverableError('the plan or batch no longer exists');
    if (found.status === 'queued' || found.status === 'active') {
      await job.moveToDelayed(Date.now() + NOT_YET_MS, token);
      throw new DelayedError();
    }
    const { body, id } = found;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const headers: Record<string, string> = { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': timestamp };
    if (config.CALLBACK_SECRET) headers['webhook-signature'] = signature(config.CALLBACK_SECRET, id, timestamp, body);
    const status = await client.post(job.data.url, headers, body).catch((error: unknown) => {
      throw error instanceof ForbiddenAddressError ? new UnrecoverableError(error.message) : error;
    });
    if (status < 200 || status >= 300) throw new Error(`callback answered ${String(status)}`);
  };
  const worker = new Worker<CallbackData>(callbackQueueName(config), deliver, { connection, prefix: config.QUEUE_PREFIX, concurrency: 4 });
  worker.on('error', () => undefined);
  worker.on('failed', (job, err) => {
    logger.warn({ jobId: job ? ('batchId' in job.data ? job.data.batchId : job.data.planId) : undefined, attempt: job?.attemptsMade, err: err.message }, 'callback delivery failed');
  });
  return {
    worker,
    async close(force = false) {
      await worker.close(force);
      await client.close();
    },
  };
}
