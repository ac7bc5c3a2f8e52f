import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { BatchId, BatchJob, BatchRequest, SubmittedBatch, repPlan } from '../../contract/batch.js';
import type { BatchQueue } from '../../queue/batch-queue.js';
import { checkBatchSize, checkOffer } from '../admission.js';
import { ServiceError } from '../errors.js';
import { batchProblemExamples, cancelledBatch, runningBatch, submittedBatch } from '../examples.js';
import { RATE_LIMIT_HEADERS, SECURED, jsonResponse, problemResponses } from '../openapi.js';

export interface BatchesRoutesOptions {
  readonly config: Config;
  readonly batches: BatchQueue;
}

const IdParams = z.object({ id: BatchId });

export const batchesRoutes: FastifyPluginAsyncZod<BatchesRoutesOptions> = (app, { config, batches }) => {
  app.post(
    '/v1/batches',
    {
      bodyLimit: config.BODY_LIMIT_BYTES,
      preValidation: async (request) => {
        checkBatchSize(request.body, config);
        return Promise.resolve();
      },
      schema: {
        operationId: 'submitBatch',
        summary: 'Plan a team: one plan per rep',
        description:
          'Queues one plan per rep, with the options shared. Each plan is an ordinary plan, readable at `/v1/plans/{planId}`. Poll the `Location` for each rep\'s status and progress, or give a `callbackUrl`: it is called once, when every plan has ended.',
        tags: ['batches'],
        security: SECURED,
        body: BatchRequest,
        response: {
          202: jsonResponse('Accepted: every plan is queued.', SubmittedBatch, submittedBatch, ['location', ...RATE_LIMIT_HEADERS]),
          ...problemResponses(batchProblemExamples.submit, true),
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const first = body.reps.at(0);
      // What the service cannot do is the same for every rep: the shared options and the callback decide it.
      if (first) checkOffer({ ...repPlan(body, first), ...(body.callbackUrl ? { callbackUrl: body.callbackUrl } : {}) }, config);
      const batch = await batches.submit(body, { owner: request.caller, requestId: request.id });
      return reply.code(202).header('location', `/v1/batches/${batch.id}`).send(batch);
    },
  );

  app.get(
    '/v1/batches/:id',
    {
      schema: {
        operationId: 'getBatch',
        summary: 'Read a batch',
        description: 'The status and progress of each rep\'s plan, and counts. Only the API key that submitted a batch can read it.',
        tags: ['batches'],
        security: SECURED,
        params: IdParams,
        response: {
          200: jsonResponse('The batch as it stands.', BatchJob, runningBatch, RATE_LIMIT_HEADERS),
          ...problemResponses(batchProblemExamples.read, true),
        },
      },
    },
    async (request) => found(await batches.get(request.params.id, request.caller), request.params.id),
  );

  app.delete(
    '/v1/batches/:id',
    {
      schema: {
        operationId: 'cancelBatch',
        summary: 'Cancel a batch',
        description:
          'Cancels every plan of the batch that has not ended: queued plans at once, running ones within a second; ended plans keep their result. The batch becomes `cancelled` once its last plan has stopped (200 when that is already so, else 202). A completed or failed batch cannot be cancelled (409); a cancelled one answers as it is (200).',
        tags: ['batches'],
        security: SECURED,
        params: IdParams,
        response: {
          200: jsonResponse('The batch is cancelled.', BatchJob, cancelledBatch, RATE_LIMIT_HEADERS),
          202: jsonResponse('Its plans have been asked to stop.', BatchJob, { ...runningBatch, cancelRequested: true }, RATE_LIMIT_HEADERS),
          ...problemResponses({ ...batchProblemExamples.read, 409: batchProblemExamples.conflict }, true),
        },
      },
    },
    async (request, reply) => {
      const batch = found(await batches.cancel(request.params.id, request.caller), request.params.id);
      return reply.code(batch.status === 'cancelled' ? 200 : 202).send(batch);
    },
  );
  return Promise.resolve();
};

function found<T>(value: T | null, id: string): T {
  if (value === null) throw new ServiceError('not_found', `No batch ${id}; batches are kept for a limited time.`);
  return value;
}
