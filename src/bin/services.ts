import closeWithGrace from 'close-with-grace';
import type { Redis } from 'ioredis';
import { pino, type Logger } from 'pino';
import { buildApp } from '../api/app.js';
import { loadConfig, type Config } from '../config.js';
import { loggerOptions, outageLog } from '../logger.js';
import { createBatchQueue } from '../queue/batch-queue.js';
import { createCallbackSender } from '../queue/callbacks.js';
import { producerConnection, workerConnection } from '../queue/connections.js';
import { configuredPlanQueue } from '../queue/plan-queue.js';
import { createPlanWorker } from '../queue/worker.js';

export interface Service {
  /** Stops, giving running work up to `waitMs` (less when Redis is away: nothing can finish then). */
  close(waitMs: number): Promise<void>;
}

export function boot(): { config: Config; logger: Logger } {
  const config = loadConfig(process.env);
  return { config, logger: pino(loggerOptions(config.LOG_LEVEL)) };
}

/** Logs a Redis connection that goes down once, then calmly, and when it is back. */
function watch(connection: Redis, logger: Logger, what: string): void {
  const log = outageLog(logger, what);
  connection.on('error', (err: Error) => {
    log.failed(err);
  });
  connection.on('ready', () => {
    log.recovered();
  });
}

export async function startApi(config: Config, logger: Logger): Promise<Service> {
  const connection = producerConnection(config.REDIS_URL);
  watch(connection, logger, 'redis (api)');
  const callbacks = createCallbackSender(config, connection);
  const plans = configuredPlanQueue(config, connection, callbacks);
  const batches = createBatchQueue({ config, connection, plans, callbacks });
  const app = await buildApp({ config, plans, batches, redis: connection, logger });
  await app.listen({ port: config.PORT, host: config.HOST });
  return {
    async close() {
      // Without Redis, closing the queues would wait for it: drop the connection first.
      if (connection.status !== 'ready') connection.disconnect();
      await app.close();
      await batches.close();
      await plans.close();
      await callbacks.close();
      connection.disconnect();
    },
  };
}

export function startWorker(config: Config, logger: Logger): Service {
  const connection = workerConnection(config.REDIS_URL);
  watch(connection, logger, 'redis (worker)');
  const worker = createPlanWorker({ config, connection, logger });
  logger.info({ queue: config.QUEUE_NAME, concurrency: config.WORKER_CONCURRENCY }, 'worker started');
  return {
    async close(waitMs) {
      const reachable = connection.status === 'ready';
      if (!reachable) connection.disconnect();
      await worker.close(reachable ? waitMs : 0);
      connection.disconnect();
    },
  };
}

/**
 * Closes the services on SIGINT/SIGTERM within SHUTDOWN_GRACE_SECONDS: running
 * plans get all but the last two seconds to finish, then everything stops
 * (a plan cut short is taken over by another worker once its lock expires);
 * should even that hang, the process exits when the grace period ends.
 */
export function closeOnSignals(services: readonly Service[], logger: Logger, config: Config): void {
  const graceMs = config.SHUTDOWN_GRACE_SECONDS * 1000;
  const waitMs = Math.max(0, graceMs - 2000);
  const onTimeout = () => {
    logger.error({ graceMs }, 'shutdown took longer than its grace period; exiting');
  };
  closeWithGrace({ delay: graceMs, logger: false, onTimeout }, async ({ err, signal }) => {
    if (err) logger.error({ err }, 'closing after an error');
    else logger.info({ signal, graceMs }, 'closing');
    await Promise.all(services.map((s) => s.close(waitMs)));
    logger.info('closed');
  });
}
