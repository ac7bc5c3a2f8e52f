/**
 * The one owner of a plan's lifecycle: submission (with idempotency keys),
 * status and result (one atomic read, see plan-view.ts), ownership,
 * cancellation, retention, and the moment a callback is due.
 */
import { randomUUID } from 'node:crypto';
import { Queue, type Job, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { PlanJob, JobStatus } from '../contract/plan-job.js';
import type { PlanRequest } from '../contract/plan-request.js';
import type { PlanResult } from '../contract/plan-result.js';
import type { Config } from '../config.js';
import type { CallbackSender } from './callbacks.js';
import { createChangeFeed } from './change-feed.js';
import { PlanQueueError, storeUnavailable } from './errors.js';
import { fingerprint, queueKeys, sha256, type PlanJobData } from './keys.js';
import { ownerOf, readSnapshot, viewOf, type CancelMark } from './plan-view.js';

export interface PlanQueueOptions {
  /** A connection that fails fast (enableOfflineQueue: false) for the API; any connection for workers. */
  readonly connection: Redis;
  readonly queueName: string;
  readonly prefix: string;
  readonly attempts: number;
  /** A finished plan is readable exactly this long after it ends. */
  readonly resultTtlSeconds: number;
  readonly now?: () => number;
  readonly callbacks?: CallbackSender;
}

export interface SubmitOptions {
  /** The tenant (API key name) the plan belongs to. */
  readonly owner: string;
  /** Scoped to the owner: one tenant's key never meets another's. */
  readonly idempotencyKey?: string;
  readonly requestId: string;
  /** What a reused Idempotency-Key compares: the body as the caller sent it (default: the request). */
  readonly body?: unknown;
}

export interface Submitted {
  readonly id: string;
  readonly status: JobStatus;
}

export interface PlanQueue {
  submit(request: PlanRequest, options: SubmitOptions): Promise<Submitted>;
  /** The plan, or null when it does not exist for this owner. */
  get(id: string, owner: string): Promise<PlanJob | null>;
  cancel(id: string, owner: string): Promise<PlanJob | null>;
  /** The plan whoever owns it, for the callback sender. */
  read(id: string): Promise<PlanJob | null>;
  /** A plan's job has ended (completed, failed for good, cancelled): start its retention, announce it. */
  ended(id: string, callbackUrl: string | undefined): Promise<void>;
  /** Resolves when something may have happened to the plan, after `timeoutMs` at the latest, or on abort. */
  changed(id: string, timeoutMs: number, signal?: AbortSignal): Promise<void>;
  /** Jobs per BullMQ state, for metrics. */
  counts(): Promise<Record<string, number>>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type PlanJobHandle = Job<PlanJobData, PlanResult>;

/** The options of every plan job, alone or in a batch. */
export function planJobOptions(attempts: number, resultTtlSeconds: number): JobsOptions {
  return {
    attempts,
    backoff: { type: 'exponential', delay: 2000, jitter: 0.5 },
    // Retention is ours (a TTL when the plan ends, checked on read); BullMQ's lazy clean-up is the backstop.
    removeOnComplete: { age: resultTtlSeconds },
    removeOnFail: { age: resultTtlSeconds },
  };
}

/** The plan queue as the configuration sets it up. */
export function configuredPlanQueue(config: Config, connection: Redis, callbacks?: CallbackSender): PlanQueue {
  return createPlanQueue({
    connection,
    queueName: config.QUEUE_NAME,
    prefix: config.QUEUE_PREFIX,
    attempts: config.JOB_ATTEMPTS,
    resultTtlSeconds: config.RESULT_TTL_SECONDS,
    ...(callbacks ? { callbacks } : {}),
  });
}

export function createPlanQueue(options: PlanQueueOptions): PlanQueue {
  const { connection, queueName, prefix } = options;
  const now = options.now ?? (() => Date.now());
  const ttlMs = options.resultTtlSeconds * 1000;
  const keys = queueKeys(prefix, queueName);
  const queue = new Queue<PlanJobData, PlanResult>(queueName, { connection, prefix });
  // A Queue re-emits connection errors; the callers see them as failed commands.
  queue.on('error', () => undefined);
  const feed = createChangeFeed(connection, queueName, prefix);
  const jobOptions = planJobOptions(options.attempts, options.resultTtlSeconds);

  const read = async (id: string) => viewOf(await readSnapshot(connection, keys, id), ttlMs, now());
  const readOwned = async (id: string, owner: string) => {
    const snapshot = await readSnapshot(connection, keys, id);
    return ownerOf(snapshot) === owner ? viewOf(snapshot, ttlMs, now()) : null;
  };
  const add = (id: string, request: PlanRequest, owner: string, requestId: string, digest: string) => {
    const data: PlanJobData = { request, today: localDate(new Date(now()), request.timezone), requestId, fingerprint: digest };
    // The job's name is its owner: read with the job's state, it costs no extra round trip.
    return queue.add(owner, data, { ...jobOptions, jobId: id });
  };

  return {
    async submit(request, { owner, idempotencyKey, requestId, body }) {
      return guard(connection, async () => {
        if (idempotencyKey === undefined) {
          const id = `plan-${randomUUID()}`;
          await add(id, request, owner, requestId, '');
          return { id, status: 'queued' };
        }
        const id = `plan-${sha256(`${owner}\n${idempotencyKey}`).slice(0, 40)}`;
        const digest = fingerprint(body ?? request);
        const snapshot = await readSnapshot(connection, keys, id);
        let plan = ownerOf(snapshot) === owner ? viewOf(snapshot, ttlMs, now()) : null;
        if (!plan) {
          // A plan past its retention frees its key, even before Redis has dropped it: its id leaves
          // BullMQ's sets (a job hash gone, its id may stay there) and its callback is forgotten.
          await queue.remove(id);
          await options.callbacks?.forget(id);
          // With a custom id, BullMQ ignores a duplicate add: the job read back is the one that counts.
          await add(id, request, owner, requestId, digest);
          plan = await readOwned(id, owner);
        }
        if (!plan) throw new PlanQueueError('internal', 'The plan was accepted but could not be read back.');
        // A plan cancelled before it ran has no job left to compare with.
        const job = await queue.getJob(id);
        if (job && job.data.fingerprint !== digest) {
          throw new PlanQueueError('idempotency_mismatch', 'This Idempotency-Key was already used with a different request body.');
        }
        return { id, status: plan.status };
      });
    },

    get: (id, owner) => guard(connection, () => readOwned(id, owner)),

    read: (id) => guard(connection, () => read(id)),

    async cancel(id, owner) {
      return guard(connection, async () => {
        const current = await readOwned(id, owner);
        if (!current) return null;
        if (current.status === 'completed' || current.status === 'failed') {
          throw new PlanQueueError('already_finished', `Plan ${id} has already ${current.status}.`);
        }
        if (current.status === 'cancelled') return current;
        // The mark is what a running processor watches; a waiting job is removed at once.
        const mark: CancelMark = { owner, createdAt: current.createdAt, at: new Date(now()).toISOString() };
        await connection.set(keys.cancelled(id), JSON.stringify(mark), 'EX', options.resultTtlSeconds);
        // Only a waiting plan is removed: one that has just completed keeps its result.
        const url = current.status === 'queued' ? (await queue.getJob(id))?.data.request.callbackUrl : undefined;
        const removed = current.status === 'queued' && (await queue.remove(id).catch(() => 0)) === 1;
        if (removed && url) await options.callbacks?.send({ planId: id, url });
        return read(id);
      });
    },

    async ended(id, callbackUrl) {
      const view = await read(id);
      if (view?.expiresAt !== undefined) {
        await connection.pexpireat(keys.job(id), Date.parse(view.expiresAt));
      }
      if (callbackUrl) await options.callbacks?.send({ planId: id, url: callbackUrl });
    },

    changed: (id, timeoutMs, signal) => feed.next(id, timeoutMs, signal),

    counts: () => guard(connection, () => queue.getJobCounts(...QUEUE_STATES)),

    async ping() {
      await guard(connection, () => connection.ping());
    },

    async close() {
      await feed.close();
      await queue.close();
    },
  };
}

/** The BullMQ states a queue's depth is counted in. */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const;

/**
 * Runs a Redis-backed operation; a lost connection becomes a 503 problem at once
 * (BullMQ would otherwise wait for the connection to come back), other errors pass through.
 */
export async function guard<T>(connection: Redis, operation: () => Promise<T>): Promise<T> {
  if (connection.status !== 'ready') throw storeUnavailable();
  try {
    return await operation();
  } catch (error) {
    if (isConnectionError(error)) throw storeUnavailable();
    throw error;
  }
}

/** Socket failures, and the replies of a Redis that is failing over, loading or full. */
const CONNECTION_FAILURE = /Stream isn't writeable|Connection is closed|Command timed out|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|max retries per request|^(READONLY|LOADING|MASTERDOWN|TRYAGAIN|OOM|CLUSTERDOWN)\b/i;

function isConnectionError(error: unknown): boolean {
  return error instanceof Error && CONNECTION_FAILURE.test(error.message);
}

/** One formatter per time zone: building one costs more than the rest of a submission. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant in an IANA time zone, "YYYY-MM-DD". */
export function localDate(at: Date, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    // Only zones that validation accepted get here, so the map is bounded by the zone database.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  return format.format(at);
}
