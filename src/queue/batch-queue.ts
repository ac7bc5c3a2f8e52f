/**
 * Team batches as BullMQ flows: a parent job in the batch queue and one child
 * per rep in the plan queue. A child is an ordinary plan (same job options,
 * same owner, read and cancelled like any other); a child that fails for good
 * leaves its parent's dependencies (ignoreDependencyOnFailure), so the parent
 * runs once every plan has ended, whatever each came to. The parent's work
 * (batch-worker.ts) keeps the outcome and sends the one callback.
 */
import { randomUUID } from 'node:crypto';
import { FlowProducer, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { BatchJob, BatchOutcome, BatchRequest, SubmittedBatch } from '../contract/batch.js';
import { repPlan } from '../contract/batch.js';
import type { Location } from '../contract/common.js';
import type { Config } from '../config.js';
import { pointsOf } from '../domain/compile.js';
import { pointKey } from '../matrix/cached.js';
import type { CallbackSender } from './callbacks.js';
import { batchViewOf, readPlans, type RepPlanRef } from './batch-view.js';
import { PlanQueueError } from './errors.js';
import { queueKeys, type PlanJobData } from './keys.js';
import { QUEUE_STATES, guard, localDate, planJobOptions, type PlanQueue } from './plan-queue.js';
import { ownerOf, readSnapshot, type CancelMark } from './plan-view.js';

/** What a batch's parent job carries. */
export interface BatchJobData {
  readonly requestId: string;
  readonly callbackUrl?: string;
  readonly plans: readonly RepPlanRef[];
  /** Per rep, its points that other reps of the batch share: their travel times are fetched once for all. */
  readonly shared: readonly (readonly Location[])[];
}

export interface BatchQueue {
  submit(request: BatchRequest, options: { owner: string; requestId: string }): Promise<SubmittedBatch>;
  /** The batch, or null when it does not exist for this owner. */
  get(id: string, owner: string): Promise<BatchJob | null>;
  /** Cancels every plan of the batch that has not ended. */
  cancel(id: string, owner: string): Promise<BatchJob | null>;
  /** The batch whoever owns it, for the callback sender. */
  read(id: string): Promise<BatchJob | null>;
  /** What each plan came to, once all have ended (the parent job's result). */
  outcome(id: string, plans: readonly RepPlanRef[]): Promise<BatchOutcome>;
  /** The batch has ended: its retention starts, its callback is due. */
  ended(id: string, callbackUrl: string | undefined): Promise<void>;
  counts(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export function batchQueueName(config: Pick<Config, 'QUEUE_NAME'>): string {
  return `${config.QUEUE_NAME}-batches`;
}

export interface BatchQueueOptions {
  readonly config: Config;
  readonly connection: Redis;
  readonly plans: PlanQueue;
  readonly callbacks?: CallbackSender;
  readonly now?: () => number;
}

export function createBatchQueue({ config, connection, plans, callbacks, now = () => Date.now() }: BatchQueueOptions): BatchQueue {
  const prefix = config.QUEUE_PREFIX;
  const name = batchQueueName(config);
  const keys = queueKeys(prefix, name);
  const planKeys = queueKeys(prefix, config.QUEUE_NAME);
  const ttlMs = config.RESULT_TTL_SECONDS * 1000;
  const queue = new Queue<BatchJobData, BatchOutcome>(name, { connection, prefix });
  queue.on('error', () => undefined);
  const flows = new FlowProducer({ connection, prefix });
  flows.on('error', () => undefined);

  const read = async (id: string, owner?: string): Promise<BatchJob | null> => {
    const snapshot = await readSnapshot(connection, keys, id);
    if (!snapshot.job || (owner !== undefined && ownerOf(snapshot) !== owner)) return null;
    const live = snapshot.state === 'completed' ? [] : await readPlans(connection, planKeys, (await dataOf(id))?.plans ?? [], ttlMs, now());
    return batchViewOf(snapshot, live, ttlMs, now());
  };
  const dataOf = async (id: string) => (await queue.getJob(id))?.data;

  return {
    submit: (request, { owner, requestId }) =>
      guard(connection, async () => {
        const id = `batch-${randomUUID()}`;
        const today = localDate(new Date(now()), request.timezone);
        const refs = request.reps.map((r) => ({ repId: r.rep.id, planId: `plan-${randomUUID()}` }));
        const data: BatchJobData = { requestId, plans: refs, shared: sharedPoints(request), ...(request.callbackUrl ? { callbackUrl: request.callbackUrl } : {}) };
        const retention = { removeOnComplete: { age: config.RESULT_TTL_SECONDS }, removeOnFail: { age: config.RESULT_TTL_SECONDS } };
        await flows.add({
          name: owner,
          queueName: name,
          data,
          opts: { jobId: id, attempts: 5, backoff: { type: 'exponential', delay: 1000 }, ...retention },
          children: request.reps.map((rep, i) => {
            const child: PlanJobData = { request: repPlan(request, rep), today, requestId, fingerprint: '', batchId: id };
            return { name: owner, queueName: config.QUEUE_NAME, data: child, opts: { ...planJobOptions(config.JOB_ATTEMPTS, config.RESULT_TTL_SECONDS), jobId: refs[i].planId, ignoreDependencyOnFailure: true } };
          }),
        });
        return { id, status: 'queued', plans: refs };
      }),

    get: (id, owner) => guard(connection, () => read(id, owner)),

    read: (id) => guard(connection, () => read(id)),

    cancel: (id, owner) =>
      guard(connection, async () => {
        const current = await read(id, owner);
        if (!current) return null;
        if (current.status === 'completed' || current.status === 'failed') throw new PlanQueueError('already_finished', `Batch ${id} has already ${current.status}.`);
        if (current.status === 'cancelled') return current;
        const mark: CancelMark = { owner, createdAt: current.createdAt, at: new Date(now()).toISOString() };
        await connection.set(keys.cancelled(id), JSON.stringify(mark), 'EX', config.RESULT_TTL_SECONDS);
        for (const p of current.plans) {
          if (p.status === 'queued' || p.status === 'active') await plans.cancel(p.planId, owner).catch(() => null);
        }
        return read(id, owner);
      }),

    async outcome(id, refs) {
      const cancelled = (await connection.exists(keys.cancelled(id))) === 1;
      return { cancelled, plans: await readPlans(connection, planKeys, refs, ttlMs, now()) };
    },

    async ended(id, callbackUrl) {
      const snapshot = await readSnapshot(connection, keys, id);
      const finishedOn = snapshot.job?.finishedOn;
      if (finishedOn !== undefined) {
        // The parent's own keys, and those BullMQ keeps beside it for its children.
        const at = finishedOn + ttlMs;
        const job = keys.job(id);
        await Promise.all([job, `${job}:dependencies`, `${job}:failed`, `${job}:unsuccessful`, `${job}:logs`, `${job}:warm`, keys.cancelled(id)].map((key) => connection.pexpireat(key, at)));
        // BullMQ copies every plan's result there; nothing reads it, and each plan keeps its own.
        await connection.del(`${job}:processed`);
      }
      if (callbackUrl) await callbacks?.send({ batchId: id, url: callbackUrl });
    },

    counts: () => guard(connection, () => queue.getJobCounts(...QUEUE_STATES)),

    async close() {
      await flows.close();
      await queue.close();
    },
  };
}

/** Per rep, the points of its plan that another rep of the batch also has (by the cache's key of a point). */
export function sharedPoints(request: BatchRequest): Location[][] {
  const points = request.reps.map((r) => pointsOf(repPlan(request, r)));
  const reps = new Map<string, number>();
  for (const own of points) {
    for (const key of new Set(own.map(pointKey))) reps.set(key, (reps.get(key) ?? 0) + 1);
  }
  return points.map((own) => {
    const seen = new Set<string>();
    return own.filter((p) => {
      const key = pointKey(p);
      if ((reps.get(key) ?? 0) < 2 || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  });
}
