import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PlanId } from '../../contract/plan-job.js';
import { PlanGeoJson } from '../../contract/plan-geojson.js';
import type { PlanQueue } from '../../queue/plan-queue.js';
import { ServiceError } from '../errors.js';
import { exportExamples, problemExamples } from '../examples.js';
import { RATE_LIMIT_HEADERS, SECURED, mediaResponse, problemResponses } from '../openapi.js';
import { ExportQuery, MEDIA_TYPES, renderPlan, type ExportFormat } from '../plan-exports.js';

export interface ExportRoutesOptions {
  readonly plans: PlanQueue;
}

const IdParams = z.object({ id: PlanId });

const NOT_COMPLETED = 'The plan has not completed (queued, active, failed or cancelled): it has no result to export.';

const ROUTES: readonly { format: ExportFormat; path: string; operationId: string; summary: string; description: string; schema: z.ZodType }[] = [
  {
    format: 'ics',
    path: '/v1/plans/:id/plan.ics',
    operationId: 'getPlanCalendar',
    summary: 'The plan as an iCalendar file',
    description:
      'One event per visit (appointments included; the breaks with `break=true`) in the rep\'s time zone, described by a VTIMEZONE. ' +
      'UIDs are stable per rep, account and date, and SEQUENCE grows with each newer plan, so importing a replan updates the events it shares with the last one.',
    schema: z.string().meta({ description: 'An iCalendar (RFC 5545) file.' }),
  },
  {
    format: 'csv',
    path: '/v1/plans/:id/plan.csv',
    operationId: 'getPlanCsv',
    summary: 'The plan as CSV',
    description: 'One row per stop (visits and breaks), UTF-8 with a byte order mark. In French: `;` between fields and decimal commas, as French spreadsheets expect; else `,` and decimal points.',
    schema: z.string().meta({ description: 'A CSV (RFC 4180) file with a header row.' }),
  },
  {
    format: 'geojson',
    path: '/v1/plans/:id/plan.geojson',
    operationId: 'getPlanGeoJson',
    summary: 'The plan as GeoJSON',
    description: 'Each day\'s tour as a LineString (road geometry when the plan has it, else straight legs, flagged), the visits, the start and the unplanned accounts as points.',
    schema: PlanGeoJson,
  },
  {
    format: 'map',
    path: '/v1/plans/:id/map',
    operationId: 'getPlanMap',
    summary: 'A map of the week',
    description:
      'One self-contained HTML page: each day\'s tour in its own colour, the visits numbered in order with their times on hover, the start and the unplanned accounts marked. ' +
      'It loads nothing (no map tiles): it works offline and can be saved as a file.',
    schema: z.string().meta({ description: 'An HTML page.' }),
  },
];

export const exportRoutes: FastifyPluginAsyncZod<ExportRoutesOptions> = (app, { plans }) => {
  for (const route of ROUTES) {
    const type = MEDIA_TYPES[route.format];
    app.get(
      route.path,
      {
        schema: {
          operationId: route.operationId,
          summary: route.summary,
          description: `${route.description} Same key and tenancy as \`GET /v1/plans/{id}\`.`,
          tags: ['plans'],
          security: SECURED,
          params: IdParams,
          querystring: ExportQuery,
          response: {
            200: mediaResponse('The export.', { [type]: { schema: route.schema, example: exportExamples[route.format] } }, [
              'content-language',
              ...(route.format === 'map' ? (['content-security-policy'] as const) : (['content-disposition'] as const)),
              ...RATE_LIMIT_HEADERS,
            ]),
            ...problemResponses(problemExamples.export, true, { 409: NOT_COMPLETED }),
          },
        },
      },
      async (request, reply) => {
        const job = await plans.get(request.params.id, request.caller);
        if (job === null) throw new ServiceError('not_found', `No plan ${request.params.id}; results are kept for a limited time.`);
        const rendered = renderPlan(job, route.format, { query: request.query, acceptLanguage: request.headers['accept-language'] }, route.format !== 'map');
        return reply.headers({ ...rendered.headers, vary: 'Accept-Language' }).send(rendered.body);
      },
    );
  }
  return Promise.resolve();
};
