import closeWithGrace from 'close-with-grace';
import { Redis } from 'ioredis';
import { pino, type Logger } from 'pino';
import { buildApp } from '../api/app.js';
import { loadConfig, type Config } from '../config.js';
import { loggerOptions } from '../logger.js';
import { createCallbackSender } from '../queue/callbacks.js';
import { createPlanQueue } from '../queue/plan-queue.js';
import { createPlanWorker } from '../queue/worker.js';

export interface Service {
  close(): Promise<void>;
}

export function boot(): { config: Config; logger: Logger } {
  const config = loadConfig(process.env);
  return { config, logger: pino(loggerOptions(config.LOG_LEVEL)) };
}

/** The API answers fast even when Redis is away: no offline queue, short command timeout. */
export function producerConnection(config: Config): Redis {
  return new Redis(config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 2000 });
}

export async function startApi(config: Config, logger: Logger): Promise<Service> {
  const connection = producerConnection(config);
  connection.on('error', (err) => {
    logger.warn({ err: err.message }, 'redis connection error (api)');
  });
  const callbacks = createCallbackSender(config, connection);
  const plans = createPlanQueue({
    connection,
    callbacks,
    queueName: config.QUEUE_NAME,
    prefix: config.QUEUE_PREFIX,
    attempts: config.JOB_ATTEMPTS,
    resultTtlSeconds: config.RESULT_TTL_SECONDS,
    resultMaxCount: config.RESULT_MAX_COUNT,
  });
  const app = await buildApp({ config, plans, logger });
  await app.listen({ port: config.PORT, host: config.HOST });
  return {
    async close() {
      await app.close();
      await plans.close();
      await callbacks.close();
      connection.disconnect();
    },
  };
}

export function startWorker(config: Config, logger: Logger): Service {
  const connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  connection.on('error', (err) => {
    logger.warn({ err: err.message }, 'redis connection error (worker)');
  });
  const worker = createPlanWorker({ config, connection, logger });
  logger.info({ queue: config.QUEUE_NAME, concurrency: config.WORKER_CONCURRENCY }, 'worker started');
  return {
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}

/** Closes the services on SIGINT/SIGTERM (active plans finish first, within the grace period). */
export function closeOnSignals(services: readonly Service[], logger: Logger): void {
  closeWithGrace({ delay: 60_000 }, async ({ err, signal }) => {
    if (err) logger.error({ err }, 'closing after an error');
    else logger.info({ signal }, 'closing');
    for (const service of services) await service.close();
  });
}
