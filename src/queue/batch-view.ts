/**
 * What a batch is: while it runs, read from its plans (their states, not their
 * results); once its last plan has ended, from the outcome its job kept.
 */
import type { Redis } from 'ioredis';
import type { BatchJob, BatchOutcome, BatchPlan } from '../contract/batch.js';
import { BatchOutcome as BatchOutcomeSchema } from '../contract/batch.js';
import type { JobStatus } from '../contract/plan-job.js';
import type { QueueKeys } from './keys.js';
import { parseJson, readSnapshot, viewOf, type PlanSnapshot } from './plan-view.js';

export interface RepPlanRef {
  readonly repId: string;
  readonly planId: string;
}

/** The state of each plan of a batch, in order; a plan no longer stored counts as failed. */
export async function readPlans(connection: Redis, planKeys: QueueKeys, plans: readonly RepPlanRef[], ttlMs: number, now: number): Promise<BatchPlan[]> {
  const snapshots = await Promise.all(plans.map((p) => readSnapshot(connection, planKeys, p.planId, { result: false })));
  return plans.map((ref, i): BatchPlan => {
    const snapshot = snapshots.at(i);
    const view = snapshot ? viewOf(snapshot, ttlMs, now, { result: false }) : null;
    if (!view) return { ...ref, status: 'failed', progress: null, error: { title: 'Gone', detail: 'The plan is no longer stored.' } };
    return { ...ref, status: view.status, progress: view.progress, ...(view.error ? { error: view.error } : {}) };
  });
}

export function outcomeOf(text: string | undefined): BatchOutcome | null {
  const parsed = BatchOutcomeSchema.safeParse(parseJson(text ?? ''));
  return parsed.success ? parsed.data : null;
}

const FINAL = new Set<JobStatus>(['completed', 'failed', 'cancelled']);

/** The batch as GET shows it, from its job's snapshot and its plans (read live until the outcome is kept). */
export function batchViewOf(snapshot: PlanSnapshot, plans: readonly BatchPlan[], ttlMs: number, now: number): BatchJob | null {
  const { id, job, cancel } = snapshot;
  if (!job) return null;
  const outcome = snapshot.state === 'completed' ? outcomeOf(job.returnvalue) : null;
  const finishedOn = job.finishedOn;
  const ended = snapshot.state === 'completed' || snapshot.state === 'failed';
  if (ended && finishedOn !== undefined && finishedOn + ttlMs <= now) return null;
  const list = outcome?.plans ?? plans;
  const counts = { queued: 0, active: 0, completed: 0, failed: 0, cancelled: 0 };
  for (const p of list) counts[p.status]++;
  const percent = list.length === 0 ? 100 : list.reduce((sum, p) => sum + (FINAL.has(p.status) ? 100 : (p.progress?.percent ?? 0)), 0) / list.length;
  const status: JobStatus = outcome
    ? outcome.cancelled ? 'cancelled' : 'completed'
    : snapshot.state === 'failed' ? 'failed'
    : counts.queued === list.length ? 'queued' : 'active';
  return {
    id,
    status,
    createdAt: new Date(job.timestamp).toISOString(),
    ...(ended && finishedOn !== undefined ? { finishedAt: new Date(finishedOn).toISOString(), expiresAt: new Date(finishedOn + ttlMs).toISOString() } : {}),
    ...(!ended && cancel ? { cancelRequested: true } : {}),
    percent: Math.round(percent * 10) / 10,
    counts,
    plans: [...list],
  };
}
