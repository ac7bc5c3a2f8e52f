/**
 * Builds the real service for tests: the app on a real Redis, a unique queue
 * per test, and a worker running the compiled processor in child processes.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { inject } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { defaultConfig, type Config } from '../../src/config.js';
import { batchQueueName, createBatchQueue, type BatchQueue } from '../../src/queue/batch-queue.js';
import { callbackQueueName, createCallbackSender } from '../../src/queue/callbacks.js';
import { producerConnection, workerConnection } from '../../src/queue/connections.js';
import { configuredPlanQueue, type PlanQueue } from '../../src/queue/plan-queue.js';
import { createPlanWorker, type PlanWorker } from '../../src/queue/worker.js';

export const PROCESSOR = fileURLToPath(new URL('../../dist/src/queue/processor.js', import.meta.url));

export function testConfig(overrides: Partial<Record<keyof Config, string>> = {}): Config {
  return defaultConfig({
    REDIS_URL: inject('redisUrl'),
    QUEUE_NAME: `test-${randomUUID()}`,
    LOG_LEVEL: 'silent',
    JOB_ATTEMPTS: '1',
    ...overrides,
  });
}

export interface TestService {
  readonly config: Config;
  readonly app: FastifyInstance;
  readonly plans: PlanQueue;
  readonly batches: BatchQueue;
  readonly redis: Redis;
  startWorker(): PlanWorker;
  close(): Promise<void>;
}

export async function startService(config: Config = testConfig()): Promise<TestService> {
  const redis = producerConnection(config.REDIS_URL);
  await new Promise<void>((resolve) => redis.once('ready', () => { resolve(); }));
  const callbacks = createCallbackSender(config, redis);
  const plans = configuredPlanQueue(config, redis, callbacks);
  const batches = createBatchQueue({ config, connection: redis, plans, callbacks });
  const app = await buildApp({ config, plans, batches, redis, logger: false });
  const workers: { worker: PlanWorker; connection: Redis }[] = [];
  return {
    config,
    app,
    plans,
    batches,
    redis,
    startWorker() {
      if (!existsSync(PROCESSOR)) throw new Error(`${PROCESSOR} is missing: run "npm run build" before the tests.`);
      const connection = workerConnection(config.REDIS_URL);
      const worker = createPlanWorker({ config, connection, logger: pino({ level: 'silent' }), processorFile: PROCESSOR });
      workers.push({ worker, connection });
      return worker;
    },
    async close() {
      for (const w of workers) {
        await w.worker.close();
        w.connection.disconnect();
      }
      await app.close();
      await batches.close();
      await plans.close();
      await callbacks.close();
      for (const name of [config.QUEUE_NAME, callbackQueueName(config), batchQueueName(config)]) {
        const queue = new Queue(name, { connection: redis, prefix: config.QUEUE_PREFIX });
        await queue.obliterate({ force: true });
        await queue.close();
      }
      const leftovers = [...(await redis.keys(`${config.QUEUE_PREFIX}:${config.QUEUE_NAME}:*`)), ...(await redis.keys(`${config.QUEUE_PREFIX}:${batchQueueName(config)}:*`))];
      if (leftovers.length > 0) await redis.del(...leftovers);
      redis.disconnect();
    },
  };
}
