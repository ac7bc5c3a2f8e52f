import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { PlanQueue } from '../../queue/plan-queue.js';
import { hostOf, isPrivateAddress } from '../../queue/public-address.js';
import { ServiceError, jsonPointer, type FieldError } from '../errors.js';
import { PlanId, PlanJob, Submitted } from '../../contract/plan-job.js';
import { PlanRequest } from '../../contract/plan-request.js';
import { ProblemDocument } from '../../contract/problem.js';

export interface PlansRoutesOptions {
  readonly config: Config;
  readonly plans: PlanQueue;
}

const problems = {
  400: ProblemDocument,
  401: ProblemDocument,
  404: ProblemDocument,
  409: ProblemDocument,
  413: ProblemDocument,
  415: ProblemDocument,
  422: ProblemDocument,
  503: ProblemDocument,
};

const IdParams = z.object({ id: PlanId });

export const plansRoutes: FastifyPluginAsyncZod<PlansRoutesOptions> = (app, { config, plans }) => {
  app.post(
    '/v1/plans',
    {
      bodyLimit: config.BODY_LIMIT_BYTES,
      schema: {
        summary: 'Submit a plan request',
        description: 'Validates the request and queues it. Poll the `Location` until the status is `completed`, `failed` or `cancelled`.',
        tags: ['plans'],
        headers: z.object({
          'idempotency-key': z
            .string()
            .regex(/^[\x21-\x7e]{1,255}$/, 'expected 1 to 255 visible ASCII characters')
            .optional()
            .meta({ description: 'The same key with the same body returns the same plan; with another body it is refused (422).' }),
        }),
        body: PlanRequest,
        response: { 202: Submitted, ...problems },
      },
    },
    async (request, reply) => {
      checkLimits(request.body, config);
      const key = request.headers['idempotency-key'];
      const idempotencyKey = key === undefined ? undefined : `${callerOf(request.headers)}:${key}`;
      const job = await plans.submit(request.body, { requestId: request.id, ...(idempotencyKey ? { idempotencyKey } : {}) });
      return reply.code(202).header('location', `/v1/plans/${job.id}`).send({ id: job.id, status: job.status });
    },
  );

  app.get(
    '/v1/plans/:id',
    {
      schema: {
        summary: 'Read a plan',
        description: 'Status, progress and, once completed, the plan.',
        tags: ['plans'],
        params: IdParams,
        response: { 200: PlanJob, ...problems },
      },
    },
    async (request) => {
      return found(await plans.get(request.params.id), request.params.id);
    },
  );

  app.delete(
    '/v1/plans/:id',
    {
      schema: {
        summary: 'Cancel a plan',
        description: 'A queued plan is removed; a running one stops at its next check. Finished plans cannot be cancelled (409).',
        tags: ['plans'],
        params: IdParams,
        response: { 200: PlanJob, ...problems },
      },
    },
    async (request) => {
      return found(await plans.cancel(request.params.id), request.params.id);
    },
  );
  return Promise.resolve();
};

/** Who is calling, for scoping idempotency keys: a digest of the API key, or "anonymous". */
function callerOf(headers: { 'x-api-key'?: string | string[]; authorization?: string }): string {
  const key = headers['x-api-key'] ?? headers.authorization;
  return typeof key === 'string' ? createHash('sha256').update(key.replace(/^Bearer\s+/i, '')).digest('hex').slice(0, 16) : 'anonymous';
}

function found<T>(value: T | null, id: string): T {
  if (value === null) throw new ServiceError('not_found', `No plan ${id}; results are kept for a limited time.`);
  return value;
}

/** Size limits are configuration, so they are checked here rather than in the schema. */
function checkLimits(body: PlanRequest, config: Config): void {
  const errors: FieldError[] = [];
  const over = (path: (string | number)[], value: number, max: number, what: string) => {
    if (value > max) errors.push({ pointer: jsonPointer(path), detail: `${String(value)} ${what}; this service accepts at most ${String(max)}.` });
  };
  over(['accounts'], body.accounts.length, config.MAX_ACCOUNTS, 'accounts');
  over(['prospects'], body.prospects.length, config.MAX_PROSPECTS, 'prospects');
  over(['horizon', 'days'], body.horizon.days, config.MAX_HORIZON_DAYS, 'horizon days');
  over(['options', 'timeLimitSeconds'], body.options.timeLimitSeconds, config.MAX_TIME_LIMIT_SECONDS, 'seconds of solver time');
  if (errors.length > 0) throw new ServiceError('limit_exceeded', 'The request is larger than this service accepts.', errors);
  const host = body.callbackUrl === undefined ? undefined : hostOf(body.callbackUrl);
  if (host !== undefined && !config.CALLBACK_ALLOW_PRIVATE && (host === 'localhost' || (isIP(host) !== 0 && isPrivateAddress(host)))) {
    const detail = 'callbackUrl points to a private or loopback address, which this service does not call.';
    throw new ServiceError('validation', detail, [{ pointer: jsonPointer(['callbackUrl']), detail }]);
  }
}
