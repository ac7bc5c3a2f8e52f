import { fileURLToPath } from 'node:url';
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { PlanResult } from '../contract/plan-result.js';
import { configToEnv, type Config } from '../config.js';
import type { PlanJobData } from './keys.js';
import { createCallbackSender, createCallbackWorker } from './callbacks.js';
import { CANCELLED, configuredPlanQueue, type PlanJobHandle } from './plan-queue.js';

export interface PlanWorkerOptions {
  readonly config: Config;
  /** A blocking-capable connection (maxRetriesPerRequest: null). */
  readonly connection: Redis;
  readonly logger: Logger;
  /** The compiled processor; defaults to the one next to this file. */
  readonly processorFile?: string;
}

export interface PlanWorker {
  readonly worker: Worker<PlanJobData, PlanResult>;
  close(): Promise<void>;
}

export const DEFAULT_PROCESSOR = fileURLToPath(new URL('./processor.js', import.meta.url));

/** A BullMQ worker running the plan processor in child processes. */
export function createPlanWorker(options: PlanWorkerOptions): PlanWorker {
  const { config, connection, logger } = options;
  const worker = new Worker<PlanJobData, PlanResult>(config.QUEUE_NAME, options.processorFile ?? DEFAULT_PROCESSOR, {
    connection,
    prefix: config.QUEUE_PREFIX,
    concurrency: config.WORKER_CONCURRENCY,
    useWorkerThreads: false,
    workerForkOptions: { env: { ...process.env, ...configToEnv(config) }, execArgv: [`--max-old-space-size=${String(config.WORKER_MAX_MEMORY_MB)}`] },
    lockDuration: config.WORKER_LOCK_MS,
    stalledInterval: config.WORKER_LOCK_MS,
  });
  worker.on('error', (err) => {
    logger.error({ err }, 'worker error');
  });
  worker.on('active', (job) => {
    logger.info({ jobId: job.id, repId: job.data.request.rep.id, reqId: job.data.requestId }, 'plan started');
  });
  const callbacks = createCallbackSender(config, connection);
  const plans = configuredPlanQueue(config, connection);
  const callbackWorker = createCallbackWorker(config, connection, logger, (id) => plans.get(id));
  // The processor queues the callback itself; this covers plans that end outside it (crashes, stalls).
  const notify = (job: PlanJobHandle) => {
    const url = job.data.request.callbackUrl;
    if (!url || !job.id) return;
    callbacks.send({ planId: job.id, url }).catch((err: unknown) => {
      logger.error({ err, jobId: job.id }, 'could not queue the callback');
    });
  };
  worker.on('completed', (job) => {
    logger.info({ jobId: job.id, reqId: job.data.requestId }, 'plan completed');
    notify(job);
  });
  worker.on('failed', (job, err) => {
    const cancelled = err.message === CANCELLED;
    logger[cancelled ? 'info' : 'warn']({ jobId: job?.id, reqId: job?.data.requestId, err: cancelled ? undefined : err }, cancelled ? 'plan cancelled' : 'plan failed');
    // finishedOn is set only when no attempt is left.
    if (job?.finishedOn) notify(job);
  });
  worker.on('stalled', (jobId) => {
    logger.warn({ jobId }, 'plan job stalled');
  });

  return {
    worker,
    async close() {
      await worker.close();
      await callbackWorker.close();
      await callbacks.close();
      await plans.close();
    },
  };
}
