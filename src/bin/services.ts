import closeWithGrace from 'close-with-grace';
import { pino, type Logger } from 'pino';
import { buildApp } from '../api/app.js';
import { loadConfig, type Config } from '../config.js';
import { loggerOptions } from '../logger.js';
import { createCallbackSender } from '../queue/callbacks.js';
import { producerConnection, workerConnection } from '../queue/connections.js';
import { configuredPlanQueue } from '../queue/plan-queue.js';
import { createPlanWorker } from '../queue/worker.js';

export interface Service {
  close(): Promise<void>;
}

export function boot(): { config: Config; logger: Logger } {
  const config = loadConfig(process.env);
  return { config, logger: pino(loggerOptions(config.LOG_LEVEL)) };
}

export async function startApi(config: Config, logger: Logger): Promise<Service> {
  const connection = producerConnection(config.REDIS_URL);
  connection.on('error', (err) => {
    logger.warn({ err: err.message }, 'redis connection error (api)');
  });
  const callbacks = createCallbackSender(config, connection);
  const plans = configuredPlanQueue(config, connection, callbacks);
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
  const connection = workerConnection(config.REDIS_URL);
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

/** Closes the services on SIGINT/SIGTERM; running plans finish first. */
export function closeOnSignals(services: readonly Service[], logger: Logger, config: Config): void {
  // Long enough for the longest plan a request may ask for to finish.
  closeWithGrace({ delay: (config.MAX_TIME_LIMIT_SECONDS + 60) * 1000 }, async ({ err, signal }) => {
    if (err) logger.error({ err }, 'closing after an error');
    else logger.info({ signal }, 'closing');
    for (const service of services) await service.close();
  });
}
