/**
 * Examples for the OpenAPI document, typed by the contract's own types; the
 * OpenAPI test also parses each one with its schema, so none can drift.
 */
import type { BatchJob, SubmittedBatch } from '../contract/batch.js';
import type { PlanJob } from '../contract/plan-job.js';
import type { PlanResult } from '../contract/plan-result.js';
import type { ProblemDocument } from '../contract/problem.js';
import { toCsv } from '../export/csv.js';
import { toGeoJson } from '../export/geojson.js';
import { toICalendar } from '../export/ics.js';

const ID = 'plan-3f1c2a9e-8d0b-4b53-9f0e-2a8f1c7d6e55';
const REQUEST_ID = '6f1b7c2e-1d4a-4f7e-9a35-0c2b8d9e4f11';

export { MINIMAL_REQUEST as minimalRequest } from '../contract/request-example.js';

export const submitted = { id: ID, status: 'queued' } as const;

const completedResult: PlanResult = {
  rep: { id: 'rep-rennes-01', start: { lat: 48.1173, lon: -1.6778 }, end: { lat: 48.1173, lon: -1.6778 } },
  timezone: 'Europe/Paris',
  locale: 'en',
  summary: {
    visitsRequired: 2,
    visitsPlanned: 1,
    visitsMissed: 1,
    prospectVisits: 0,
    driveMinutes: 92,
    driveKm: 74.3,
    visitMinutes: 45,
    utilisation: 0.31,
    objective: { travel: 92, distance: 0, missedVisits: 166666.67, prospects: 0, total: 166758.67 },
    travelTimeSource: 'haversine',
  },
  days: [
    {
      date: '2026-11-23',
      departure: '08:00',
      return: '09:32',
      driveMinutes: 92,
      driveKm: 74.3,
      visitMinutes: 45,
      returnTravelMinutes: 47,
      returnTravelKm: 37.9,
      stops: [
        { kind: 'account', id: 'acc-0042', name: 'Boulangerie Morel', arrival: '08:45', start: '08:45', end: '09:30', waitMinutes: 0, travelMinutes: 45, travelKm: 36.4, lat: 48.1236, lon: -1.2085 },
      ],
    },
  ],
  unplanned: [
    { accountId: 'acc-0007', lat: 48.1102, lon: -1.6811, visitsMissing: 1, reason: 'outside_opening_hours', message: 'acc-0007 is not open for 30 minutes on any working day between 23 and 27 Nov.' },
  ],
  accounts: [
    { id: 'acc-0042', visitsRequired: 1, plannedDates: ['2026-11-23'], nextDue: '2026-11-30' },
    { id: 'acc-0007', visitsRequired: 1, plannedDates: [], nextDue: '2026-12-04' },
  ],
};

export const completedPlan: PlanJob = {
  id: ID,
  status: 'completed',
  createdAt: '2026-11-20T16:02:11.348Z',
  startedAt: '2026-11-20T16:02:11.402Z',
  finishedAt: '2026-11-20T16:02:21.977Z',
  expiresAt: '2026-11-27T16:02:21.977Z',
  attempts: 1,
  progress: { iteration: 5210, elapsedMs: 10000, percent: 100, bestObjective: 166758.67, etaSeconds: 0 },
  result: completedResult,
};

/** The completed example as each export gives it. */
export const exportExamples = {
  ics: toICalendar(completedResult, { locale: 'en', withBreak: false, revisedAt: Date.parse(completedPlan.createdAt) }),
  csv: toCsv(completedResult, 'en'),
  geojson: toGeoJson(completedResult),
  map: '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">…<svg id="map" …>…</svg>…</html>',
};

export const cancellingPlan: PlanJob = {
  id: ID,
  status: 'active',
  createdAt: '2026-11-20T16:02:11.348Z',
  startedAt: '2026-11-20T16:02:11.402Z',
  attempts: 1,
  progress: { iteration: 1200, elapsedMs: 4200, percent: 42, bestObjective: 594, etaSeconds: 5.8 },
  cancelRequested: true,
};

export const cancelledPlan: PlanJob = {
  id: ID,
  status: 'cancelled',
  createdAt: '2026-11-20T16:02:11.348Z',
  finishedAt: '2026-11-20T16:02:13.120Z',
  expiresAt: '2026-11-27T16:02:13.120Z',
  attempts: 0,
  progress: null,
};

/** A short plan's stream, from the queue to its end. */
export const eventStreamExample = [
  'retry: 2000',
  '',
  'id: queued.0.0',
  'event: queued',
  `data: {"id":"${ID}","status":"queued","createdAt":"2026-11-20T16:02:11.348Z","attempts":0,"progress":null,"href":"/v1/plans/${ID}"}`,
  '',
  'id: active.1.1200',
  'event: active',
  `data: {"id":"${ID}","status":"active","createdAt":"2026-11-20T16:02:11.348Z","startedAt":"2026-11-20T16:02:11.402Z","attempts":1,"progress":{"iteration":1200,"elapsedMs":4200,"percent":42,"bestObjective":594,"etaSeconds":5.8},"href":"/v1/plans/${ID}"}`,
  '',
  ': heartbeat',
  '',
  'id: completed',
  'event: completed',
  `data: {"id":"${ID}","status":"completed","createdAt":"2026-11-20T16:02:11.348Z","startedAt":"2026-11-20T16:02:11.402Z","finishedAt":"2026-11-20T16:02:21.977Z","expiresAt":"2026-11-27T16:02:21.977Z","attempts":1,"progress":{"iteration":5210,"elapsedMs":10000,"percent":100,"bestObjective":166758.67,"etaSeconds":0},"href":"/v1/plans/${ID}"}`,
  '',
  '',
].join('\n');

/** A few lines of a scrape. */
export const metricsExample = [
  '# HELP tournee_http_request_duration_seconds Time to answer HTTP requests, by method, route (its pattern) and status code.',
  '# TYPE tournee_http_request_duration_seconds histogram',
  'tournee_http_request_duration_seconds_bucket{le="0.005",method="POST",route="/v1/plans",status_code="202"} 41',
  'tournee_http_request_duration_seconds_bucket{le="+Inf",method="POST",route="/v1/plans",status_code="202"} 42',
  'tournee_http_request_duration_seconds_sum{method="POST",route="/v1/plans",status_code="202"} 0.093',
  'tournee_http_request_duration_seconds_count{method="POST",route="/v1/plans",status_code="202"} 42',
  '',
  '# HELP tournee_queue_jobs Jobs in each state of each queue, read when scraped: waiting, active, delayed, prioritized, waiting-children.',
  '# TYPE tournee_queue_jobs gauge',
  'tournee_queue_jobs{queue="plans",state="waiting"} 12',
  'tournee_queue_jobs{queue="plans",state="active"} 2',
  '',
  '# HELP tournee_solver_iterations_total Search iterations run by the solver.',
  '# TYPE tournee_solver_iterations_total counter',
  'tournee_solver_iterations_total 1843920',
  '',
].join('\n');

function problem(status: number, code: string, title: string, detail: string, instance: string, errors?: ProblemDocument['errors']): ProblemDocument {
  return { type: `urn:tournee:problem:${code}`, title, status, detail, instance, requestId: REQUEST_ID, ...(errors ? { errors } : {}) };
}

const PLANS = '/v1/plans';
const PLAN = `/v1/plans/${ID}`;

const BATCH_ID = 'batch-0c7e55a1-43b9-4d4e-9b1f-6f3a0e2d8c41';
const REP_PLANS = [
  { repId: 'rep-rennes-01', planId: 'plan-6a0f3d52-1c7e-4b8e-a2d4-93b1f0c5e7a8' },
  { repId: 'rep-vitre-02', planId: 'plan-b41c9e07-5d2a-4f63-8e1b-0a7c6d9f2e35' },
];

export const submittedBatch: SubmittedBatch = { id: BATCH_ID, status: 'queued', plans: REP_PLANS };

export const runningBatch: BatchJob = {
  id: BATCH_ID,
  status: 'active',
  createdAt: '2026-11-20T16:02:11.348Z',
  percent: 71,
  counts: { queued: 0, active: 1, completed: 1, failed: 0, cancelled: 0 },
  plans: [
    { ...REP_PLANS[0], status: 'completed', progress: { iteration: 5210, elapsedMs: 10000, percent: 100, bestObjective: 812.4, etaSeconds: 0 } },
    { ...REP_PLANS[1], status: 'active', progress: { iteration: 1200, elapsedMs: 4200, percent: 42, bestObjective: 594, etaSeconds: 5.8 } },
  ],
};

export const cancelledBatch: BatchJob = {
  id: BATCH_ID,
  status: 'cancelled',
  createdAt: '2026-11-20T16:02:11.348Z',
  finishedAt: '2026-11-20T16:02:16.020Z',
  expiresAt: '2026-11-27T16:02:16.020Z',
  percent: 100,
  counts: { queued: 0, active: 0, completed: 1, failed: 0, cancelled: 1 },
  plans: [
    { ...REP_PLANS[0], status: 'completed', progress: { iteration: 5210, elapsedMs: 10000, percent: 100, bestObjective: 812.4, etaSeconds: 0 } },
    { ...REP_PLANS[1], status: 'cancelled', progress: { iteration: 1400, elapsedMs: 4700, percent: 47, bestObjective: 590.5, etaSeconds: 5.3 } },
  ],
};

/** One example problem per status and path. */
export const problemExamples = {
  submit: {
    400: problem(400, 'validation', 'The request is not valid', '2 fields are invalid.', PLANS, [
      { pointer: '#/accounts/3/location/lat', detail: 'Too big: expected number to be <=90' },
      { pointer: '#/accounts/5', detail: 'Unrecognized key: "lastvisit"' },
    ]),
    401: problem(401, 'unauthorized', 'Missing or unknown API key', 'Send a valid API key in the X-API-Key header or as a Bearer token.', PLANS),
    413: problem(413, 'body-too-large', 'The request body is too large', 'Request body is too large', PLANS),
    415: problem(415, 'unsupported-media-type', 'Unsupported media type', 'Unsupported Media Type: text/plain', PLANS),
    422: problem(422, 'limit-exceeded', 'The request exceeds a limit of this service', 'The request is larger than this service accepts.', PLANS, [
      { pointer: '#/accounts', detail: '20000 accounts; this service accepts at most 5000.' },
    ]),
    429: problem(429, 'rate-limited', 'Too many requests', 'More than 600 submissions in 1 minute; retry in 12 seconds.', PLANS),
    503: problem(503, 'unavailable', 'The service is temporarily unavailable', 'The job store (Redis) is unreachable; retry shortly.', PLANS),
  },
  read: {
    400: problem(400, 'validation', 'The request is not valid', '1 field is invalid.', '/v1/plans/not:an:id', [{ parameter: 'id', detail: 'expected a plan id "plan-…"' }]),
    401: problem(401, 'unauthorized', 'Missing or unknown API key', 'Send a valid API key in the X-API-Key header or as a Bearer token.', PLAN),
    404: problem(404, 'not-found', 'Not found', `No plan ${ID}; results are kept for a limited time.`, PLAN),
    409: problem(409, 'already-finished', 'The plan has already finished', `Plan ${ID} has already completed.`, PLAN),
    429: problem(429, 'rate-limited', 'Too many requests', 'More than 6000 reads in 1 minute; retry in 3 seconds.', PLAN),
    503: problem(503, 'unavailable', 'The service is temporarily unavailable', 'The job store (Redis) is unreachable; retry shortly.', PLAN),
  },
  export: {
    400: problem(400, 'validation', 'The request is not valid', '1 field is invalid.', `${PLAN}/plan.ics`, [{ pointer: '#/locale', detail: 'Invalid option: expected one of "en"|"fr"' }]),
    401: problem(401, 'unauthorized', 'Missing or unknown API key', 'Send a valid API key in the X-API-Key header or as a Bearer token.', `${PLAN}/plan.ics`),
    404: problem(404, 'not-found', 'Not found', `No plan ${ID}; results are kept for a limited time.`, `${PLAN}/plan.ics`),
    409: problem(409, 'not-completed', 'The plan has no result to export', `Plan ${ID} is active; exports are available once it has completed.`, `${PLAN}/plan.ics`),
    429: problem(429, 'rate-limited', 'Too many requests', 'More than 6000 reads in 1 minute; retry in 3 seconds.', `${PLAN}/plan.ics`),
    503: problem(503, 'unavailable', 'The service is temporarily unavailable', 'The job store (Redis) is unreachable; retry shortly.', `${PLAN}/plan.ics`),
  },
  ready: {
    503: problem(503, 'unavailable', 'The service is temporarily unavailable', 'The job store (Redis) is unreachable; retry shortly.', '/ready'),
  },
} satisfies Record<string, Partial<Record<number, ProblemDocument>>>;

const BATCHES = '/v1/batches';
const BATCH = `/v1/batches/${BATCH_ID}`;

export const batchProblemExamples = {
  submit: {
    400: problem(400, 'validation', 'The request is not valid', '1 field is invalid.', BATCHES, [{ pointer: '#/reps/1/rep/id', detail: 'duplicate rep id "rep-rennes-01"' }]),
    401: problem(401, 'unauthorized', 'Missing or unknown API key', 'Send a valid API key in the X-API-Key header or as a Bearer token.', BATCHES),
    413: problem(413, 'body-too-large', 'The request body is too large', 'Request body is too large', BATCHES),
    415: problem(415, 'unsupported-media-type', 'Unsupported media type', 'Unsupported Media Type: text/plain', BATCHES),
    422: problem(422, 'limit-exceeded', 'The request exceeds a limit of this service', 'The request is larger than this service accepts.', BATCHES, [
      { pointer: '#/reps', detail: '250 reps; this service accepts at most 200.' },
    ]),
    429: problem(429, 'rate-limited', 'Too many requests', 'More than 600 submissions in 1 minute; retry in 12 seconds.', BATCHES),
    503: problem(503, 'unavailable', 'The service is temporarily unavailable', 'The job store (Redis) is unreachable; retry shortly.', BATCHES),
  },
  read: {
    400: problem(400, 'validation', 'The request is not valid', '1 field is invalid.', '/v1/batches/not:an:id', [{ parameter: 'id', detail: 'expected a batch id "batch-…"' }]),
    401: problem(401, 'unauthorized', 'Missing or unknown API key', 'Send a valid API key in the X-API-Key header or as a Bearer token.', BATCH),
    404: problem(404, 'not-found', 'Not found', `No batch ${BATCH_ID}; batches are kept for a limited time.`, BATCH),
    429: problem(429, 'rate-limited', 'Too many requests', 'More than 6000 reads in 1 minute; retry in 3 seconds.', BATCH),
    503: problem(503, 'unavailable', 'The service is temporarily unavailable', 'The job store (Redis) is unreachable; retry shortly.', BATCH),
  },
  conflict: problem(409, 'already-finished', 'The plan has already finished', `Batch ${BATCH_ID} has already completed.`, BATCH),
} satisfies Record<string, Partial<Record<number, ProblemDocument>> | ProblemDocument>;
