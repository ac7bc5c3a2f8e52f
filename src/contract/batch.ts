/**
 * A team batch: many reps, each with its own portfolio, planned with shared
 * options as one unit, and its state. Each rep's plan is an ordinary plan
 * (read at /v1/plans/{planId}); the batch ends when the last of them ends.
 */
import { z } from 'zod';
import { JobStatus, PlanId, PlanProgress, Timestamp } from './plan-job.js';
import { PlanOptions, PlanRequest } from './plan-request.js';

export const BatchId = z
  .string()
  .regex(/^batch-[\w-]{1,80}$/, 'expected a batch id "batch-…"')
  .meta({ description: 'Batch identifier.', examples: ['batch-0c7e55a1-43b9-4d4e-9b1f-6f3a0e2d8c41'] });

const plan = PlanRequest.shape;

export const BatchRep = z
  .strictObject({
    rep: plan.rep,
    accounts: plan.accounts,
    prospects: plan.prospects,
    prospecting: plan.prospecting,
    previousPlan: PlanOptions.shape.previousPlan.meta({ description: 'This rep\'s previous plan, to keep days stable and report what changed (`options.previousPlan` of its plan).' }),
  })
  .meta({ id: 'BatchRep', description: 'One rep of a batch, with its own portfolio.' });
export type BatchRep = z.infer<typeof BatchRep>;

export const BatchRequest = z
  .strictObject({
    timezone: plan.timezone,
    horizon: plan.horizon,
    options: plan.options.meta({ description: 'Solver options shared by every rep\'s plan; `previousPlan` goes with each rep.' }),
    callbackUrl: plan.callbackUrl.meta({ description: 'Called once, when every plan of the batch has ended.' }),
    reps: z.array(BatchRep).min(1).meta({ description: 'The reps to plan, one plan each.' }),
  })
  .superRefine((batch, ctx) => {
    if (batch.options.previousPlan !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'give previousPlan with each rep (reps[i].previousPlan)', path: ['options', 'previousPlan'] });
    }
    const seen = new Set<string>();
    batch.reps.forEach((r, i) => {
      if (seen.has(r.rep.id)) ctx.addIssue({ code: 'custom', message: `duplicate rep id "${r.rep.id}"`, path: ['reps', i, 'rep', 'id'] });
      seen.add(r.rep.id);
      // Each rep's plan must pass every check of a plan request; its own parts are reported under reps[i].
      const checked = PlanRequest.safeParse(repPlan(batch, r));
      for (const issue of checked.error?.issues ?? []) {
        const [head, second, ...rest] = issue.path;
        if (head === 'options' && second === 'previousPlan') ctx.addIssue({ code: 'custom', message: issue.message, path: ['reps', i, 'previousPlan', ...rest] });
        else if (head === 'rep' || head === 'accounts' || head === 'prospects' || head === 'prospecting') ctx.addIssue({ code: 'custom', message: issue.message, path: ['reps', i, ...issue.path] });
      }
    });
  })
  .meta({ id: 'BatchRequest', description: 'Many reps, each with its own accounts, planned with shared options.' });
export type BatchRequest = z.infer<typeof BatchRequest>;
export type BatchRequestInput = z.input<typeof BatchRequest>;

/** The plan request of one rep of a batch. */
export function repPlan(batch: Pick<BatchRequest, 'timezone' | 'horizon' | 'options'>, rep: BatchRep): PlanRequest {
  return {
    timezone: batch.timezone,
    horizon: batch.horizon,
    options: rep.previousPlan === undefined ? batch.options : { ...batch.options, previousPlan: rep.previousPlan },
    rep: rep.rep,
    accounts: rep.accounts,
    prospects: rep.prospects,
    ...(rep.prospecting === undefined ? {} : { prospecting: rep.prospecting }),
  };
}

const RepPlanRef = z.object({
  repId: z.string().meta({ description: 'The rep.', examples: ['rep-rennes-01'] }),
  planId: PlanId.meta({ description: 'The rep\'s plan, readable at `/v1/plans/{planId}`.' }),
});

export const SubmittedBatch = z
  .object({
    id: BatchId,
    status: JobStatus,
    plans: z.array(RepPlanRef).meta({ description: 'One plan per rep, in the order of the request.' }),
  })
  .meta({ id: 'SubmittedBatch', description: 'An accepted batch and the plan of each rep.' });
export type SubmittedBatch = z.infer<typeof SubmittedBatch>;

export const BatchPlan = RepPlanRef.extend({
  status: JobStatus,
  progress: PlanProgress.nullable().meta({ description: 'Latest progress of the rep\'s search; null before it starts.' }),
  error: z
    .object({
      title: z.string().meta({ description: 'Kind of failure.', examples: ['Planning failed'] }),
      detail: z.string().meta({ description: 'What happened.', examples: ['The rep\'s start or end cannot be reached by road.'] }),
    })
    .optional()
    .meta({ description: 'Why the rep\'s plan failed.' }),
}).meta({ id: 'BatchPlan', description: 'Where one rep\'s plan is.' });
export type BatchPlan = z.infer<typeof BatchPlan>;

const Count = z.int().min(0);

export const BatchJob = z
  .object({
    id: BatchId,
    status: JobStatus.meta({
      description: 'queued until a plan starts, active until the last plan ends, then completed (whatever each plan came to: see `counts`), or cancelled when a cancel was asked for.',
    }),
    createdAt: Timestamp.meta({ description: 'When the batch was accepted.' }),
    finishedAt: Timestamp.optional().meta({ description: 'When its last plan ended.' }),
    expiresAt: Timestamp.optional().meta({ description: 'When a finished batch is removed; GET answers 404 from then on. Each plan is kept as long after its own end.' }),
    cancelRequested: z.boolean().optional().meta({ description: 'True while plans of a cancelled batch are still stopping.' }),
    percent: z.number().min(0).max(100).meta({ description: 'How far the batch is: the mean of its plans\' percent (100 for an ended plan, 0 for a queued one).', examples: [64.5] }),
    counts: z
      .object({
        queued: Count.meta({ description: 'Plans waiting for a worker.' }),
        active: Count.meta({ description: 'Plans being searched.' }),
        completed: Count.meta({ description: 'Plans completed.' }),
        failed: Count.meta({ description: 'Plans that failed.' }),
        cancelled: Count.meta({ description: 'Plans cancelled.' }),
      })
      .meta({ description: 'Plans in each status.', examples: [{ queued: 10, active: 3, completed: 27, failed: 0, cancelled: 0 }] }),
    plans: z.array(BatchPlan).meta({ description: 'Each rep\'s plan, in the order of the request.' }),
  })
  .meta({ id: 'BatchJob', description: 'A batch and where each of its plans is.' });
export type BatchJob = z.infer<typeof BatchJob>;

/** What a finished batch keeps: each plan's end, read once when the last one ended. */
export const BatchOutcome = z.object({ cancelled: z.boolean(), plans: z.array(BatchPlan) });
export type BatchOutcome = z.infer<typeof BatchOutcome>;
