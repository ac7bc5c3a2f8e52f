import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import type { Config } from '../../config.js';
import { ServiceError } from '../errors.js';
import { ANONYMOUS } from './auth.js';

/**
 * Requests per API key and window, counted in Redis so that every API
 * instance shares the count: submissions and reads have their own budgets.
 * When Redis cannot count, requests pass (the queue answers 503 by itself).
 */
export async function registerRateLimit(app: FastifyInstance, config: Config, redis: Redis | undefined): Promise<void> {
  const kind = (request: FastifyRequest) => (request.method === 'POST' ? 'submit' : 'read');
  const limitOf = (request: FastifyRequest) => (kind(request) === 'submit' ? config.RATE_LIMIT_SUBMIT : config.RATE_LIMIT_READ);
  const window = `${String(config.RATE_LIMIT_WINDOW_SECONDS)} s`;
  await app.register(rateLimit, {
    global: true,
    hook: 'onRequest',
    timeWindow: config.RATE_LIMIT_WINDOW_SECONDS * 1000,
    max: (request) => limitOf(request),
    allowList: (request) => limitOf(request) === 0,
    // After the auth hook: the tenant, or the client address when the service has no keys.
    keyGenerator: (request) => `${kind(request)}:${request.caller === ANONYMOUS ? `ip:${request.ip}` : `key:${request.caller}`}`,
    ...(redis ? { redis, nameSpace: `${config.QUEUE_PREFIX}:${config.QUEUE_NAME}:ratelimit:` } : {}),
    skipOnError: true,
    errorResponseBuilder: (request, context) =>
      new ServiceError(
        'rate_limited',
        `More than ${String(context.max)} ${kind(request) === 'submit' ? 'submissions' : 'reads'} in ${window}; retry in ${context.after}.`,
        [],
        Math.max(1, Math.ceil(context.ttl / 1000)),
      ),
  });
}
