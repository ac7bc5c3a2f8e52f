import type { FastifyInstance } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { ServiceError } from '../errors.js';

/** With API keys configured, every route of this scope wants `X-API-Key` or `Authorization: Bearer`. */
export function registerAuth(app: FastifyInstance, keys: readonly string[]): void {
  if (keys.length === 0) return;
  const known = keys.map((k) => Buffer.from(k));
  app.addHook('onRequest', async (request) => {
    const header = request.headers['x-api-key'];
    const bearer = request.headers.authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
    const given = Buffer.from((typeof header === 'string' ? header : bearer) ?? '');
    if (!known.some((k) => k.length === given.length && timingSafeEqual(k, given))) {
      throw new ServiceError('unauthorized', 'Send a valid API key in the X-API-Key header.');
    }
    return Promise.resolve();
  });
}
