/**
 * Ends batches: BullMQ runs a batch's parent job once every plan of it has
 * ended. The work is I/O only (read the plans, keep the outcome, queue the
 * callback), so it runs in the worker process itself.
 */
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { BatchOutcome } from '../contract/batch.js';
import type { Config } from '../config.js';
import { batchQueueName, type BatchJobData, type BatchQueue } from './batch-queue.js';
import type { CallbackSender } from './callbacks.js';
import type { Tally } from './metrics.js';

export interface BatchWorkerOptions {
  readonly config: Config;
  readonly connection: Redis;
  readonly logger: Logger;
  readonly batches: BatchQueue;
  readonly callbacks: CallbackSender;
  readonly tally: Tally;
}

export function createBatchWorker({ config, connection, logger, batches, callbacks, tally }: BatchWorkerOptions): Worker<BatchJobData, BatchOutcome> {
  const worker = new Worker<BatchJobData, BatchOutcome>(
    batchQueueName(config),
    async (job) => {
      const outcome = await batches.outcome(job.id ?? '', job.data.plans);
      // Queued before the batch is marked ended, so a worker lost in between still delivers; delivery waits for the end.
      if (job.data.callbackUrl) await callbacks.send({ batchId: job.id ?? '', url: job.data.callbackUrl });
      tally.observe('batchSeconds', { outcome: outcome.cancelled ? 'cancelled' : 'completed' }, (Date.now() - job.timestamp) / 1000);
      await tally.flush();
      return outcome;
    },
    { connection, prefix: config.QUEUE_PREFIX, concurrency: 4 },
  );
  worker.on('error', () => undefined);
  const ended = (id: string | undefined, url: string | undefined) => {
    if (!id) return;
    batches.ended(id, url).catch((err: unknown) => {
      logger.error({ err, batchId: id }, 'could not record the end of a batch');
    });
  };
  worker.on('completed', (job, outcome) => {
    logger.info({ batchId: job.id, plans: outcome.plans.length, reqId: job.data.requestId }, outcome.cancelled ? 'batch cancelled' : 'batch completed');
    ended(job.id, job.data.callbackUrl);
  });
  worker.on('failed', (job, err) => {
    logger.warn({ batchId: job?.id, err }, 'batch could not be ended');
    if (job?.finishedOn) ended(job.id, job.data.callbackUrl);
  });
  return worker;
}
