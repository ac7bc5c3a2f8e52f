import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ServiceError } from '../errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The tenant: the name of the API key the request came with, or "anonymous" when the service has no keys. */
    caller: string;
  }
}

export const ANONYMOUS = 'anonymous';

export interface NamedKey {
  readonly name: string;
  readonly key: string;
}

/**
 * With API keys configured, every route of this scope wants `X-API-Key` or
 * `Authorization: Bearer`, and learns which named key (tenant) is calling.
 * Keys are compared as SHA-256 digests in constant time, against every key.
 */
export function registerAuth(app: FastifyInstance, keys: readonly NamedKey[]): void {
  app.decorateRequest('caller', ANONYMOUS);
  if (keys.length === 0) return;
  const known = keys.map((k) => ({ name: k.name, digest: digest(k.key) }));
  app.addHook('onRequest', async (request, reply) => {
    const given = presented(request);
    const name = given === undefined ? undefined : match(known, digest(given));
    if (name === undefined) {
      void reply.header('www-authenticate', given === undefined ? 'Bearer realm="tournee"' : 'Bearer realm="tournee", error="invalid_token"');
      throw new ServiceError('unauthorized', 'Send a valid API key in the X-API-Key header or as a Bearer token.');
    }
    request.caller = name;
    return Promise.resolve();
  });
}

function presented(request: FastifyRequest): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header.length > 0) return header;
  return /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];
}

function digest(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}

/** The name of the key with this digest; every key is compared, so the time says nothing about which matched. */
function match(known: readonly { name: string; digest: Buffer }[], given: Buffer): string | undefined {
  let found: string | undefined;
  for (const k of known) if (timingSafeEqual(k.digest, given)) found = k.name;
  return found;
}
