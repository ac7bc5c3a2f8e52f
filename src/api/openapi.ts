import type { FastifyInstance } from 'fastify';

/** The OpenAPI document as committed in openapi/openapi.json: stable key order, 2-space indent. */
export function openApiText(app: FastifyInstance): string {
  return JSON.stringify(app.swagger(), null, 2) + '\n';
}
