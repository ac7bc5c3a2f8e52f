import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { PlanResult } from '../contract/plan-result.js';
import { configToEnv, type Config } from '../config.js';
import { outageLog } from '../logger.js';
import type { PlanJobData } from './keys.js';
import type { Lookup } from './callback-http.js';
import type { BatchOutcome } from '../contract/batch.js';
import { createBatchQueue, type BatchJobData } from './batch-queue.js';
import { createBatchWorker } from './batch-worker.js';
import { createCallbackSender, createCallbackWorker } from './callbacks.js';
import { queueKeys } from './keys.js';
import { createTally } from './metrics.js';
import { configuredPlanQueue, type PlanJobHandle } from './plan-queue.js';
import { CANCELLED } from './plan-view.js';

export interface PlanWorkerOptions {
  readonly config: Config;
  /** A blocking-capable connection (maxRetriesPerRequest: null). */
  readonly connection: Redis;
  readonly logger: Logger;
  /** The compiled processor; defaults to the one next to this file. */
  readonly processorFile?: string;
  /** Name resolution for callbacks, injectable for tests. */
  readonly lookup?: Lookup;
}

export interface PlanWorker {
  readonly worker: Worker<PlanJobData, PlanResult>;
  /** Ends batches once their plans have ended. */
  readonly batchWorker: Worker<BatchJobData, BatchOutcome>;
  /**
   * Stops taking plans and waits up to `waitMs` for running ones, then stops
   * (a plan cut short is taken over by another worker once its lock expires).
   */
  close(waitMs?: number): Promise<void>;
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
    workerForkOptions: { env: { ...withoutSecrets(process.env), ...configToEnv(config) }, execArgv: [`--max-old-space-size=${String(config.WORKER_MAX_MEMORY_MB)}`] },
    lockDuration: config.WORKER_LOCK_MS,
    stalledInterval: config.WORKER_LOCK_MS,
    // Recorded with each job it takes (processedBy): which process ran a plan.
    name: `${hostname()}:${String(process.pid)}`,
  });
  // A worker without Redis reports every reconnection: once, then calmly.
  const errors = outageLog(logger, 'plan worker');
  worker.on('error', (err) => {
    errors.failed(err);
  });
  worker.on('active', (job) => {
    errors.recovered();
    logger.info({ jobId: job.id, repId: job.data.request.rep.id, reqId: job.data.requestId }, 'plan started');
  });
  const callbacks = createCallbackSender(config, connection);
  const plans = configuredPlanQueue(config, connection, callbacks);
  const batches = createBatchQueue({ config, connection, plans, callbacks });
  const tally = createTally(connection, queueKeys(config.QUEUE_PREFIX, config.QUEUE_NAME).metrics);
  const batchWorker = createBatchWorker({ config, connection, logger, batches, callbacks, tally });
  const callbackWorker = createCallbackWorker({
    config,
    connection,
    logger,
    readPlan: (id) => plans.read(id),
    readBatch: (id) => batches.read(id),
    ...(options.lookup ? { lookup: options.lookup } : {}),
  });
  // The plan's end, as BullMQ has recorded it: retention starts and the callback is due.
  const ended = (job: PlanJobHandle) => {
    if (!job.id) return;
    plans.ended(job.id, job.data.request.callbackUrl).catch((err: unknown) => {
      logger.error({ err, jobId: job.id }, 'could not record the end of a plan');
    });
  };
  worker.on('completed', (job) => {
    logger.info({ jobId: job.id, reqId: job.data.requestId }, 'plan completed');
    ended(job);
  });
  worker.on('failed', (job, err) => {
    const cancelled = err.message === CANCELLED;
    logger[cancelled ? 'info' : 'warn']({ jobId: job?.id, reqId: job?.data.requestId, err: cancelled ? undefined : err }, cancelled ? 'plan cancelled' : 'plan failed');
    // finishedOn is set only when no attempt is left.
    if (job?.finishedOn) ended(job);
  });
  worker.on('stalled', (jobId) => {
    logger.warn({ jobId }, 'plan job stalled');
  });

  let closing: Promise<void> | undefined;
  const close = async (waitMs: number): Promise<void> => {
    // pause() waits for running jobs without committing to a close, so the close below can still be forced.
    const idle = Promise.all([worker.pause(), callbackWorker.worker.pause(), batchWorker.pause()]);
    if (waitMs > 0) await Promise.race([idle, sleep(waitMs)]);
    await Promise.all([worker.close(true), callbackWorker.close(true), batchWorker.close(true)]);
    await callbacks.close();
    await batches.close();
    await plans.close();
  };
  return {
    worker,
    batchWorker,
    // Closing twice (a signal during a close, a test and its teardown) waits for the one close.
    close: (waitMs = Infinity) => (closing ??= close(waitMs)),
  };
}

/** The parent's environment for solver children, less what they have no use for. */
/** The variables a solver child process needs besides the configuration; nothing else of the parent's. */
const PASSED_ON = ['PATH', 'HOME', 'TZ', 'LANG', 'LC_ALL', 'NODE_EXTRA_CA_CERTS', 'NODE_OPTIONS', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY'];

function withoutSecrets(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => PASSED_ON.includes(key)));
}

function sleep(ms: number): Promise<void> {
  return Number.isFinite(ms) ? new Promise((resolve) => setTimeout(resolve, ms).unref()) : new Promise(() => undefined);
}
