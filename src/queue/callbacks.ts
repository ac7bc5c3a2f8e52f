/**
 * Callbacks: when a plan ends, its `callbackUrl` receives one POST. Deliveries
 * are jobs of their own queue, retried with backoff (at least once), carry a
 * stable `webhook-id`, and are signed when CALLBACK_SECRET is set
 * (Standard Webhooks: `v1,` + base64 HMAC-SHA256 of "id.timestamp.body").
 */
import { createHmac } from 'node:crypto';
import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { JobStatus } from '../api/schemas/plan-job.js';
import type { Config } from '../config.js';

export interface CallbackData {
  readonly planId: string;
  readonly status: Extract<JobStatus, 'completed' | 'failed' | 'cancelled'>;
  readonly url: string;
  readonly finishedAt: string;
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
      // One delivery per plan: the job id deduplicates a second report of the same end.
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

export function callbackBody(data: CallbackData): string {
  return JSON.stringify({ type: `plan.${data.status}`, id: data.planId, status: data.status, finishedAt: data.finishedAt, href: `/v1/plans/${data.planId}` });
}

export function signature(secret: string, id: string, timestamp: string, body: string): string {
  return 'v1,' + createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`).digest('base64');
}

/** Delivers callbacks; the work is I/O only, so it runs in the worker process itself. */
export function createCallbackWorker(config: Config, connection: Redis, logger: Logger): Worker<CallbackData> {
  const worker = new Worker<CallbackData>(
    callbackQueueName(config),
    async (job: Job<CallbackData>) => {
      const body = callbackBody(job.data);
      const id = `plan-${job.data.status}-${job.data.planId}`;
      const timestamp = String(Math.floor(Date.now() / 1000));
      const headers: Record<string, string> = { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': timestamp };
      if (config.CALLBACK_SECRET) headers['webhook-signature'] = signature(config.CALLBACK_SECRET, id, timestamp, body);
      const response = await fetch(job.data.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(config.CALLBACK_TIMEOUT_MS), redirect: 'manual' });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`callback answered ${String(response.status)}`);
    },
    { connection, prefix: config.QUEUE_PREFIX, concurrency: 4 },
  );
  worker.on('error', (err) => {
    logger.error({ err }, 'callback worker error');
  });
  worker.on('failed', (job, err) => {
    logger.warn({ jobId: job?.data.planId, attempt: job?.attemptsMade, err: err.message }, 'callback delivery failed');
  });
  return worker;
}
