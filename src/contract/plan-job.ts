import { z } from 'zod';
import { PlanResult } from './plan-result.js';

export const JOB_STATUSES = ['queued', 'active', 'completed', 'failed', 'cancelled'] as const;
export const JobStatus = z.enum(JOB_STATUSES).meta({ description: 'Where the plan is in its life.', examples: ['completed'] });
export type JobStatus = z.infer<typeof JobStatus>;

export const PlanId = z
  .string()
  .regex(/^plan-[\w-]{1,80}$/, 'expected a plan id "plan-…"')
  .meta({ description: 'Plan (job) identifier.', examples: ['plan-3f1c2a9e-8d0b-4b53-9f0e-2a8f1c7d6e55'] });

export const Submitted = z
  .object({
    id: PlanId,
    status: JobStatus,
  })
  .meta({ id: 'Submitted', description: 'An accepted plan request.' });

export const PlanProgress = z
  .object({
    iteration: z.int().min(0).meta({ description: 'Search iterations done.', examples: [1200] }),
    elapsedMs: z.number().min(0).meta({ description: 'Search time so far, in milliseconds.', examples: [4200] }),
    percent: z.number().min(0).max(100).meta({
      description: 'How far the search is, in percent: the larger of the share of `options.timeLimitSeconds` spent and, with `options.iterations`, the share of iterations done.',
      examples: [42],
    }),
    bestObjective: z.number().meta({
      description: 'Objective of the best plan so far, in the units of `result.summary.objective.total` (minutes of driving plus penalties).',
      examples: [594],
    }),
    etaSeconds: z.number().min(0).meta({
      description: 'Estimated seconds until the search ends: the time left before the time limit, or sooner at the current pace when an iteration budget ends it first.',
      examples: [5.8],
    }),
  })
  .meta({ id: 'PlanProgress', description: 'Progress of the search.' });
export type PlanProgress = z.infer<typeof PlanProgress>;

/** An instant in UTC, ISO 8601; produced by the service, so not re-validated by pattern. */
export const Timestamp = z.string().meta({ format: 'date-time', examples: ['2026-11-23T08:00:00.000Z'] });

export const PlanJob = z
  .object({
    id: PlanId,
    status: JobStatus,
    createdAt: Timestamp.meta({ description: 'When the plan was accepted.' }),
    startedAt: Timestamp.optional().meta({ description: 'When a worker started it (latest attempt).' }),
    finishedAt: Timestamp.optional().meta({ description: 'When it completed, failed or was cancelled.' }),
    expiresAt: Timestamp.optional().meta({ description: 'When a finished plan is removed; GET answers 404 from then on.' }),
    cancelRequested: z.boolean().optional().meta({ description: 'True while a running plan has been asked to stop; its status changes once it has.' }),
    attempts: z.int().min(0).meta({ description: 'Attempts started so far.' }),
    progress: PlanProgress.nullable().meta({ description: 'Latest progress of the search; null before it starts.' }),
    result: PlanResult.optional().meta({ description: 'The plan, once completed.' }),
    error: z
      .object({
        title: z.string().meta({ description: 'Kind of failure.', examples: ['Planning failed'] }),
        detail: z.string().meta({ description: 'What happened.', examples: ['OSRM at http://osrm:5000 is unavailable: no usable answer after 4 attempt(s)'] }),
      })
      .optional()
      .meta({ description: 'Why the plan failed.' }),
  })
  .meta({ id: 'PlanJob', description: 'A plan request and, once done, its result.' });
export type PlanJob = z.infer<typeof PlanJob>;

/** One state of a plan as its event stream tells it: what GET says, less the result (read it at `href`). */
export const PlanEvent = PlanJob.omit({ result: true })
  .extend({ href: z.string().meta({ description: 'Where to read the whole plan.', examples: ['/v1/plans/plan-3f1c2a9e-8d0b-4b53-9f0e-2a8f1c7d6e55'] }) })
  .meta({ id: 'PlanEvent', description: 'The data of one event of a plan\'s stream (`GET /v1/plans/{id}/events`).' });
export type PlanEvent = z.infer<typeof PlanEvent>;
