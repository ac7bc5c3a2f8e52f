import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PlanQueue } from '../../queue/plan-queue.js';
import { problemExamples } from '../examples.js';
import { jsonResponse, problemResponses } from '../openapi.js';

const Health = z
  .object({ status: z.literal('ok').meta({ description: 'Always "ok" when the check passes.', examples: ['ok'] }) })
  .meta({ id: 'Health', description: 'A passed health check.' });

export const healthRoutes: FastifyPluginAsyncZod<{ readonly plans: PlanQueue }> = (app, { plans }) => {
  app.get(
    '/health',
    {
      schema: {
        operationId: 'health',
        summary: 'Liveness: the process answers',
        tags: ['operations'],
        security: [],
        response: { 200: jsonResponse('The process is alive.', Health, { status: 'ok' }) },
      },
    },
    () => ({ status: 'ok' as const }),
  );
  app.get(
    '/ready',
    {
      schema: {
        operationId: 'ready',
        summary: 'Readiness: the job store (Redis) answers',
        tags: ['operations'],
        security: [],
        response: { 200: jsonResponse('Redis answers: the service can take plans.', Health, { status: 'ok' }), ...problemResponses(problemExamples.ready) },
      },
    },
    async () => {
      await plans.ping();
      return { status: 'ok' as const };
    },
  );
  return Promise.resolve();
};
