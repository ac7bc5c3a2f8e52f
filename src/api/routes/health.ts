import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PlanQueue } from '../../queue/plan-queue.js';
import { ProblemDocument } from '../../contract/problem.js';

const Health = z
  .object({ status: z.literal('ok').meta({ description: 'Always "ok" when the check passes.', examples: ['ok'] }) })
  .meta({ id: 'Health', description: 'A passed health check.' });

export const healthRoutes: FastifyPluginAsyncZod<{ readonly plans: PlanQueue }> = (app, { plans }) => {
  app.get(
    '/health',
    { schema: { summary: 'Liveness', tags: ['operations'], response: { 200: Health } } },
    () => ({ status: 'ok' as const }),
  );
  app.get(
    '/ready',
    {
      schema: {
        summary: 'Readiness: the job store (Redis) answers',
        tags: ['operations'],
        response: { 200: Health, 503: ProblemDocument },
      },
    },
    async () => {
      await plans.ping();
      return { status: 'ok' as const };
    },
  );
  return Promise.resolve();
};
