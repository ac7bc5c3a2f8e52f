import { randomUUID } from 'node:crypto';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { queueKeys } from '../queue/keys.js';
import { readWorkerMetrics } from '../queue/metrics.js';
import type { BatchQueue } from '../queue/batch-queue.js';
import { detachedBatchQueue } from '../queue/detached.js';
import type { PlanQueue } from '../queue/plan-queue.js';
import { registerMetrics } from './metrics.js';
import { SECURITY_SCHEMES, transform, transformObject } from './openapi.js';
import { registerAuth } from './plugins/auth.js';
import { answerClientError, registerErrorHandling, sendProblem } from './plugins/errors.js';
import { registerRateLimit } from './plugins/rate-limit.js';
import { exportRoutes } from './routes/exports.js';
import { batchesRoutes } from './routes/batches.js';
import { healthRoutes } from './routes/health.js';
import { planEventsRoutes } from './routes/plan-events.js';
import { plansRoutes } from './routes/plans.js';
import { portfolioRoutes } from './routes/portfolio.js';

export interface AppDeps {
  readonly config: Config;
  readonly plans: PlanQueue;
  /** Team batches; without them the batch routes answer 503. */
  readonly batches?: BatchQueue;
  /** Where rate limits are counted; without it each instance counts in memory. */
  readonly redis?: Redis;
  /** The root logger, or false for none (tests). */
  readonly logger: FastifyBaseLogger | false;
}

const REQUEST_ID = /^[\w.-]{1,128}$/;

/** One log line per request, when it is answered, rather than one when it arrives and another when it leaves. */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {
    // Said by requestCompleted.
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = { method: request.method, url: request.url, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request');
  }
}

export const API_INFO = {
  title: 'Tournée',
  version: '1.0.0',
  description:
    'Plans the weekly tours of field sales representatives: which account on which day, in which order, at what time. ' +
    'Submit a plan request, poll its status, read the plan.',
};

/** The whole HTTP API as a ready Fastify instance; it never listens, reads the environment or exits. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...(deps.logger === false ? {} : { loggerInstance: deps.logger }),
    logController: new OneLinePerRequest(),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    requestTimeout: 30_000,
    clientErrorHandler: answerClientError,
    // Errors raised before routing (e.g. a malformed URL) get the same problem documents.
    frameworkErrors: (error, request, reply) => {
      void sendProblem(request, reply, 'validation', error.message);
    },
    bodyLimit: deps.config.BODY_LIMIT_BYTES,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  // JSON only: a text body is refused with 415 rather than parsed as a string.
  app.removeContentTypeParser(['text/plain']);
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    return Promise.resolve();
  });

  // Standard security headers on every response, the docs page included (its scripts and styles are its own files).
  await app.register(helmet, { contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: API_INFO,
      tags: [
        { name: 'plans', description: 'Plan requests and their results' },
        { name: 'batches', description: 'Many reps planned as one team batch' },
        { name: 'portfolio', description: 'Portfolio analysis: segments, time available, visit frequencies, capacity and cost' },
        { name: 'operations', description: 'Health and readiness' },
      ],
      components: { securitySchemes: SECURITY_SCHEMES },
    },
    transform,
    transformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  const redis = deps.redis;
  const batches = deps.batches ?? detachedBatchQueue();
  const metricsKey = queueKeys(deps.config.QUEUE_PREFIX, deps.config.QUEUE_NAME).metrics;
  registerMetrics(app, {
    queues: { plans: () => deps.plans.counts(), batches: () => batches.counts() },
    workers: redis ? () => readWorkerMetrics(redis, metricsKey) : () => Promise.resolve([]),
  });
  // API keys and rate limits are scoped to the plan routes, so they hold whatever the URL's spelling.
  await app.register(async (v1) => {
    registerAuth(v1, deps.config.API_KEYS);
    await registerRateLimit(v1, deps.config, deps.redis);
    await v1.register(plansRoutes, { config: deps.config, plans: deps.plans });
    await v1.register(exportRoutes, { plans: deps.plans });
    await v1.register(planEventsRoutes, { config: deps.config, plans: deps.plans });
    await v1.register(batchesRoutes, { config: deps.config, batches });
    await v1.register(portfolioRoutes, { config: deps.config });
  });
  await app.register(healthRoutes, { plans: deps.plans });
  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());

  await app.ready();
  return app;
}
