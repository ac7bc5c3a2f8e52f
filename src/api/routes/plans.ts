import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { PlanId, PlanJob, Submitted } from '../../contract/plan-job.js';
import { PlanGeoJson } from '../../contract/plan-geojson.js';
import { PlanRequest } from '../../contract/plan-request.js';
import type { PlanQueue } from '../../queue/plan-queue.js';
import { checkOffer, checkSize } from '../admission.js';
import { ServiceError } from '../errors.js';
import { cancelledPlan, cancellingPlan, completedPlan, exportExamples, problemExamples, submitted } from '../examples.js';
import { preferredLocale, preferredType } from '../negotiate.js';
import { RATE_LIMIT_HEADERS, SECURED, jsonResponse, mediaResponse, problemResponses } from '../openapi.js';
import { ExportQuery, MEDIA_TYPES, renderPlan } from '../plan-exports.js';

export interface PlansRoutesOptions {
  readonly config: Config;
  readonly plans: PlanQueue;
}

const IdParams = z.object({ id: PlanId });

const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/, 'expected 1 to 255 visible ASCII characters')
    .optional()
    .meta({ description: 'The same key with the same body returns the same plan; with another body it is refused (422). Keys are scoped to the API key.' }),
  'accept-language': z.string().optional().meta({ description: 'Without `options.locale`, the plan is written in French when this prefers `fr`, else in English.' }),
});

/** What GET /v1/plans/{id} answers in, by the Accept header: the plan as JSON (first: the default), or an export. */
const READ_TYPES = ['application/json', MEDIA_TYPES.ics, MEDIA_TYPES.csv, MEDIA_TYPES.geojson] as const;
const FORMAT_OF = { [MEDIA_TYPES.ics]: 'ics', [MEDIA_TYPES.csv]: 'csv', [MEDIA_TYPES.geojson]: 'geojson' } as const;

export const plansRoutes: FastifyPluginAsyncZod<PlansRoutesOptions> = (app, { config, plans }) => {
  app.post(
    '/v1/plans',
    {
      bodyLimit: config.BODY_LIMIT_BYTES,
      // Size limits on the raw body, before the schema walks it.
      preValidation: async (request) => {
        checkSize(request.body, config);
        return Promise.resolve();
      },
      schema: {
        operationId: 'submitPlan',
        summary: 'Submit a plan request',
        description: 'Validates the request and queues it. Poll the `Location` until the status is `completed`, `failed` or `cancelled`, or give a `callbackUrl`.',
        tags: ['plans'],
        security: SECURED,
        headers: IdempotencyHeaders,
        body: PlanRequest,
        response: {
          202: jsonResponse('Accepted: the plan is queued (or, for a known Idempotency-Key, the plan as it stands).', Submitted, submitted, ['location', ...RATE_LIMIT_HEADERS]),
          ...problemResponses(problemExamples.submit, true),
        },
      },
    },
    async (request, reply) => {
      checkOffer(request.body, config);
      const key = request.headers['idempotency-key'];
      // The plan's language is chosen once, here: the request's own, else the caller's Accept-Language.
      const locale = request.body.options.locale ?? preferredLocale(request.headers['accept-language']);
      const body = locale === undefined ? request.body : { ...request.body, options: { ...request.body.options, locale } };
      const job = await plans.submit(body, { owner: request.caller, requestId: request.id, body: request.body, ...(key === undefined ? {} : { idempotencyKey: key }) });
      return reply.code(202).header('location', `/v1/plans/${job.id}`).send({ id: job.id, status: job.status });
    },
  );

  app.get(
    '/v1/plans/:id',
    {
      schema: {
        operationId: 'getPlan',
        summary: 'Read a plan',
        description:
          'Status, progress and, once completed, the plan. Only the API key that submitted a plan can read it. ' +
          'JSON by default; `Accept: text/calendar`, `text/csv` or `application/geo+json` asks for the completed plan as that export ' +
          '(as `/plan.ics`, `/plan.csv`, `/plan.geojson` give it; `409` before the plan has completed).',
        tags: ['plans'],
        security: SECURED,
        params: IdParams,
        querystring: ExportQuery,
        response: {
          200: mediaResponse(
            'The plan as it stands (JSON), or the completed plan as the export the Accept header asks for.',
            {
              'application/json': { schema: PlanJob, example: completedPlan },
              [MEDIA_TYPES.ics]: { schema: z.string().meta({ description: 'An iCalendar (RFC 5545) file.' }), example: exportExamples.ics },
              [MEDIA_TYPES.csv]: { schema: z.string().meta({ description: 'A CSV (RFC 4180) file with a header row.' }), example: exportExamples.csv },
              [MEDIA_TYPES.geojson]: { schema: PlanGeoJson, example: exportExamples.geojson },
            },
            ['content-language', ...RATE_LIMIT_HEADERS],
          ),
          ...problemResponses(
            { 400: problemExamples.read[400], 401: problemExamples.read[401], 404: problemExamples.read[404], 409: problemExamples.export[409], 429: problemExamples.read[429], 503: problemExamples.read[503] },
            true,
            { 409: 'An export was asked for (Accept) but the plan has not completed.' },
          ),
        },
      },
    },
    async (request, reply) => {
      const job = found(await plans.get(request.params.id, request.caller), request.params.id);
      void reply.header('vary', 'Accept, Accept-Language');
      const type = preferredType(request.headers.accept, READ_TYPES);
      if (type === 'application/json') return job;
      const rendered = renderPlan(job, FORMAT_OF[type], { query: request.query, acceptLanguage: request.headers['accept-language'] }, false);
      return reply.headers(rendered.headers).send(rendered.body);
    },
  );

  app.delete(
    '/v1/plans/:id',
    {
      schema: {
        operationId: 'cancelPlan',
        summary: 'Cancel a plan',
        description:
          'A queued plan is cancelled at once (200). A running plan is asked to stop (202, `cancelRequested`); it becomes `cancelled` within a second, or `completed` if it finished first. A completed or failed plan cannot be cancelled (409); a cancelled one answers as it is (200).',
        tags: ['plans'],
        security: SECURED,
        params: IdParams,
        response: {
          200: jsonResponse('The plan is cancelled.', PlanJob, cancelledPlan, RATE_LIMIT_HEADERS),
          202: jsonResponse('The running plan has been asked to stop.', PlanJob, cancellingPlan, RATE_LIMIT_HEADERS),
          ...problemResponses(problemExamples.read, true),
        },
      },
    },
    async (request, reply) => {
      const plan = found(await plans.cancel(request.params.id, request.caller), request.params.id);
      return reply.code(plan.status === 'cancelled' ? 200 : 202).send(plan);
    },
  );
  return Promise.resolve();
};

function found<T>(value: T | null, id: string): T {
  if (value === null) throw new ServiceError('not_found', `No plan ${id}; results are kept for a limited time.`);
  return value;
}
