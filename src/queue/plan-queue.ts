import { randomUUID } from 'node:crypto';
import { Queue, type Job, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { PlanQueueError, storeUnavailable } from './errors.js';
import type { PlanJob } from '../contract/plan-job.js';
import { PlanProgress as PlanProgressSchema } from '../contract/plan-job.js';
import type { PlanRequest } from '../contract/plan-request.js';
import { PlanResult } from '../contract/plan-result.js';
import type { Config } from '../config.js';
import type { CallbackSender } from './callbacks.js';
import { fingerprint, queueKeys, sha256, type PlanJobData } from './keys.js';

export interface PlanQueueOptions {
  /** A connection that fails fast (enableOfflineQueue: false). */
  readonly connection: Redis;
  readonly queueName: string;
  readonly prefix: string;
  readonly attempts: number;
  readonly resultTtlSeconds: number;
  readonly resultMaxCount: number;
  readonly now?: () => Date;
  /** Tells a cancelled waiting plan's callbackUrl; running plans are reported by their worker. */
  readonly callbacks?: CallbackSender;
}

export interface SubmitOptions {
  /** Scoped to the caller by the API (one client's key never meets another's). */
  readonly idempotencyKey?: string;
  readonly requestId: string;
}

export interface PlanQueue {
  submit(request: PlanRequest, options: SubmitOptions): Promise<PlanJob>;
  get(id: string): Promise<PlanJob | null>;
  cancel(id: string): Promise<PlanJob | null>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type PlanJobHandle = Job<PlanJobData, PlanResult>;

/** The plan queue as the configuration sets it up. */
export function configuredPlanQueue(config: Config, connection: Redis, callbacks?: CallbackSender): PlanQueue {
  return createPlanQueue({
    connection,
    queueName: config.QUEUE_NAME,
    prefix: config.QUEUE_PREFIX,
    attempts: config.JOB_ATTEMPTS,
    resultTtlSeconds: config.RESULT_TTL_SECONDS,
    resultMaxCount: config.RESULT_MAX_COUNT,
    ...(callbacks ? { callbacks } : {}),
  });
}

export function createPlanQueue(options: PlanQueueOptions): PlanQueue {
  const { connection, queueName, prefix } = options;
  const now = options.now ?? (() => new Date());
  const keys = queueKeys(prefix, queueName);
  const queue = new Queue<PlanJobData, PlanResult>(queueName, { connection, prefix });
  // A Queue re-emits connection errors; the callers see them as failed commands.
  queue.on('error', () => undefined);
  const jobOptions: JobsOptions = {
    attempts: options.attempts,
    backoff: { type: 'exponential', delay: 2000, jitter: 0.5 },
    removeOnComplete: { age: options.resultTtlSeconds, count: options.resultMaxCount },
    removeOnFail: { age: options.resultTtlSeconds, count: options.resultMaxCount },
  };

  async function view(job: PlanJobHandle | undefined, id: string): Promise<PlanJob | null> {
    const cancelledSince = await connection.get(keys.cancelled(id));
    if (!job) return cancelledSince === null ? null : cancelledView(id, cancelledSince);
    return toView(job, await job.getState(), cancelledSince !== null);
  }

  return {
    async submit(request, { idempotencyKey, requestId }) {
      return guard(connection, async () => {
        const id = idempotencyKey ? `plan-${sha256(idempotencyKey).slice(0, 40)}` : `plan-${randomUUID()}`;
        // A plan cancelled while waiting is gone from the queue; its key keeps answering "cancelled".
        const cancelledSince = idempotencyKey ? await connection.get(keys.cancelled(id)) : null;
        if (cancelledSince !== null) return cancelledView(id, cancelledSince);
        const digest = fingerprint(request);
        const data: PlanJobData = { request, today: localDate(now(), request.timezone), requestId, fingerprint: digest };
        // With a custom id, BullMQ ignores a duplicate add: the job read back is the one that counts.
        await queue.add('plan', data, { ...jobOptions, jobId: id });
        const job = await queue.getJob(id);
        if (job && job.data.fingerprint !== digest) {
          throw new PlanQueueError('idempotency_mismatch', 'This Idempotency-Key was already used with a different request body.');
        }
        const stored = await view(job, id);
        if (!stored) throw new PlanQueueError('internal', 'The plan was accepted but could not be read back.');
        return stored;
      });
    },

    async get(id) {
      return guard(connection, async () => view(await queue.getJob(id), id));
    },

    async cancel(id) {
      return guard(connection, async () => {
        const job = await queue.getJob(id);
        const current = await view(job, id);
        if (!job || !current) return current;
        if (current.status === 'completed' || current.status === 'failed') {
          throw new PlanQueueError('already_finished', `Plan ${id} has already ${current.status === 'completed' ? 'completed' : 'failed'}.`);
        }
        if (current.status === 'cancelled') return current;
        // The mark is what a running processor watches; a waiting job is also removed.
        await connection.set(keys.cancelled(id), current.createdAt, 'EX', options.resultTtlSeconds);
        const removed = await job.remove().then(
          () => true,
          () => false,
        );
        const url = job.data.request.callbackUrl;
        if (removed && url) await options.callbacks?.send({ planId: id, url });
        return view(removed ? undefined : await queue.getJob(id), id);
      });
    },

    async ping() {
      await guard(connection, () => connection.ping());
    },

    async close() {
      await queue.close();
    },
  };
}

async function toView(job: PlanJobHandle, state: string, cancelled: boolean): Promise<PlanJob> {
  const id = job.id ?? '';
  const status = statusOf(state, cancelled, job.failedReason);
  const progress = PlanProgressSchema.safeParse(job.progress);
  const base: PlanJob = {
    id,
    status,
    createdAt: new Date(job.timestamp).toISOString(),
    attempts: job.attemptsStarted,
    progress: progress.success ? progress.data : null,
    ...(job.processedOn ? { startedAt: new Date(job.processedOn).toISOString() } : {}),
    ...(job.finishedOn ? { finishedAt: new Date(job.finishedOn).toISOString() } : {}),
  };
  if (status === 'completed') {
    const result = PlanResult.safeParse(job.returnvalue);
    if (result.success) return { ...base, result: result.data };
    return { ...base, status: 'failed', error: { title: 'Unreadable result', detail: 'The stored plan does not match the result schema.' } };
  }
  if (status === 'failed') return { ...base, error: { title: 'Planning failed', detail: job.failedReason } };
  return Promise.resolve(base);
}

function statusOf(state: string, cancelled: boolean, failedReason: string | undefined): PlanJob['status'] {
  if (state === 'completed') return 'completed';
  if (cancelled || (state === 'failed' && failedReason === CANCELLED)) return 'cancelled';
  if (state === 'failed') return 'failed';
  if (state === 'active') return 'active';
  return 'queued';
}

function cancelledView(id: string, createdAt: string): PlanJob {
  return { id, status: 'cancelled', createdAt, attempts: 0, progress: null };
}

/** The reason a cancelled job fails with. */
export const CANCELLED = 'cancelled';

/**
 * Runs a Redis-backed operation; a lost connection becomes a 503 problem at once
 * (BullMQ would otherwise wait for the connection to come back), other errors pass through.
 */
async function guard<T>(connection: Redis, operation: () => Promise<T>): Promise<T> {
  if (connection.status !== 'ready') throw storeUnavailable();
  try {
    return await operation();
  } catch (error) {
    if (isConnectionError(error)) throw storeUnavailable();
    throw error;
  }
}

const CONNECTION_FAILURE = /Stream isn't writeable|Connection is closed|Command timed out|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|max retries per request/i;

function isConnectionError(error: unknown): boolean {
  return error instanceof Error && CONNECTION_FAILURE.test(error.message);
}

/** The calendar date of an instant in an IANA time zone, "YYYY-MM-DD". */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
